// Who may talk to the web mode: the right token, from our own origin, over loopback.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardSettings {
  token: string;
  /** The origins the served page has, e.g. http://127.0.0.1:4312. */
  allowedOrigins: string[];
  /** Accept only peers on the loopback interface (true unless an explicit address is bound). */
  loopbackOnly: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks an API request (WebSocket upgrade or upload) before anything else reads it. */
export function checkApiRequest(request: IncomingMessage, settings: GuardSettings): GuardVerdict {
  if (settings.loopbackOnly && !isLoopback(request.socket.remoteAddress)) {
    return { ok: false, status: 403, reason: 'only loopback peers may connect' };
  }
  const origin = request.headers.origin;
  if (!origin || !settings.allowedOrigins.includes(origin)) {
    return { ok: false, status: 403, reason: 'wrong or missing Origin' };
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const token = url.searchParams.get('token') ?? headerValue(request, 'x-tapline-token');
  if (!tokensEqual(token, settings.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
