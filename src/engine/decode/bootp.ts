// BOOTP and DHCP (RFC 951, RFC 2131) on ports 67 and 68: tcpdump's first line.

import { macString } from './address';
import type { DecodeContext } from './decode-context';

export const BOOTP_SERVER_PORT = 67;
export const BOOTP_CLIENT_PORT = 68;

/**
 * Prints `BOOTP/DHCP, Request from 00:00:5e:00:53:10, length 300`. The -v details (the
 * fixed fields and every DHCP option) are not decoded yet.
 */
export function printBootp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'bootp';
  const op = r.u8(at);
  const name = op === 1 ? 'Request' : op === 2 ? 'Reply'
    : `unknown (0x${op.toString(16).padStart(2, '0')})`;
  ctx.out += `BOOTP/DHCP, ${name}`;
  const hardwareLength = r.u8(at + 2);
  if (r.u8(at + 1) === 1 && hardwareLength === 6 && op === 1) {
    ctx.out += ` from ${macString(r, at + 28)}`;
  }
  ctx.out += `, length ${length}`;
}
