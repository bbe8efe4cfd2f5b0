// LLDP (IEEE 802.1AB): tcpdump's one-line form, with the system name when one is sent.

import type { DecodeContext } from './decode-context';
import { escapedText } from './text';

export const ETHERTYPE_LLDP = 0x88cc;
const SYSTEM_NAME = 5;

/**
 * Prints `LLDP, length 28: switch`. With -v tcpdump lists every TLV on lines of their
 * own instead; that listing is not decoded here, so -v shows only `LLDP, length 28`.
 */
export function printLldp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'lldp';
  ctx.out += `LLDP, length ${length}`;
  if (ctx.verbose) return;
  for (let i = 0; i + 2 <= length;) {
    const header = r.u16(at + i);
    const type = header >> 9;
    const tlvLength = header & 0x1ff;
    if (type === 0) break;
    if (type === SYSTEM_NAME) {
      r.need(at + i + 2, tlvLength);
      ctx.out += `: ${escapedText(r, at + i + 2, tlvLength)}`;
    }
    i += 2 + tlvLength;
  }
}
