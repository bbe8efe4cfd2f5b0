// Entry of the desktop app: one window, the shared service, IPC, native dialogs.

import { app, dialog, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from './app-version';
import { installAppMenu } from './electron/app-menu';
import { bridgeIpc } from './electron/ipc-bridge';
import { createMainWindow } from './electron/main-window';
import { createDispatcher } from './service/dispatcher';
import { createLogger } from './service/logger';
import { TaplineService } from './service/tapline-service';

const log = createLogger('app');
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The capture file named on the command line, if any (after Electron's own arguments). */
function fileFromArguments(argv: string[]): string | undefined {
  const args = argv.slice(app.isPackaged ? 1 : 2).filter((arg) => !arg.startsWith('-'));
  return args.at(-1);
}

async function chooseSavePath(window: BrowserWindow, name: string, format: string) {
  const result = await dialog.showSaveDialog(window, {
    title: 'Save packets',
    defaultPath: name,
    filters: [{ name: format === 'pcap' ? 'pcap' : 'pcapng', extensions: [format] }],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

async function chooseCaptureFile(window: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open capture file',
    properties: ['openFile'],
    filters: [
      { name: 'Capture files', extensions: ['pcap', 'pcapng', 'cap'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

app.whenReady().then(async () => {
  const service = new TaplineService({
    captureChildEntry: join(outDir, 'main/capture-child.js'),
  });
  const window = createMainWindow(outDir);
  const dispatch = createDispatcher(service, {
    mode: 'electron',
    version: APP_VERSION,
    chooseCaptureFile: () => chooseCaptureFile(window),
    chooseSavePath: (name, format) => chooseSavePath(window, name, format),
  });
  bridgeIpc(window, service, dispatch);
  installAppMenu(window, {
    openFile: async (target) => {
      const path = await chooseCaptureFile(target);
      if (path) await service.openPath(path).catch((error) => log.error(error.message));
    },
  });

  const file = fileFromArguments(process.argv);
  if (file) {
    await service.openPath(file).catch((error) => log.error(String(error?.message ?? error)));
  }
  app.on('window-all-closed', () => {
    void service.close();
    app.quit();
  });
}).catch((error) => {
  log.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
