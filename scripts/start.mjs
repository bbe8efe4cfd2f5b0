// `npm start [-- FILE]`: the desktop window where Electron's binary exists, else the web mode.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const setup = spawnSync('bash', [join(root, 'scripts/setup.sh')], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

function hasDisplay() {
  const { DISPLAY, WAYLAND_DISPLAY } = process.env;
  return process.platform !== 'linux' || Boolean(DISPLAY || WAYLAND_DISPLAY);
}

const binary = electronBinary();
let command;
let commandArgs;
if (binary && hasDisplay()) {
  command = binary;
  commandArgs = [join(root, 'out/main/index.js'), ...args];
} else {
  const reason = binary
    ? 'No display to open a window on: serving the UI to a browser instead.'
    : "Electron's binary is not installed (it could not be downloaded here): serving the UI " +
      'to a browser instead. For the desktop window, reinstall where it can be downloaded ' +
      '(`npx install-electron`), or set ELECTRON_MIRROR to a mirror and run that.';
  command = process.execPath;
  commandArgs = [join(root, 'out/main/serve.js'), '--reason', reason, ...args];
}

const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
