// A small client of the web mode's API for the hardening tests: connect, call, refusals.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { TaplineService } from '../../src/main/service/tapline-service';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';

export interface Answer {
  id?: number;
  result?: unknown;
  error?: { code: string; message: string };
}

export async function startTestServer(host = '127.0.0.1'): Promise<RunningWebServer> {
  const rendererRoot = mkdtempSync(join(tmpdir(), 'tapline-hardening-'));
  writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Tapline</title>');
  return startWebServer({ service: new TaplineService(), rendererRoot, host, version: 'test' });
}

export interface ConnectOptions {
  token?: string | null;
  origin?: string;
  /** Sent as the Host header instead of the URL's. */
  host?: string;
  /** The local address to connect from. */
  localAddress?: string;
}

/** Resolves with the open socket, or rejects with "refused STATUS". */
export function connect(server: RunningWebServer, options: ConnectOptions = {}):
  Promise<WebSocket> {
  const origin = new URL(server.url).origin;
  const url = new URL('/api/ws', origin.replace('http', 'ws'));
  const token = options.token === undefined ? server.token : options.token;
  if (token !== null) url.searchParams.set('token', token);
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.href, {
      origin: options.origin ?? origin,
      localAddress: options.localAddress,
      headers: options.host ? { Host: options.host } : undefined,
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends one message and resolves with the answer to it (events are skipped). */
export function call(ws: WebSocket, message: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const answer = JSON.parse(String(data));
      if ('event' in answer) return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(answer);
    };
    const onClose = (code: number) => reject(new Error(`closed ${code}`));
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

/** A plain HTTP GET with the headers given; resolves with the status code. */
export function httpStatus(url: string, headers: Record<string, string>,
  localAddress?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers, localAddress }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}
