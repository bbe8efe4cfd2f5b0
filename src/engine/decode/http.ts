// HTTP/1.x (RFC 9112): request and status lines, as tcpdump prints them.

import type { DecodeContext } from './decode-context';
import { printTextProtocol, type TextProtocol } from './txtproto';

export const HTTP_PORTS: ReadonlySet<number> = new Set([80, 8080]);

/** Methods of HTTP and of WebDAV and friends, which tcpdump also recognises. */
const METHODS = [
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL',
  'TRACE', 'LABEL', 'MERGE', 'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY',
  'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND', 'CHECKOUT', 'CCM_POST',
  'SUBSCRIBE', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY',
  'MKWORKSPACE', 'UNSUBSCRIBE', 'RPC_CONNECT', 'VERSION-CONTROL', 'BASELINE-CONTROL',
];

const HTTP: TextProtocol = { name: 'HTTP', commands: new Set(METHODS), codeIsSecondToken: true };

export function printHttp(ctx: DecodeContext, at: number, length: number): void {
  printTextProtocol(ctx, HTTP, at, length);
}
