// `window.tapline` for a plain browser: the same API over the web mode's WebSocket.

import type { ApiErrorShape, ApiEvent, ApiEvents, DocumentStatus } from '../../../shared/api';
import type { RpcResponse } from '../../../shared/rpc-messages';
import type { TaplineApi } from '../../../shared/tapline-api';

export class ApiRequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function toError(shape: ApiErrorShape): ApiRequestError {
  return new ApiRequestError(shape.code, shape.message);
}

export function createWebApi(token: string): TaplineApi {
  const socketUrl = new URL('/api/ws', window.location.href);
  socketUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.searchParams.set('token', token);

  const socket = new WebSocket(socketUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the Tapline service')),
      { once: true });
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data));
    if (typeof data.event === 'string') {
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      return;
    }
    const answer = data as RpcResponse;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if ('error' in answer) waiting.reject(toError(answer.error));
    else waiting.resolve(answer.result);
  });
  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) {
      waiting.reject(new Error('the connection to the Tapline service closed'));
    }
    pending.clear();
  });

  return {
    async request(method, params) {
      await opened;
      const id = nextId++;
      const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      socket.send(JSON.stringify({ id, method, params }));
      return answer as never;
    },
    on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    async openFile(file) {
      const url = new URL('/api/upload', window.location.href);
      url.searchParams.set('name', file.name);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'X-Tapline-Token': token },
        body: file as unknown as Blob,
      });
      const body = await response.json();
      if (body.error) throw toError(body.error);
      return body.result as DocumentStatus;
    },
  };
}
