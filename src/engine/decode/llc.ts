// IEEE 802.2 LLC headers of 802.3 frames; spanning tree is the payload decoded.

import type { DecodeContext } from './decode-context';
import { printStp } from './stp';

const SAP_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'Null'], [0x42, 'STP'], [0xaa, 'SNAP'], [0xe0, 'IPX'], [0xf0, 'NetBeui'],
  [0xfe, 'OSI'], [0x06, 'IP'], [0x98, 'ARP'],
]);
const SAP_STP = 0x42;
const UI = 0x03;

function sapText(value: number, bitName: string): string {
  const sap = value & 0xfe;
  const name = SAP_NAMES.get(sap) ?? 'Unknown';
  return `${name} (0x${sap.toString(16).padStart(2, '0')}) ${bitName}`;
}

/**
 * Decodes the LLC payload at `at`; false when it is not one decoded here. Only spanning
 * tree is: SNAP (CDP and friends), IPX and NetBEUI are left to the caller's hex dump,
 * which differs from tcpdump's decode of them.
 */
export function decodeLlc(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  if (!r.has(at, 3) || length < 3) return false;
  const dsap = r.u8(at);
  const ssap = r.u8(at + 1);
  const control = r.u8(at + 2);
  if (dsap !== SAP_STP || ssap !== SAP_STP || control !== UI) return false;
  ctx.protocol = 'llc';
  if (ctx.linkLevel) {
    ctx.out += `LLC, dsap ${sapText(dsap, dsap & 1 ? 'Group' : 'Individual')}` +
      `, ssap ${sapText(ssap, ssap & 1 ? 'Response' : 'Command')}` +
      `, ctrl 0x${control.toString(16).padStart(2, '0')}: `;
  }
  printStp(ctx, at + 3, length - 3);
  return true;
}
