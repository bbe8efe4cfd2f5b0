// IPv6 extension headers (RFC 8200 section 4): hop-by-hop and destination options,
// fragment, routing (type 0/2, RFC 6275; segment routing, RFC 8754).

import { ipv6String } from './address';
import type { DecodeContext } from './decode-context';

export const IPPROTO_HOPOPTS = 0;
export const IPPROTO_ROUTING = 43;
export const IPPROTO_FRAGMENT = 44;
export const IPPROTO_DSTOPTS = 60;

/**
 * The TLV options of a hop-by-hop or destination options header, shown only with -v.
 * Returns false when an option runs past the header, which tcpdump reports as truncation.
 */
function printOptions(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  const verbose = ctx.verbose > 0;
  let i = 0;
  while (i < length) {
    const type = r.u8(at + i);
    if (type === 0) {
      if (verbose) ctx.out += '(pad1)';
      i += 1;
      continue;
    }
    if (length - i < 2) {
      ctx.out += '(optlen: trunc)';
      return false;
    }
    const optionLength = r.u8(at + i + 1) + 2;
    if (i + optionLength > length) return false;
    if (type === 1) {
      if (verbose) ctx.out += '(padn)';
    } else if (type === 5) {
      if (!verbose) {
        // Shown only with -v, like every option.
      } else if (optionLength !== 4) ctx.out += `(rtalert: invalid len ${optionLength - 2})`;
      else ctx.out += `(rtalert: 0x${r.u16(at + i + 2).toString(16).padStart(4, '0')}) `;
    } else if (type === 0xc2) {
      if (optionLength !== 6) {
        if (verbose) ctx.out += `(jumbo: invalid len ${optionLength - 2})`;
      } else {
        const jumbo = r.u32(at + i + 2);
        const seen = ctx.ipv6Jumbo >= 0;
        if (!seen) ctx.ipv6Jumbo = jumbo;
        if (verbose) ctx.out += `(jumbo: ${jumbo}${seen ? ' - already seen' : ''}) `;
      }
    } else if (verbose) {
      ctx.out += `(opt_type 0x${type.toString(16).padStart(2, '0')}: len=${optionLength - 2})`;
    }
    i += optionLength;
  }
  if (verbose) ctx.out += ' ';
  return true;
}

function printOptionsHeader(ctx: DecodeContext, at: number, name: string, tag: string): number {
  const r = ctx.r;
  ctx.protocol = name;
  const length = (r.u8(at + 1) + 1) << 3;
  r.need(at, length);
  ctx.out += tag;
  if (ctx.tree) {
    ctx.tree.add(`ipv6.${name}.nxt`, `${tag.trim()} next header`, at, 1, r.u8(at));
    ctx.tree.add(`ipv6.${name}.len`, `${tag.trim()} length`, at + 1, 1, length);
  }
  if (!printOptions(ctx, at + 2, length - 2)) {
    ctx.out += ` [|${name}]`;
    return -1;
  }
  return length;
}

export function printHopByHop(ctx: DecodeContext, at: number): number {
  return printOptionsHeader(ctx, at, 'hbhopt', 'HBH ');
}

export function printDestinationOptions(ctx: DecodeContext, at: number): number {
  return printOptionsHeader(ctx, at, 'dstopt', 'DSTOPT ');
}

/** Prints `frag (offset|length)`; -1 for a later fragment, whose payload is not decoded. */
export function printFragment(ctx: DecodeContext, at: number, ipAt: number): number {
  const r = ctx.r;
  ctx.protocol = 'frag6';
  const offsetField = r.u16(at + 2);
  const identification = r.u32(at + 4);
  const offset = offsetField & 0xfff8;
  // tcpdump computes this in unsigned arithmetic: a negative length wraps around 2^64.
  let fragmentLength: number | bigint = 40 + r.u16(ipAt + 4) - (at - ipAt) - 8;
  if (fragmentLength < 0) fragmentLength = (1n << 64n) + BigInt(fragmentLength);
  if (ctx.tree) {
    ctx.tree.add('ipv6.fragment.offset', 'Fragment offset', at + 2, 2, offset);
    ctx.tree.add('ipv6.fragment.id', 'Identification', at + 4, 4, identification);
  }
  if (ctx.verbose) {
    const id = identification.toString(16).padStart(8, '0');
    ctx.out += `frag (0x${id}:${offset}|${fragmentLength})`;
  } else {
    ctx.out += `frag (${offset}|${fragmentLength})`;
  }
  if (offset !== 0) return -1;
  ctx.out += ' ';
  return 8;
}

export function printRouting(ctx: DecodeContext, at: number): number {
  const r = ctx.r;
  ctx.protocol = 'rt6';
  ctx.out += 'RT6';
  let length = r.u8(at + 1);
  ctx.out += ` (len=${length}`;
  const type = r.u8(at + 2);
  ctx.out += `, type=${type}`;
  if (type === 0) ctx.out += ' [Deprecated]';
  ctx.out += `, segleft=${r.u8(at + 3)}`;
  if (type === 0 || type === 2) {
    const reserved = r.u32(at + 4);
    if (reserved || ctx.verbose) ctx.out += `, rsv=0x${reserved.toString(16)}`;
    if (length % 2 === 1) {
      ctx.out += ` [invalid length ${length}] (invalid)`;
      return -1;
    }
    length >>= 1;
    for (let i = 0; i < length; i++) ctx.out += `, [${i}]${ipv6String(r, at + 8 + i * 16)}`;
    // The checksum pseudo-header of the payload uses the final destination (RFC 8200 8.1).
    if (length > 0) ctx.ipv6DestinationAt = at + 8 + (length - 1) * 16;
    ctx.out += ') ';
    return (r.u8(at + 1) + 1) << 3;
  }
  if (type === 4) {
    const lastEntry = r.u8(at + 4);
    ctx.out += `, last-entry=${lastEntry}`;
    const flags = r.u8(at + 5);
    if (flags || ctx.verbose) ctx.out += `, flags=0x${flags.toString(16)}`;
    ctx.out += `, tag=${r.u16(at + 6).toString(16)}`;
    if (length % 2 === 1) {
      ctx.out += ` (invalid length ${length}) (invalid)`;
      return -1;
    }
    for (let i = 0; i <= lastEntry; i++) ctx.out += `, [${i}]${ipv6String(r, at + 8 + i * 16)}`;
    ctx.out += ') ';
    return (r.u8(at + 1) + 1) << 3;
  }
  ctx.out += ' (unknown type) (invalid)';
  return -1;
}
