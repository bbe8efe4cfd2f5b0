// Starts the app: the Electron window where its binary and a display exist, otherwise the
// web mode, which serves the same UI to a browser on 127.0.0.1.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Tapline folder: the nearest one above this file whose package.json is Tapline's. */
export function appRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tapline') {
      return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('cannot find the Tapline folder');
    folder = parent;
  }
}

/**
 * Electron's binary, or undefined where it was never downloaded. Read from the electron
 * package's path.txt: requiring the package would try to download it.
 */
export function electronBinary(root = appRoot()): string | undefined {
  const packageDir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(dist, relative);
  return existsSync(binary) ? binary : undefined;
}

function hasDisplay(): boolean {
  const { DISPLAY, WAYLAND_DISPLAY } = process.env;
  return process.platform !== 'linux' || Boolean(DISPLAY || WAYLAND_DISPLAY);
}

export const NO_ELECTRON_REASON = "Electron's binary is not installed (it could not be " +
  'downloaded here): serving the UI to a browser instead. For the desktop window, run ' +
  '`npx install-electron` where it can be downloaded, or with ELECTRON_MIRROR set.';

/** Runs the app in the foreground; resolves to its exit code. */
export function launchApp(args: readonly string[], webOnly = false): Promise<number> {
  const root = appRoot();
  const binary = electronBinary(root);
  let command: string;
  let commandArgs: string[];
  if (binary && hasDisplay() && !webOnly) {
    command = binary;
    commandArgs = [path.join(root, 'out/main/index.js'), ...args];
  } else {
    const reason = webOnly ? [] : ['--reason', binary
      ? 'No display to open a window on: serving the UI to a browser instead.'
      : NO_ELECTRON_REASON];
    command = process.execPath;
    commandArgs = [path.join(root, 'out/main/serve.js'), ...reason, ...args];
  }
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}
