// Serves the dispatch table over Electron IPC, to our own window's main frame only.

import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { statSync } from 'node:fs';
import {
  IPC_EVENT_CHANNEL, IPC_OPEN_DROPPED_CHANNEL, IPC_REQUEST_CHANNEL,
} from '../../shared/tapline-api';
import type { IpcEnvelope as Envelope } from '../../shared/ipc-envelope';
import { toErrorShape, type Dispatch } from '../service/dispatcher';
import type { TaplineService } from '../service/tapline-service';


export function bridgeIpc(window: BrowserWindow, service: TaplineService, dispatch: Dispatch) {
  const fromOurWindow = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame;

  const refuse = (): Envelope => ({
    ok: false, error: { code: 'FORBIDDEN', message: 'request from an unknown frame' },
  });

  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, method: unknown, params: unknown) => {
    if (!fromOurWindow(event)) return refuse();
    try {
      return { ok: true, result: await dispatch(method, params) } satisfies Envelope;
    } catch (error) {
      return { ok: false, error: toErrorShape(error) } satisfies Envelope;
    }
  });

  // The preload turns a dropped File into its path; only existing regular files are opened.
  ipcMain.handle(IPC_OPEN_DROPPED_CHANNEL, async (event, path: unknown) => {
    if (!fromOurWindow(event)) return refuse();
    try {
      if (typeof path !== 'string' || !statSync(path).isFile()) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'not a file' } };
      }
      await service.openPath(path);
      return { ok: true, result: service.status() } satisfies Envelope;
    } catch (error) {
      return { ok: false, error: toErrorShape(error) } satisfies Envelope;
    }
  });

  const stop = service.onStatus((status) => {
    if (!window.isDestroyed()) {
      window.webContents.send(IPC_EVENT_CHANNEL, 'document.status', status);
    }
  });
  window.on('closed', () => {
    stop();
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
    ipcMain.removeHandler(IPC_OPEN_DROPPED_CHANNEL);
  });
}
