// The web mode's API: who may connect, and what happens to good and bad requests.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TaplineService } from '../../src/main/service/tapline-service';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

let server: RunningWebServer;
let origin: string;

beforeAll(async () => {
  const rendererRoot = mkdtempSync(join(tmpdir(), 'tapline-renderer-'));
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Tapline</title>');
  server = await startWebServer({ service: new TaplineService(), rendererRoot, version: 'test' });
  origin = new URL(server.url).origin;
});

afterAll(() => server?.close());

function socketUrl(token: string | null): string {
  const url = new URL('/api/ws', origin.replace('http', 'ws'));
  if (token !== null) url.searchParams.set('token', token);
  return url.href;
}

/** Resolves with the open socket, or rejects with the HTTP status of the refusal. */
function connect(token: string | null, fromOrigin = origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl(token), { origin: fromOrigin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, message: unknown): Promise<{ result?: unknown; error?: { code: string;
  message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const answer = JSON.parse(String(data));
      if ('event' in answer) return;
      ws.off('message', onMessage);
      resolve(answer);
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('who may connect', () => {
  it('refuses a socket without the token, or with a wrong one', async () => {
    await expect(connect(null)).rejects.toThrow('refused 401');
    await expect(connect('x'.repeat(32))).rejects.toThrow('refused 401');
  });

  it('refuses a socket from another origin', async () => {
    await expect(connect(server.token, 'http://evil.example')).rejects.toThrow('refused 403');
  });

  it('refuses an upload without the token', async () => {
    const response = await fetch(`${origin}/api/upload?name=a.pcap`, {
      method: 'POST', headers: { Origin: origin }, body: 'x',
    });
    expect(response.status).toBe(401);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${origin}/../../etc/passwd`)).status).toBe(404);
  });
});

describe('requests', () => {
  it('answers bad requests with a code and a sentence, and keeps working', async () => {
    const ws = await connect(server.token);
    const bad = [
      ['not json', 'BAD_REQUEST'],
      [{ id: 1, method: 'fs.readFile', params: {} }, 'UNKNOWN_METHOD'],
      [{ id: 2, method: 'packets.rows', params: { start: -1, count: 10 } }, 'BAD_REQUEST'],
      [{ id: 3, method: 'packets.rows', params: { start: 0, count: 1e9 } }, 'BAD_REQUEST'],
      [{ id: 4, method: 'packets.rows', params: { start: '0', count: 1 } }, 'BAD_REQUEST'],
      [{ id: 5, method: 'packets.bytes', params: { number: 1, path: '/etc' } }, 'BAD_REQUEST'],
      [{ id: 6, method: 'packets.bytes', params: { number: 1 } }, 'NO_DOCUMENT'],
    ] as const;
    for (const [message, code] of bad) {
      const answer = await call(ws, message);
      expect(answer.error?.code, JSON.stringify(message)).toBe(code);
      expect(answer.error?.message.length).toBeGreaterThan(5);
    }
    const info = await call(ws, { id: 7, method: 'app.info', params: {} });
    expect(info.result).toEqual({ mode: 'web', version: 'test' });
    ws.close();
  });

  it.runIf(hasSharedData)('opens an uploaded capture and serves its rows and bytes', async () => {
    const capture = sharedCapture('01-seed-postfix-relay.pcap');
    const expected = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    const upload = await fetch(`${origin}/api/upload?name=relay.pcap`, {
      method: 'POST',
      headers: { Origin: origin, 'X-Tapline-Token': server.token },
      body: readFileSync(capture),
    });
    expect(upload.status).toBe(200);

    const ws = await connect(server.token);
    await expect.poll(async () => {
      const status = await call(ws, { id: 1, method: 'document.status', params: {} });
      return (status.result as { loading: boolean; packetCount: number });
    }).toMatchObject({ loading: false, packetCount: expected });

    const rows = await call(ws, { id: 2, method: 'packets.rows', params: { start: 0, count: 50 } });
    expect((rows.result as unknown[]).length).toBe(expected);
    const bytes = await call(ws, { id: 3, method: 'packets.bytes', params: { number: 1 } });
    const base64 = (bytes.result as { base64: string }).base64;
    expect(Buffer.from(base64, 'base64').length).toBeGreaterThanOrEqual(54);
    ws.close();
  });
});
