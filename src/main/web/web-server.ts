// The local web mode: the built renderer over HTTP and the API over a WebSocket, on loopback,
// behind a per-run token.

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_RPC_MESSAGE_BYTES, type RpcRequest } from '../../shared/rpc-messages';
import { SaveOptionsSchema } from '../../shared/save-api';
import { createDispatcher, type Dispatch } from '../service/dispatcher';
import { createLogger } from '../service/logger';
import type { TaplineService } from '../service/tapline-service';
import {
  checkApiRequest, checkPeerAndHost, isLoopback, type GuardSettings,
} from './request-guard';
import { boundedErrorShape } from './bounded-error';
import { serveStatic } from './static-files';

const log = createLogger('web');

export interface WebServerOptions {
  service: TaplineService;
  /** The built renderer (out/renderer). */
  rendererRoot: string;
  host?: string;
  port?: number;
  version: string;
}

export interface RunningWebServer {
  /** The one URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('base64url');
  const uploads = await mkdtemp(join(tmpdir(), 'tapline-uploads-'));
  const rendererRoot = resolve(options.rendererRoot);
  const dispatch = createDispatcher(options.service, { mode: 'web', version: options.version });
  const guard: GuardSettings = {
    token, allowedOrigins: [], allowedHosts: [], loopbackOnly: isLoopback(host),
  };

  const server = createServer((request, response) => {
    handleHttp(request, response).catch((error) => {
      log.error(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    const verdict = checkPeerAndHost(request, guard);
    if (!verdict.ok) return void response.writeHead(verdict.status).end(verdict.reason);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/api/upload' && request.method === 'POST') {
      return handleUpload(request, response);
    }
    if (path === '/api/download' && request.method === 'POST') {
      return handleDownload(request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return void response.writeHead(405).end();
    }
    return serveStatic(rendererRoot, request, response);
  }

  /** A file the user picked in the page: saved in our upload folder, then opened from there. */
  async function handleUpload(request: IncomingMessage, response: ServerResponse) {
    const verdict = checkApiRequest(request, guard);
    if (!verdict.ok) return void response.writeHead(verdict.status).end(verdict.reason);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const name = basename(url.searchParams.get('name') ?? 'upload.pcap') || 'upload.pcap';
    const folder = await mkdtemp(join(uploads, 'file-'));
    const path = join(folder, name);
    await pipeline(request, createWriteStream(path));
    try {
      await options.service.openPath(path, name);
      sendJson(response, 200, { result: options.service.status() });
    } catch (error) {
      sendJson(response, 400, { error: boundedErrorShape(error) });
    }
  }

  /** Save in the browser: the chosen packets streamed as a file download. */
  async function handleDownload(request: IncomingMessage, response: ServerResponse) {
    const verdict = checkApiRequest(request, guard);
    if (!verdict.ok) return void response.writeHead(verdict.status).end(verdict.reason);
    let body = '';
    for await (const chunk of request) {
      body += chunk;
      if (body.length > MAX_RPC_MESSAGE_BYTES) return void response.writeHead(413).end();
    }
    let exported;
    try {
      const parsed = SaveOptionsSchema.safeParse(JSON.parse(body || '{}'));
      if (!parsed.success) {
        const message = `download: invalid parameters: ${parsed.error.issues[0]?.message}`;
        return sendJson(response, 400, { error: { code: 'BAD_REQUEST', message } });
      }
      exported = options.service.exportChunks(parsed.data);
    } catch (error) {
      return sendJson(response, 400, { error: boundedErrorShape(error) });
    }
    response.writeHead(200, {
      'Content-Type': exported.name.endsWith('.pcapng')
        ? 'application/x-pcapng' : 'application/vnd.tcpdump.pcap',
      'Content-Disposition': `attachment; filename="${exported.name.replace(/"/g, '')}"`,
    });
    try {
      for await (const chunk of exported.chunks) {
        if (!response.write(chunk)) await new Promise((done) => response.once('drain', done));
      }
      response.end();
    } catch (error) {
      log.error(`download failed: ${boundedErrorShape(error).message}`);
      response.destroy();
    }
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_RPC_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const verdict = path === '/api/ws'
      ? checkApiRequest(request, guard)
      : { ok: false as const, status: 404, reason: 'not found' };
    if (!verdict.ok) {
      log.warn(`refused an API connection: ${verdict.reason}`);
      socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, dispatch));
  });

  const stopStatus = options.service.onStatus((status) => {
    const message = JSON.stringify({ event: 'document.status', payload: status });
    for (const client of sockets.clients) client.send(message);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  guard.allowedOrigins = [`http://${shownHost}:${port}`];
  if (host === '127.0.0.1') guard.allowedOrigins.push(`http://localhost:${port}`);
  guard.allowedHosts = guard.allowedOrigins.map((origin) => new URL(origin).host);

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      stopStatus();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(uploads, { recursive: true, force: true });
    },
  };
}

function serveSocket(ws: WebSocket, dispatch: Dispatch): void {
  // ws closes the socket itself (1009 for an oversized message); without a listener the
  // error would be thrown from the socket and end the whole server.
  ws.on('error', (error) => log.warn(`closed an API connection: ${error.message}`));
  ws.on('message', async (data) => {
    let request: RpcRequest;
    try {
      request = JSON.parse(String(data));
    } catch {
      ws.send(JSON.stringify({ id: -1, error: { code: 'BAD_REQUEST', message: 'not JSON' } }));
      return;
    }
    const id = typeof request?.id === 'number' ? request.id : -1;
    try {
      const result = await dispatch(request?.method, request?.params);
      ws.send(JSON.stringify({ id, result }));
    } catch (error) {
      ws.send(JSON.stringify({ id, error: boundedErrorShape(error) }));
    }
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
