// NTP (RFC 5905) on port 123: version and mode, as tcpdump's default line shows them.

import type { DecodeContext } from './decode-context';

export const NTP_PORT = 123;

const MODES = [
  'unspecified', 'symmetric active', 'symmetric passive', 'Client', 'Server', 'Broadcast',
  'Control Message', 'Reserved',
];

/**
 * Prints `NTPv4, Client, length 48`. With -v tcpdump goes on with the timestamps on
 * following lines; those are not decoded here, so -v shows only this first line.
 */
export function printNtp(ctx: DecodeContext, at: number, length: number): void {
  ctx.protocol = 'ntp';
  const status = ctx.r.u8(at);
  ctx.out += `NTPv${(status >> 3) & 0x7}, ${MODES[status & 0x7]}, length ${length}`;
}
