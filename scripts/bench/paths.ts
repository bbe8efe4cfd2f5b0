// Where the benchmark finds the repository, its generated captures and the shared captures.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const benchData = join(repoRoot, 'bench-data');
export const sharedCaptures = resolve(repoRoot, '../shared/captures');
export const cliPath = join(repoRoot, 'out/cli/tapline.mjs');
