// Multipath TCP options (RFC 8684; version 0 from RFC 6824), inside `options [...]`.

import { ipv4String, ipv6String } from './address';
import type { DecodeContext } from './decode-context';

const SUBTYPES = [
  'capable', 'join', 'dss', 'add-addr', 'remove-addr', 'prio', 'fail', 'fast-close',
  'tcprst',
];

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/** A 64-bit big-endian number as decimal text. */
function u64(ctx: DecodeContext, at: number): string {
  return ((BigInt(ctx.r.u32(at)) << 32n) | BigInt(ctx.r.u32(at + 4))).toString();
}

function u64hex(ctx: DecodeContext, at: number): string {
  return hex(ctx.r.u32(at), 8) + hex(ctx.r.u32(at + 4), 8);
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
  if (length === 22 || length === 24) ctx.out += ` datalen ${r.u16(at + 20)}`;
  return true;
}

function printDss(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  const flags = r.u8(at + 3);
  let i = at + 4;
  if (flags & 0x10) ctx.out += ' F';
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
    if (i - at + 2 === length) ctx.out += ` csum 0x${hex(r.u16(i), 4)}`;
  }
  return true;
}

function printAddAddress(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  const version = length === 8 || length === 20 || length === 10 || length === 22 ? 0 : 1;
  const first = r.u8(at + 2);
  if (version === 0) {
    if (length !== 8 && length !== 10 && length !== 20 && length !== 22) return false;
    ctx.out += ` id ${r.u8(at + 3)}`;
    return true;
  }
  const echo = (first & 1) !== 0;
  if (![8, 10, 16, 18, 20, 22, 28, 30].includes(length)) return false;
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
  ctx.out += ` ${SUBTYPES[subtype] ?? `Unknown (${subtype})`}`;
  switch (subtype) {
    case 0: return printCapable(ctx, at, length);
    case 2: return printDss(ctx, at, length);
    case 3: return printAddAddress(ctx, at, length);
    case 7:
      if (length !== 12) return false;
      ctx.out += ` key 0x${u64hex(ctx, at + 4)}`;
      return true;
    default:
      return true;
  }
}
