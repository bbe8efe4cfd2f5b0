// Checks every request against the contract and routes it to the service.

import {
  ApiError, RequestSchemas, type ApiMethod, type ApiParams, type ApiResults,
} from '../../shared/api';
import { discard, spoolPath } from './spool-recovery';
import type { TaplineService } from './tapline-service';

/** What only the hosting shell can do: Electron shows native dialogs, the web mode cannot. */
export interface HostActions {
  mode: 'electron' | 'web';
  version: string;
  /** Asks the user for a capture file; resolves to its path, or null when cancelled. */
  chooseCaptureFile?(): Promise<string | null>;
  /** Asks where to save; resolves to the path, or null when cancelled. */
  chooseSavePath?(suggestedName: string, format: 'pcap' | 'pcapng'): Promise<string | null>;
}

type Handlers = { [M in ApiMethod]: (params: ApiParams<M>) => Promise<ApiResults[M]> };

export type Dispatch = (method: unknown, params: unknown) => Promise<unknown>;

export function createDispatcher(service: TaplineService, host: HostActions): Dispatch {
  const handlers: Handlers = {
    'app.info': async () => ({ mode: host.mode, version: host.version }),
    'capture.interfaces': async () => service.captureInterfaces(),
    'capture.checkFilter': async (request) =>
      service.checkCaptureFilter(request.interface, request.filter),
    'capture.start': (request) => service.startCapture(request),
    'capture.stop': () => service.stopCapture(),
    'capture.restart': () => service.restartCapture(),
    'document.save': async (options) => {
      if (!host.chooseSavePath) {
        throw new ApiError('NOT_AVAILABLE', 'this window cannot show a save dialog: ' +
          'the browser downloads the file instead');
      }
      const { name } = service.exportChunks(options);
      const path = await host.chooseSavePath(name, options.format);
      return path === null ? null : service.saveAs(path, options);
    },
    'conversation.forPacket': async ({ number }) => ({
      number, conversation: await service.conversations.forPacket(number),
    }),
    'conversation.ladder': ({ conversation }) => service.conversations.ladder(conversation),
    'captures.unsaved': () => service.unsavedCaptures(),
    'captures.reopen': async ({ name }) => {
      await service.openAndRemember(spoolPath(name), name);
      return service.status();
    },
    'captures.discard': async ({ name }) => {
      await discard(name);
      return service.unsavedCaptures();
    },
    'filter.check': async ({ expression }) => service.checkFilter(expression),
    'filter.apply': ({ expression }) => service.applyFilter(expression),
    'document.status': async () => service.status(),
    'document.endpoints': ({ limit }) => service.endpoints.frequent(limit),
    'document.openDialog': async () => {
      if (!host.chooseCaptureFile) {
        throw new ApiError('NOT_AVAILABLE', 'this window cannot show a file dialog: ' +
          'use the Open button or drop a file on the window');
      }
      const path = await host.chooseCaptureFile();
      if (path === null) return null;
      await service.openAndRemember(path);
      return service.status();
    },
    'document.recent': async () => service.recentFiles(),
    'document.openRecent': ({ id }) => service.openRecent(id),
    'packets.rows': ({ start, count, absoluteSequence }) =>
      service.rows(start, count, absoluteSequence),
    'packets.bytes': async ({ number }) => {
      const bytes = await service.packetBytes(number);
      return { number, base64: Buffer.from(bytes).toString('base64') };
    },
    'packets.detail': async ({ number }) => ({
      number, layers: await service.packetDetail(number),
    }),
    'packets.timeOrigin': async () => ({ seconds: service.timeOrigin() }),
    'packets.find': async ({ after, expression, hex }) => ({
      number: await service.findPacket(after, expression, hex),
    }),
    'smtp.sessions': () => service.smtp.sessions(),
    'smtp.session': ({ conversation, revealCredentials }) =>
      service.smtp.session(conversation, revealCredentials),
    'smtp.sessionForPacket': async ({ number }) => ({
      number, conversation: await service.smtp.sessionForPacket(number),
    }),
    'smtp.message': ({ conversation, message }) => service.smtp.message(conversation, message),
    'smtp.stream': ({ conversation, revealCredentials }) =>
      service.smtp.stream(conversation, revealCredentials),
  };

  return async (method, params) => {
    if (typeof method !== 'string' || !Object.hasOwn(RequestSchemas, method)) {
      throw new ApiError('UNKNOWN_METHOD', `unknown request ${describe(method)}`);
    }
    const name = method as ApiMethod;
    const parsed = RequestSchemas[name].safeParse(params ?? {});
    if (!parsed.success) {
      const problem = parsed.error.issues[0];
      const where = problem?.path.length ? ` at ${problem.path.join('.')}` : '';
      throw new ApiError('BAD_REQUEST',
        `${name}: invalid parameters${where}: ${problem?.message ?? 'malformed'}`);
    }
    const handler = handlers[name] as (p: unknown) => Promise<unknown>;
    return service.activity.track(() => handler(parsed.data));
  };
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Turns anything thrown by a handler into the {code, message} that crosses the boundary. */
export function toErrorShape(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) return error.toShape();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
