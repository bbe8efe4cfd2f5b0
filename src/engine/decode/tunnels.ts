// UDP tunnels carrying Ethernet: VXLAN (RFC 7348) and Geneve (RFC 8926).

import type { DecodeContext } from './decode-context';
import { decodeEthernet } from './ethernet';
import { decodeEthertype } from './ethertype';
import { ethertypeName, hex4 } from './names';

export const VXLAN_PORT = 4789;
export const GENEVE_PORT = 6081;
const VXLAN_HEADER = 8;
const GENEVE_HEADER = 8;
const ETHERTYPE_TEB = 0x6558;

/** `VXLAN, flags [I] (0x08), vni 100`, then the inner frame on a line of its own. */
export function printVxlan(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'vxlan';
  if (length < VXLAN_HEADER) {
    ctx.out += ' [|vxlan]';
    return;
  }
  const flags = r.u8(at);
  const vni = r.u24(at + 4);
  ctx.out += `VXLAN, flags [${flags & 0x08 ? 'I' : '.'}] ` +
    `(0x${flags.toString(16).padStart(2, '0')}), vni ${vni}\n`;
  decodeEthernet(ctx, at + VXLAN_HEADER, length - VXLAN_HEADER);
}

export function printGeneve(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'geneve';
  ctx.out += 'Geneve';
  const versionAndOptions = r.u8(at);
  const version = versionAndOptions >> 6;
  if (version !== 0) {
    ctx.out += ` ERROR: unknown-version ${version}`;
    return;
  }
  const flags = r.u8(at + 1);
  const protocol = r.u16(at + 2);
  const vni = r.u24(at + 4);
  const reserved = r.u8(at + 7);
  let flagText = '';
  if (flags & 0x80) flagText += 'O';
  if (flags & 0x40) flagText += 'C';
  ctx.out += `, Flags [${flagText || 'none'}], vni 0x${vni.toString(16)}`;
  if (reserved) ctx.out += `, rsvd 0x${reserved.toString(16)}`;
  if (ctx.linkLevel) {
    ctx.out += `, proto ${ethertypeName(protocol) ?? 'unknown'} (0x${hex4(protocol)})`;
  }
  const optionsLength = (versionAndOptions & 0x3f) * 4;
  let left = length - GENEVE_HEADER;
  if (left < optionsLength) {
    ctx.out += ` truncated-geneve - ${optionsLength - left} bytes missing`;
    return;
  }
  if (optionsLength > 0) {
    // The option TLVs are listed by tcpdump under -v; here only their size is shown.
    ctx.out += `, options [${optionsLength} bytes]`;
  }
  const payload = at + GENEVE_HEADER + optionsLength;
  left -= optionsLength;
  ctx.out += ctx.verbose ? '\n\t' : ': ';
  if (decodeEthertype(ctx, protocol, payload, left)) return;
  if (protocol === ETHERTYPE_TEB) decodeEthernet(ctx, payload, left);
  else ctx.out += `geneve-proto-0x${protocol.toString(16)}`;
}
