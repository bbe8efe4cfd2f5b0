#!/usr/bin/env node
// The installed `tapline` command: runs the bundled CLI, or says how to build it.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '../out/cli/tapline.mjs');

if (!existsSync(bundle)) {
  process.stderr.write(`tapline: the CLI is not built (${bundle} is missing); ` +
    'run `npm run build:cli` (or `npm run build`) in the Tapline folder first\n');
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
