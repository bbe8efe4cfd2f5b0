// Builds native/build/Release/tapline_pcap.node with node-gyp when it is missing or older
// than its sources, against the headers of the Node that runs this script (no downloads),
// and beside it tapline-capture, the capture helper that packages ship with capabilities.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDir = path.dirname(fileURLToPath(import.meta.url));
const addon = path.join(nativeDir, 'build', 'Release', 'tapline_pcap.node');
const helperSource = path.join(nativeDir, 'helper', 'tapline-capture.c');
const helper = path.join(nativeDir, 'build', 'Release', 'tapline-capture');

function newestSource() {
  const sources = readdirSync(path.join(nativeDir, 'src')).map((name) => path.join('src', name));
  return Math.max(...[...sources, 'binding.gyp']
    .map((name) => statSync(path.join(nativeDir, name)).mtimeMs));
}

export function ensureAddonBuilt({ force = false } = {}) {
  if (!force && existsSync(addon) && statSync(addon).mtimeMs >= newestSource()) return addon;

  // Node's own tree carries include/node; node-gyp would otherwise try to download it.
  const nodeDir = path.resolve(process.execPath, '..', '..');
  const nodeGyp = path.resolve(nativeDir, '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(process.execPath,
    [nodeGyp, 'rebuild', '-C', nativeDir, `--nodedir=${nodeDir}`, '--loglevel=warn'],
    { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('building the libpcap addon failed: install libpcap-dev, g++ and make, '
      + 'then run `node native/build.mjs --force`');
  }
  return addon;
}

/**
 * Builds the capture helper with gcc when it is missing or older than its source. It needs
 * what the addon needs (libpcap-dev, a C compiler), so it builds wherever the addon does.
 * node-gyp's rebuild empties build/, so the addon must be built first.
 */
export function ensureHelperBuilt({ force = false } = {}) {
  if (!force && existsSync(helper) && statSync(helper).mtimeMs >= statSync(helperSource).mtimeMs) {
    return helper;
  }
  mkdirSync(path.dirname(helper), { recursive: true });
  const result = spawnSync('gcc', ['-O2', '-Wall', '-Wextra', '-D_FORTIFY_SOURCE=2',
    '-fstack-protector-strong', '-o', helper, helperSource, '-lpcap'], { encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(`${result.error?.message ?? ''}${result.stdout ?? ''}`
      + `${result.stderr ?? ''}`);
    throw new Error('building the capture helper failed: install libpcap-dev and gcc, '
      + 'then run `node native/build.mjs --force`');
  }
  // Warnings are errors in spirit: show them, since -Wall -Wextra found something.
  if (result.stderr) process.stderr.write(result.stderr);
  return helper;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  console.log(ensureAddonBuilt({ force }));
  console.log(ensureHelperBuilt({ force }));
}
