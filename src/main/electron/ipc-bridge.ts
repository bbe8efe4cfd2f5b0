// Serves each window's dispatch table over Electron IPC, to our windows' main frames only.

import { ipcMain } from 'electron';
import { statSync } from 'node:fs';
import { IPC_OPEN_DROPPED_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/tapline-api';
import type { IpcEnvelope as Envelope } from '../../shared/ipc-envelope';
import { boundedErrorShape } from '../web/bounded-error';
import type { DocumentWindow } from './document-window';
import { trustedSender } from './sender-check';

const REFUSED: Envelope = {
  ok: false, error: { code: 'FORBIDDEN', message: 'request from a frame that is not Tapline' },
};

/** Installs the handlers once; each request is routed to the window that sent it. */
export function bridgeIpc(windows: () => Iterable<DocumentWindow>, rendererUrl: string): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, method: unknown, params: unknown) => {
    const target = trustedSender(event, windows(), rendererUrl);
    if (!target) return REFUSED;
    try {
      return { ok: true, result: await target.dispatch(method, params) } satisfies Envelope;
    } catch (error) {
      return { ok: false, error: boundedErrorShape(error) } satisfies Envelope;
    }
  });

  // The preload turns a dropped File into its path; only existing regular files are opened.
  ipcMain.handle(IPC_OPEN_DROPPED_CHANNEL, async (event, path: unknown) => {
    const target = trustedSender(event, windows(), rendererUrl);
    if (!target) return REFUSED;
    try {
      if (typeof path !== 'string' || path.length > 4096 || !statSync(path).isFile()) {
        return { ok: false, error: { code: 'BAD_REQUEST', message: 'not a file' } };
      }
      await target.open(path);
      return { ok: true, result: target.service.status() } satisfies Envelope;
    } catch (error) {
      return { ok: false, error: boundedErrorShape(error) } satisfies Envelope;
    }
  });
}
