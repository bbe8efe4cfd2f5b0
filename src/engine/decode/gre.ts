// GRE (RFC 2784, key and sequence from RFC 2890; version 1 is PPTP's, RFC 2637).

import { TRUNCATED } from './byte-reader';
import type { DecodeContext } from './decode-context';
import { decodeEthernet } from './ethernet';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { ethertypeName, hex4 } from './names';

export const IPPROTO_GRE = 47;

const CHECKSUM_PRESENT = 0x8000;
const ROUTING_PRESENT = 0x4000;
const KEY_PRESENT = 0x2000;
const SEQUENCE_PRESENT = 0x1000;
const ACK_PRESENT = 0x0080;

const FLAG_NAMES: [number, string][] = [
  [CHECKSUM_PRESENT, 'checksum present'], [ROUTING_PRESENT, 'routing present'],
  [KEY_PRESENT, 'key present'], [SEQUENCE_PRESENT, 'seq# present'],
  [0x0800, 'source route'], [ACK_PRESENT, 'ack present'],
];

function flagsText(flags: number): string {
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
  return names.length ? names.join(', ') : 'none';
}

export function decodeGre(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'gre';
  r.need(at, 2);
  if (length < 2) throw TRUNCATED;
  const flags = r.u16(at);
  const version = flags & 0x7;
  ctx.out += `GREv${version}`;
  if (version === 0) decodeVersion0(ctx, at, length, flags);
  else if (version === 1) decodeVersion1(ctx, at, length, flags);
  else ctx.out += ' ERROR: unknown-version';
}

function decodeVersion0(ctx: DecodeContext, at: number, length: number, flags: number): void {
  const r = ctx.r;
  if (ctx.verbose) ctx.out += `, Flags [${flagsText(flags)}]`;
  const protocol = r.u16(at + 2);
  if (ctx.linkLevel) {
    ctx.out += `, proto ${ethertypeName(protocol) ?? 'unknown'} (0x${hex4(protocol)})`;
  }
  let cursor = at + 4;
  if (flags & (CHECKSUM_PRESENT | ROUTING_PRESENT)) {
    ctx.out += `, sum 0x${r.u16(cursor).toString(16)}, off 0x${r.u16(cursor + 2).toString(16)}`;
    cursor += 4;
  }
  if (flags & KEY_PRESENT) {
    ctx.out += `, key=0x${r.u32(cursor).toString(16)}`;
    cursor += 4;
  }
  if (flags & SEQUENCE_PRESENT) {
    ctx.out += `, seq ${r.u32(cursor)}`;
    cursor += 4;
  }
  if (flags & ROUTING_PRESENT) {
    // Source route entries (RFC 1701) are long obsolete; tcpdump walks them, we stop here.
    ctx.out += ' (routing not decoded)';
    return;
  }
  ctx.out += `, length ${length}${ctx.verbose ? '\n\t' : ': '}`;
  const payloadLength = length - (cursor - at);
  switch (protocol) {
    case 0x0800:
      decodeIpv4(ctx, cursor, payloadLength);
      break;
    case 0x86dd:
      decodeIpv6(ctx, cursor, payloadLength);
      break;
    case 0x6558:
      decodeEthernet(ctx, cursor, payloadLength);
      break;
    default:
      ctx.out += `gre-proto-0x${protocol.toString(16)}`;
  }
}

/** Enhanced GRE as PPTP uses it: key holds payload length and call id. */
function decodeVersion1(ctx: DecodeContext, at: number, length: number, flags: number): void {
  const r = ctx.r;
  if (ctx.verbose) ctx.out += `, Flags [${flagsText(flags)}]`;
  let cursor = at + 4;
  if (flags & KEY_PRESENT) {
    ctx.out += `, call ${r.u16(cursor + 2)}`;
    cursor += 4;
  }
  if (flags & SEQUENCE_PRESENT) {
    ctx.out += `, seq ${r.u32(cursor)}`;
    cursor += 4;
  }
  if (flags & ACK_PRESENT) {
    ctx.out += `, ack ${r.u32(cursor)}`;
    cursor += 4;
  }
  if ((flags & SEQUENCE_PRESENT) === 0) ctx.out += ', no-payload';
  ctx.out += `, length ${length}`;
  // The PPP payload of PPTP is not decoded.
}
