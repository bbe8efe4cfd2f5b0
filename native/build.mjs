// Builds native/build/Release/tapline_pcap.node with node-gyp when it is missing or older
// than its sources, against the headers of the Node that runs this script (no downloads).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const nativeDir = path.dirname(fileURLToPath(import.meta.url));
const addon = path.join(nativeDir, 'build', 'Release', 'tapline_pcap.node');

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(ensureAddonBuilt({ force: process.argv.includes('--force') }));
}
