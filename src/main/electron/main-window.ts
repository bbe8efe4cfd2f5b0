// The application window, created with Electron's security baseline.

import { BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SIZE, type Rectangle } from './window-state';

/** The page every window shows; IPC from any other page is refused. */
export function rendererUrl(outDir: string): string {
  return pathToFileURL(join(outDir, 'renderer/index.html')).href;
}

export function createMainWindow(outDir: string, bounds?: Rectangle, maximized = false):
  BrowserWindow {
  const window = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: 640,
    minHeight: 400,
    title: 'Tapline',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would otherwise ask for a new window; the open handler denies it too.
      disableBlinkFeatures: 'Auxclick',
    },
  });

  // No remote content, no new windows, no navigation away from the app.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  void window.loadURL(rendererUrl(outDir));
  return window;
}
