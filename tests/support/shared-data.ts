// Where the shared captures live (../shared beside the repo), and why a test skips without them.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = resolve(repoRoot, '../shared');
export const capturesDir = join(sharedRoot, 'captures');
export const hasSharedData = existsSync(capturesDir);

if (!hasSharedData) {
  console.warn(`[tests] skipping tests that need ${sharedRoot}: the folder is absent`);
}

export function sharedCapture(name: string): string {
  return join(capturesDir, name);
}
