// The preload: exposes `window.tapline`, the typed API, and nothing else.

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiEvent, ApiEvents } from '../shared/api';
import type { IpcEnvelope as Envelope } from '../shared/ipc-envelope';
import {
  IPC_EVENT_CHANNEL, IPC_OPEN_DROPPED_CHANNEL, IPC_REQUEST_CHANNEL, type TaplineApi,
} from '../shared/tapline-api';

/** The DOM File that the renderer hands over (the preload's types carry no DOM library). */
type DomFile = Parameters<typeof webUtils.getPathForFile>[0];

function unwrap<T>(envelope: Envelope): T {
  if (envelope.ok) return envelope.result as T;
  const error = new Error(envelope.error.message);
  (error as Error & { code?: string }).code = envelope.error.code;
  throw error;
}

const api: TaplineApi = {
  async request(method, params) {
    return unwrap(await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, method, params));
  },
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void) {
    const handler = (_event: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload as ApiEvents[E]);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
  async openFile(file) {
    const path = webUtils.getPathForFile(file as unknown as DomFile);
    return unwrap(await ipcRenderer.invoke(IPC_OPEN_DROPPED_CHANNEL, path));
  },
};

contextBridge.exposeInMainWorld('tapline', api);
