// Who may talk to the web mode: the right token, from our own origin and Host, over loopback.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardSettings {
  token: string;
  /** The origins the served page has, e.g. http://127.0.0.1:4312. */
  allowedOrigins: string[];
  /** Accept only peers on the loopback interface (true unless an explicit address is bound). */
  loopbackOnly: boolean;
  /**
   * The Host headers we answer to, e.g. 127.0.0.1:4312. A page on another name that was made
   * to resolve to 127.0.0.1 (DNS rebinding) sends its own name here, and is refused.
   */
  allowedHosts: string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address === 'localhost' || address.startsWith('127.')
    || address.startsWith('::ffff:127.');
}

/** Checks any HTTP request, page or API: the peer and the Host header. */
export function checkPeerAndHost(request: IncomingMessage, settings: GuardSettings): GuardVerdict {
  if (settings.loopbackOnly && !isLoopback(request.socket.remoteAddress)) {
    return { ok: false, status: 403, reason: 'only loopback peers may connect' };
  }
  const host = request.headers.host?.toLowerCase();
  if (!host || !settings.allowedHosts.includes(host)) {
    return { ok: false, status: 421, reason: 'wrong or missing Host header' };
  }
  return { ok: true };
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks an API request (WebSocket upgrade or upload) before anything else reads it. */
export function checkApiRequest(request: IncomingMessage, settings: GuardSettings): GuardVerdict {
  const peer = checkPeerAndHost(request, settings);
  if (!peer.ok) return peer;
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
