// The application window, created with Electron's security baseline.

import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';

export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Tapline',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });

  // No remote content, no new windows, no navigation away from the app.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false));

  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(outDir, 'renderer/index.html'));
  return window;
}
