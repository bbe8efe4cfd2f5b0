// `npm run dist`: builds Tapline, then packages it with electron-builder (electron-builder.yml).
// Arguments go to electron-builder (--linux deb, --mac, --win, --x64, --dir…), except
// --skip-build, for when `npm run build` has just run.
//
// electron-builder downloads Electron's zip for the target platform (and, for deb and
// AppImage, its packaging tools). Where that cannot happen, this says so and exits 2.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFuses } from './fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PLATFORM_FLAGS = { '--linux': 'linux', '--mac': 'darwin', '--win': 'win32' };

/** The platforms asked for; the host's when none is named. */
export function targetPlatforms(args) {
  const named = args.filter((arg) => arg in PLATFORM_FLAGS).map((arg) => PLATFORM_FLAGS[arg]);
  return named.length > 0 ? named : [process.platform];
}

/** Electron's unpacked binary from node_modules/electron, when it was downloaded there. */
export function localElectronDist() {
  const dist = path.join(root, 'node_modules/electron/dist');
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return undefined;
  return existsSync(path.join(dist, readFileSync(pathFile, 'utf8').trim())) ? dist : undefined;
}

/** Why electron-builder failed, in words a user can act on, when it was a download. */
export function explainFailure(output) {
  const network = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo/;
  const refused = /socket hang up|status code 40[34]/i;
  if (!network.test(output) && !refused.test(output)) return undefined;
  return 'packaging needs files that could not be downloaded: Electron\'s release zip for '
    + 'each target platform, and for deb and AppImage electron-builder\'s packaging tools. '
    + 'Run `npm run dist` on a machine with internet access, or set ELECTRON_MIRROR '
    + '(and ELECTRON_BUILDER_BINARIES_MIRROR) to a mirror you trust, or fill '
    + 'ELECTRON_BUILDER_CACHE beforehand. For the host platform, `npx install-electron` '
    + 'puts Electron in node_modules, and this script then packages from there.';
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream, sink) => stream.on('data', (chunk) => {
      output += chunk;
      sink.write(chunk);
    });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(allArgs) {
  const args = allArgs.filter((arg) => arg !== '--skip-build');
  if (args.length === allArgs.length) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('dist: `npm run build` failed; fix that first.');
      return 1;
    }
  }

  const builderArgs = [...args, '--publish', 'never'];
  const platforms = targetPlatforms(args);
  const dist = localElectronDist();
  // A downloaded Electron serves only its own platform; others are fetched by the builder.
  if (dist && platforms.every((platform) => platform === process.platform)) {
    builderArgs.push(`-c.electronDist=${dist}`);
  }
  const cli = path.join(root, 'node_modules/electron-builder/cli.js');
  const { code, output } = await run(process.execPath, [cli, ...builderArgs]);
  if (code !== 0) {
    const reason = explainFailure(output);
    console.error(`\ndist: ${reason ?? 'electron-builder failed (see above).'}`);
    return reason ? 2 : code;
  }

  const unpacked = path.join(root, 'dist/linux-unpacked/tapline');
  if (existsSync(unpacked)) {
    console.log(`dist: fuses of ${unpacked}: ${JSON.stringify(await readFuses(unpacked))}`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
