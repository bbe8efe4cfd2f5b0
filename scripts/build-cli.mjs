// Bundles the CLI (src/cli/index.ts and the engine it uses) into out/cli/tapline.mjs.

import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Tests build their own copy (--outfile PATH) so parallel test files never share one.
const outfileFlag = process.argv.indexOf('--outfile');
const outfile = outfileFlag > 0
  ? path.resolve(process.argv[outfileFlag + 1])
  : path.join(root, 'out/cli/tapline.mjs');

await build({
  entryPoints: [path.join(root, 'src/cli/index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Node built-ins stay imports; everything of ours is inlined.
  packages: 'external',
  logLevel: 'warning',
});
