// ICMPv6 node information queries (RFC 4620) and router renumbering (RFC 2894).

import { ipv4String, ipv6String } from './address';
import type { DecodeContext } from './decode-context';

const NODE_INFO_HEADER = 16;

/** A node information query: what is asked (qtype, flags) and about whom (subject). */
export function printNodeInfoQuery(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  if (length === 8 + 4) {
    // The KAME who-are-you form, before the RFC.
    ctx.out += ' who-are-you request';
    return;
  }
  ctx.out += ' node information query';
  r.need(at, NODE_INFO_HEADER);
  ctx.out += ' (';
  const qtype = r.u16(at + 4);
  const flags = r.u16(at + 6);
  switch (qtype) {
    case 0:
      ctx.out += 'noop';
      break;
    case 1:
      ctx.out += 'supported qtypes';
      if (flags) ctx.out += ` [${flags & 0x01 ? 'C' : ''}]`;
      break;
    case 2:
      ctx.out += 'DNS name';
      break;
    case 3:
      ctx.out += 'node addresses';
      if (flags) {
        const letters: [number, string][] = [[0x40, 'a'], [0x20, 'G'], [0x10, 'S'],
          [0x08, 'L'], [0x04, 'C'], [0x02, 'A']];
        ctx.out += ` [${letters.map(([bit, letter]) => (flags & bit ? letter : '')).join('')}]`;
      }
      break;
    default:
      ctx.out += 'unknown';
  }
  if (qtype === 0 || qtype === 1) {
    if (length !== NODE_INFO_HEADER && ctx.verbose) ctx.out += ', invalid len';
    ctx.out += ')';
    return;
  }
  if (length === NODE_INFO_HEADER) {
    ctx.out += ', 03 draft)';
    return;
  }
  const subject = at + NODE_INFO_HEADER;
  switch (r.u8(at + 1)) {
    case 0:
      if (!r.has(at, NODE_INFO_HEADER + 16)) break;
      if (length !== NODE_INFO_HEADER + 16) {
        if (ctx.verbose) ctx.out += ', invalid subject len';
        break;
      }
      ctx.out += `, subject=${ipv6String(r, subject)}`;
      break;
    case 1:
      // The DNS-name subject is shown by name only: its encoding has two historic forms.
      ctx.out += ', subject=DNS name';
      break;
    case 2:
      if (!r.has(at, NODE_INFO_HEADER + 4)) break;
      if (length !== NODE_INFO_HEADER + 4) {
        if (ctx.verbose) ctx.out += ', invalid subject len';
        break;
      }
      ctx.out += `, subject=${ipv4String(r, subject)}`;
      break;
    default:
      ctx.out += ', unknown subject';
  }
  ctx.out += ')';
}

const NODE_ADDRESS_FLAGS: [number, string][] = [[0x40, 'a'], [0x20, 'G'], [0x10, 'S'],
  [0x08, 'L'], [0x04, 'C'], [0x02, 'A'], [0x01, 'T']];

/**
 * A node information reply: its status, and for a success what was answered. Names in
 * DNS-name answers are not listed: only `DNS name` is shown for them.
 */
export function printNodeInfoReply(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  r.need(at, NODE_INFO_HEADER);
  ctx.out += ' node information reply (';
  const code = r.u8(at + 1);
  let comma = false;
  if (code === 0 && ctx.verbose) {
    ctx.out += 'success';
    comma = true;
  } else if (code === 1 || code === 2) {
    ctx.out += code === 1 ? 'refused' : 'unknown';
    comma = true;
    if (length !== NODE_INFO_HEADER && ctx.verbose) ctx.out += ', invalid length';
  }
  if (code !== 0) {
    ctx.out += ')';
    return;
  }
  if (comma) ctx.out += ', ';
  const qtype = r.u16(at + 4);
  const flags = r.u16(at + 6);
  switch (qtype) {
    case 0:
      ctx.out += 'noop';
      if (length !== NODE_INFO_HEADER && ctx.verbose) ctx.out += ', invalid length';
      break;
    case 1:
      ctx.out += 'supported qtypes';
      if (flags) ctx.out += ` [${flags & 0x01 ? 'C' : ''}]`;
      break;
    case 2:
      ctx.out += 'DNS name';
      break;
    case 3:
      ctx.out += 'node addresses';
      for (let i = NODE_INFO_HEADER; i + 20 <= length; i += 20) {
        ctx.out += ` ${ipv6String(r, at + i + 4)}(${r.u32(at + i)})`;
      }
      if (flags) {
        ctx.out += ` [${NODE_ADDRESS_FLAGS.map(([bit, letter]) => (flags & bit ? letter : ''))
          .join('')}]`;
      }
      break;
    default:
      ctx.out += 'unknown';
  }
  ctx.out += ')';
}

const RENUMBERING_CODES = [', command', ', result'];

function flagLetters(value: number, letters: [number, string][]): string {
  return letters.map(([bit, letter]) => (value & bit ? letter : '')).join('');
}

/** A router renumbering message: header, then for a command its match and use parts. */
export function printRouterRenumbering(ctx: DecodeContext, at: number): void {
  const r = ctx.r;
  const code = r.u8(at + 1);
  r.need(at + 12, 4);
  ctx.out += code === 255 ? ', sequence number reset'
    : RENUMBERING_CODES[code] ?? `, code-#${code}`;
  ctx.out += `, seq=${r.u32(at + 4)}`;
  if (ctx.verbose) {
    const flags = r.u8(at + 9);
    ctx.out += '[';
    if (flags) {
      ctx.out += `${flagLetters(flags, [[0x80, 'T'], [0x40, 'R'], [0x20, 'A'], [0x10, 'S'],
        [0x08, 'P']])},`;
    }
    ctx.out += `seg=${r.u8(at + 8)},maxdelay=${r.u16(at + 10)}`;
    const reserved = r.u32(at + 12);
    if (reserved) ctx.out += `rsvd=0x${reserved.toString(16)}`;
    ctx.out += ']';
  }
  if (code !== 0) return;

  const separator = ctx.verbose > 1 ? '\n\t' : ' ';
  const match = at + 16;
  r.need(match + 8, 16);
  const operations = ['', 'add', 'change', 'setglobal'];
  const operation = r.u8(match);
  ctx.out += `${separator}match(${operations[operation] || `#${operation}`}`;
  if (ctx.verbose) {
    ctx.out += `,ord=${r.u8(match + 2)},min=${r.u8(match + 4)},max=${r.u8(match + 5)}`;
  }
  ctx.out += `,${ipv6String(r, match + 8)}/${r.u8(match + 3)})`;

  let uses = r.u8(match + 1) - 3;
  if (uses % 4) {
    ctx.out += ' [|icmp6]';
    return;
  }
  uses /= 4;
  for (let i = 0, use = match + 24; i < uses; i++, use += 32) {
    r.need(use + 16, 16);
    ctx.out += `${separator}use(`;
    const useFlags = r.u8(use + 12);
    if (useFlags) ctx.out += `${flagLetters(useFlags, [[0x80, 'V'], [0x40, 'P']])},`;
    if (ctx.verbose) {
      const lifetime = (value: number): string => (value === 0xffffffff ? 'infty' : `${value}`);
      ctx.out += `mask=0x${r.u8(use + 2).toString(16)},raflags=0x${r.u8(use + 3).toString(16)},` +
        `vltime=${lifetime(r.u32(use + 4))},pltime=${lifetime(r.u32(use + 8))},`;
    }
    ctx.out += `${ipv6String(r, use + 16)}/${r.u8(use)}/${r.u8(use + 1)})`;
  }
}
