// Multipath TCP options (RFC 8684; version 0 from RFC 6824), inside `options [...]`.

import { ipv4String, ipv6String } from './address';
import type { DecodeContext } from './decode-context';

const SUBTYPES = [
  'capable', 'join', 'dss', 'add-addr', 'rem-addr', 'prio', 'fail', 'fast-close',
];

/** A 64-bit big-endian number as decimal text. */
function u64(ctx: DecodeContext, at: number): string {
  return ((BigInt(ctx.r.u32(at)) << 32n) | BigInt(ctx.r.u32(at + 4))).toString();
}

/** A 64-bit value in hex without leading zeros, as printf's PRIx64 writes it. */
function u64hex(ctx: DecodeContext, at: number): string {
  return ((BigInt(ctx.r.u32(at)) << 32n) | BigInt(ctx.r.u32(at + 4))).toString(16);
}

function printCapable(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  if (length !== 4 && length !== 12 && length !== 20 && length !== 22 && length !== 24) {
    return false;
  }
  const version = r.u8(at + 2) & 0x0f;
  if (version === 0 || version === 1) ctx.out += ` v${version}`;
  else {
    ctx.out += ` Unknown Version (${version})`;
    return true;
  }
  const flags = r.u8(at + 3);
  if (flags & 0x80) ctx.out += ' csum';
  if (length >= 12) ctx.out += ` {0x${u64hex(ctx, at + 4)}`;
  if (length >= 20) ctx.out += `,0x${u64hex(ctx, at + 12)}`;
  if (length >= 12) ctx.out += '}';
  return true;
}

function printJoin(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  if (length !== 24 && length !== 16 && length !== 12) return false;
  if (length !== 24) {
    if (r.u8(at + 2) & 0x01) ctx.out += ' backup';
    ctx.out += ` id ${r.u8(at + 3)}`;
  }
  if (length === 12) {
    ctx.out += ` token 0x${r.u32(at + 4).toString(16)} nonce 0x${r.u32(at + 8).toString(16)}`;
  } else if (length === 16) {
    ctx.out += ` hmac 0x${u64hex(ctx, at + 4)} nonce 0x${r.u32(at + 12).toString(16)}`;
  } else {
    ctx.out += ' hmac 0x';
    for (let i = 4; i < 24; i++) ctx.out += r.u8(at + i).toString(16).padStart(2, '0');
  }
  return true;
}

function printDss(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  if (length < 4) return false;
  const flags = r.u8(at + 3);
  let i = at + 4;
  if (flags & 0x10) ctx.out += ' fin';
  if (flags & 0x01) {
    ctx.out += ' ack ';
    if (flags & 0x02) {
      ctx.out += u64(ctx, i);
      i += 8;
    } else {
      ctx.out += r.u32(i);
      i += 4;
    }
  }
  if (flags & 0x04) {
    ctx.out += ' seq ';
    if (flags & 0x08) {
      ctx.out += u64(ctx, i);
      i += 8;
    } else {
      ctx.out += r.u32(i);
      i += 4;
    }
    ctx.out += ` subseq ${r.u32(i)}`;
    i += 4;
    ctx.out += ` len ${r.u16(i)}`;
    i += 2;
    if (i - at + 2 === length) ctx.out += ` csum 0x${r.u16(i).toString(16)}`;
  }
  return true;
}

function printAddAddress(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  // Version 0 keeps the IP version in the low nibble; version 1 has the echo bit there.
  const nibble = r.u8(at + 2) & 0x0f;
  if (nibble === 4 || nibble === 6) {
    const ipv6 = nibble === 6;
    if (ipv6 ? length !== 20 && length !== 22 : length !== 8 && length !== 10) return false;
    ctx.out += ` v0-ip${nibble} id ${r.u8(at + 3)} `;
    ctx.out += ipv6 ? ipv6String(r, at + 4) : ipv4String(r, at + 4);
    if (length === 10 || length === 22) ctx.out += `:${r.u16(at + (ipv6 ? 20 : 8))}`;
    return true;
  }
  const echo = (nibble & 1) !== 0;
  const lengths = echo ? [8, 10, 20, 22] : [16, 18, 28, 30];
  if (!lengths.includes(length)) return false;
  ctx.out += echo ? ' v1-echo' : ' v1';
  ctx.out += ` id ${r.u8(at + 3)}`;
  const ipv6 = length === 20 || length === 22 || length === 28 || length === 30;
  const address = ipv6 ? ipv6String(r, at + 4) : ipv4String(r, at + 4);
  ctx.out += ` ${address}`;
  let i = at + 4 + (ipv6 ? 16 : 4);
  const withPort = ipv6 ? length === 22 || length === 30 : length === 10 || length === 18;
  if (withPort) {
    ctx.out += `:${r.u16(i)}`;
    i += 2;
  }
  if (!echo) ctx.out += ` hmac 0x${u64hex(ctx, i)}`;
  return true;
}

/**
 * Prints the body of an MPTCP option (tcpdump's `mptcp LEN subtype ...`). Returns false for
 * a length the subtype cannot have. Only the common subtypes are spelled out; the rest
 * print their name, which is all tcpdump prints for several of them.
 */
export function printMptcpOption(
  ctx: DecodeContext, at: number, length: number, _tcpFlags: number,
): boolean {
  const r = ctx.r;
  ctx.out += ` ${length}`;
  if (length < 3) return false;
  const subtype = r.u8(at + 2) >> 4;
  ctx.out += ` ${SUBTYPES[subtype] ?? 'unknown'}`;
  switch (subtype) {
    case 0: return printCapable(ctx, at, length);
    case 1: return printJoin(ctx, at, length);
    case 2: return printDss(ctx, at, length);
    case 3: return printAddAddress(ctx, at, length);
    case 4:
      if (length < 4) return false;
      ctx.out += ' id';
      for (let i = 3; i < length; i++) ctx.out += ` ${r.u8(at + i)}`;
      return true;
    case 7:
      if (length !== 12) return false;
      ctx.out += ` key 0x${u64hex(ctx, at + 4)}`;
      return true;
    default:
      return true;
  }
}
