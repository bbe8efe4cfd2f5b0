// ICMPv6 (RFC 4443) and neighbour discovery (RFC 4861), as tcpdump prints them.

import { ipv6String } from './address';
import { checksumShouldBe, transportChecksum } from './checksum';
import type { DecodeContext } from './decode-context';
import { hexPrint } from './default-print';
import { printNodeInfoQuery, printNodeInfoReply, printRouterRenumbering } from './icmp6-info';

const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'destination unreachable'], [2, 'packet too big'], [3, 'time exceeded in-transit'],
  [4, 'parameter problem'], [128, 'echo request'], [129, 'echo reply'],
  [130, 'multicast listener query'], [131, 'multicast listener report'],
  [132, 'multicast listener done'], [133, 'router solicitation'],
  [134, 'router advertisement'], [135, 'neighbor solicitation'],
  [136, 'neighbor advertisement'], [137, 'redirect'], [138, 'router renumbering'],
  [139, 'who-are-you request'], [140, 'who-are-you reply'],
  [141, 'inverse neighbor solicitation'], [142, 'inverse neighbor advertisement'],
  [143, 'multicast listener report v2'], [144, 'ha discovery request'],
  [145, 'ha discovery reply'], [146, 'mobile router solicitation'],
  [147, 'mobile router advertisement'], [155, 'RPL'], [200, 'mtrace response'],
  [201, 'mtrace'],
]);

const UNREACHABLE_CODES = [
  'unreachable route', ' unreachable prohibited', 'beyond scope', 'unreachable address',
  'unreachable port',
];

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'source link-address'], [2, 'destination link-address'], [3, 'prefix info'],
  [4, 'redirected header'], [5, 'mtu'], [7, 'advertisement interval'],
  [8, 'homeagent info'], [24, 'route info'], [25, 'rdnss'], [31, 'dnssl'],
]);

/** Types whose -v form puts `, length N` right after the type name. */
const LENGTH_FIRST = new Set([133, 134, 135, 136, 137, 145, 147]);

function lifetimeText(value: number): string {
  return value === 0xffffffff ? 'infinity' : `${value}s`;
}

/** Neighbour-discovery options, one `\n\t  name option (N), length L (n): ...` each. */
function printOptions(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  let left = length;
  while (left > 0 && at < r.end) {
    const type = r.u8(at);
    const units = r.u8(at + 1);
    if (units === 0) return false;
    const optionLength = units << 3;
    if (at + optionLength > r.end) return false;
    ctx.out += `\n\t  ${OPTION_NAMES.get(type) ?? 'unknown'} option (${type}), ` +
      `length ${optionLength} (${units}): `;
    switch (type) {
      case 1:
      case 2: {
        const bytes: string[] = [];
        for (let i = 2; i < optionLength; i++) {
          bytes.push(r.u8(at + i).toString(16).padStart(2, '0'));
        }
        ctx.out += bytes.join(':');
        break;
      }
      case 3: {
        const flags = r.u8(at + 3);
        const names: string[] = [];
        if (flags & 0x80) names.push('onlink');
        if (flags & 0x40) names.push('auto');
        if (flags & 0x20) names.push('router');
        ctx.out += `${ipv6String(r, at + 16)}/${r.u8(at + 2)}${units !== 4 ? 'badlen' : ''}` +
          `, Flags [${names.length ? names.join(', ') : 'none'}]` +
          `, valid time ${lifetimeText(r.u32(at + 4))}` +
          `, pref. time ${lifetimeText(r.u32(at + 8))}`;
        break;
      }
      case 5:
        ctx.out += ` ${r.u32(at + 4)}${units !== 1 ? 'bad option length' : ''}`;
        break;
      default:
        // With -v tcpdump dumps an unknown option and stops there; -vv shows the data
        // once, below, and goes on.
        if (ctx.verbose <= 1) {
          hexPrint(ctx, '\n\t  ', at + 2, optionLength - 2);
          return true;
        }
    }
    if (ctx.verbose > 1) hexPrint(ctx, '\n\t    ', at + 2, optionLength - 2);
    at += optionLength;
    left -= optionLength;
  }
  return true;
}

export function decodeIcmp6(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'icmp6';
  if (length === 0) {
    ctx.out += 'ICMP6, length 0 (invalid)';
    return;
  }
  if (ctx.tree) {
    ctx.tree.layer('icmpv6', 'Internet Control Message Protocol v6', at);
    ctx.tree.add('icmpv6.type', 'Type', at, 1, r.u8(at));
    ctx.tree.add('icmpv6.code', 'Code', at + 1, 1, r.u8(at + 1));
    ctx.tree.add('icmpv6.checksum', 'Checksum', at + 2, 2, r.u16(at + 2));
  }
  if (ctx.verbose && !ctx.ipFragmented && r.has(at, length)) {
    const stored = r.u16(at + 2);
    const sum = transportChecksum(r, 6, ctx.ipAt, 58, at, length, ctx.ipv6DestinationAt);
    if (sum !== 0) {
      const hex = (value: number): string => value.toString(16).padStart(4, '0');
      ctx.out += `[bad icmp6 cksum 0x${hex(stored)} -> 0x${hex(checksumShouldBe(stored, sum))}!] `;
    } else {
      ctx.out += '[icmp6 sum ok] ';
    }
  }
  const type = r.u8(at);
  ctx.out += `ICMP6, ${TYPE_NAMES.get(type) ?? `unknown icmp6 type (${type})`}`;
  if (ctx.verbose && LENGTH_FIRST.has(type)) ctx.out += `, length ${length}`;
  const code = r.u8(at + 1);
  const inner = at + 8;

  switch (type) {
    case 1:
      ctx.out += `, ${UNREACHABLE_CODES[code] ?? `unknown unreach code (${code})`}`;
      if (code === 0 || code === 1 || code === 3) ctx.out += ` ${ipv6String(r, inner + 24)}`;
      else if (code === 2) {
        ctx.out += ` ${ipv6String(r, inner + 24)}, source address ${ipv6String(r, inner + 8)}`;
      } else if (code === 4) {
        printUnreachablePort(ctx, inner);
      } else if (ctx.verbose <= 1) {
        hexPrint(ctx, '\n\t', at, length);
        return;
      }
      break;
    case 2:
      ctx.out += `, mtu ${r.u32(at + 4)}`;
      break;
    case 3:
      if (code === 0) ctx.out += ` for ${ipv6String(r, inner + 24)}`;
      else if (code === 1) ctx.out += ' (reassembly)';
      else ctx.out += `, unknown code (${code})`;
      break;
    case 4: {
      r.need(inner + 24, 16);
      const names = ['erroneous', 'next header', 'option', 'incomplete header chain'];
      const name = names[code];
      ctx.out += name ? `, ${name} - octet ${r.u32(at + 4)}` : `, code-#${code}`;
      break;
    }
    case 128:
    case 129:
      ctx.out += `, id ${r.u16(at + 4)}, seq ${r.u16(at + 6)}`;
      break;
    case 133:
      if (ctx.verbose && !printOptions(ctx, at + 8, length - 8)) return truncated(ctx);
      break;
    case 134:
      if (ctx.verbose) {
        const flags = r.u8(at + 5);
        const names: string[] = [];
        if (flags & 0x80) names.push('managed');
        if (flags & 0x40) names.push('other stateful');
        if (flags & 0x20) names.push('home agent');
        const preference = ['medium', 'high', 'rsv', 'low'][(flags >> 3) & 3];
        ctx.out += `\n\thop limit ${r.u8(at + 4)}, Flags [${names.join(', ') || 'none'}]` +
          `, pref ${preference}, router lifetime ${r.u16(at + 6)}s` +
          `, reachable time ${r.u32(at + 8)}ms, retrans timer ${r.u32(at + 12)}ms`;
        if (!printOptions(ctx, at + 16, length - 16)) return truncated(ctx);
      }
      break;
    case 135:
      ctx.out += `, who has ${ipv6String(r, at + 8)}`;
      if (ctx.verbose && !printOptions(ctx, at + 24, length - 24)) return truncated(ctx);
      break;
    case 136:
      ctx.out += `, tgt is ${ipv6String(r, at + 8)}`;
      if (ctx.verbose) {
        const flags = r.u32(at + 4);
        const names: string[] = [];
        if (flags & 0x80000000) names.push('router');
        if (flags & 0x40000000) names.push('solicited');
        if (flags & 0x20000000) names.push('override');
        ctx.out += `, Flags [${names.join(', ') || 'none'}]`;
        if (!printOptions(ctx, at + 24, length - 24)) return truncated(ctx);
      }
      break;
    case 137:
      ctx.out += `, ${ipv6String(r, at + 24)} to ${ipv6String(r, at + 8)}`;
      if (ctx.verbose && !printOptions(ctx, at + 40, length - 40)) return truncated(ctx);
      break;
    case 130:
      if (length === 24) printMld(ctx, at);
      else if (length >= 28) {
        ctx.out += ' v2';
        printMldv2Query(ctx, at, length);
      } else {
        ctx.out += ' unknown,';
      }
      break;
    case 131:
    case 132:
      printMld(ctx, at);
      break;
    case 143:
      printMldv2Report(ctx, at, length);
      break;
    case 138:
      printRouterRenumbering(ctx, at);
      break;
    case 139:
      printNodeInfoQuery(ctx, at, length);
      break;
    case 140:
      printNodeInfoReply(ctx, at, length);
      break;
    case 155: {
      // RPL (RFC 6550): the message kind only; the DIO/DAO fields tcpdump adds under -v
      // are not decoded.
      const kinds = ['DODAG Information Solicitation', 'DODAG Information Object',
        'Destination Advertisement Object', 'Destination Advertisement Object Ack'];
      const kind = kinds[code & 0x7f];
      ctx.out += `, ${code & 0x80 ? '(SEC)' : '(CLR)'}` +
        (kind ?? `RPL message, unknown code ${code & 0x7f}`);
      break;
    }
    case 141:
    case 142:
      break;
    case 144:
    case 145:
    case 146:
    case 147:
      // Mobile IPv6 discovery (RFC 6275 6.5 to 6.8): an identifier, then options. The
      // solicitations show it always, the answers only with -v.
      if (type === 144 || type === 146 || ctx.verbose) {
        ctx.out += `, id 0x${r.u16(at + 4).toString(16).padStart(4, '0')}`;
        if (type === 145) {
          for (let i = 8; i < length; i += 16) ctx.out += `, ${ipv6String(r, at + i)}`;
        }
        if (type === 147) {
          // tcpdump 4.99 reads the M and O flags but tests them against 16-bit masks, so it
          // never prints them; the read still fails on a packet cut before them.
          r.u8(at + 6);
          if (!printOptions(ctx, at + 8, length - 8)) return truncated(ctx);
        }
      }
      break;
    default:
      ctx.out += `, length ${length}`;
      if (ctx.verbose <= 1) hexPrint(ctx, '\n\t', at, length);
      return;
  }
  if (!ctx.verbose) ctx.out += `, length ${length}`;
}

/** MLDv1 (RFC 2710); tcpdump prints it right after the type name, without a separator. */
function printMld(ctx: DecodeContext, at: number): void {
  ctx.out += `max resp delay: ${ctx.r.u16(at + 4)} addr: ${ipv6String(ctx.r, at + 8)}`;
}

const RECORD_TYPES = ['', 'is_in', 'is_ex', 'to_in', 'to_ex', 'allow', 'block'];

/** MLDv2 report (RFC 3810 5.2): group records, detailed with -v and sources with -vv. */
function printMldv2Report(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  if (length < 8) {
    ctx.out += ` [invalid len ${length}]`;
    return;
  }
  const groups = r.u16(at + 6);
  ctx.out += `, ${groups} group record(s)`;
  if (!ctx.verbose) return;
  let group = 8;
  for (let i = 0; i < groups; i++) {
    if (length < group + 20) {
      ctx.out += ' [invalid number of groups]';
      return;
    }
    const recordType = r.u8(at + group);
    ctx.out += ` [gaddr ${ipv6String(r, at + group + 4)}` +
      ` ${RECORD_TYPES[recordType] || ` [v2-report-#${recordType}]`}`;
    const sources = r.u16(at + group + 2);
    if (length < group + 20 + sources * 16) {
      ctx.out += ` [invalid number of sources ${sources}]`;
      return;
    }
    if (ctx.verbose === 1) ctx.out += `, ${sources} source(s)`;
    else {
      ctx.out += ' {';
      for (let j = 0; j < sources; j++) ctx.out += ` ${ipv6String(r, at + group + 20 + j * 16)}`;
      ctx.out += ' }';
    }
    group += 20 + sources * 16;
    ctx.out += ']';
  }
}

/** A floating-point-coded MLDv2 value (RFC 3810 5.1.3 and 5.1.9). */
function decodeCode(code: number, limit: number, mantissaBits: number): number {
  if (code < limit) return code;
  const mantissa = code & ((1 << mantissaBits) - 1);
  const exponent = (code >> mantissaBits) & 0x7;
  return (mantissa | (1 << mantissaBits)) * 2 ** (exponent + 3);
}

/** MLDv2 query (RFC 3810 5.1). */
function printMldv2Query(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  if (length < 28) {
    ctx.out += ` [invalid len ${length}]`;
    return;
  }
  if (ctx.verbose) ctx.out += ` [max resp delay=${decodeCode(r.u16(at + 4), 32768, 12)}]`;
  ctx.out += ` [gaddr ${ipv6String(r, at + 8)}`;
  if (ctx.verbose) {
    const flags = r.u8(at + 24);
    if (flags & 0x08) ctx.out += ' sflag';
    if (flags & 0x07) ctx.out += ` robustness=${flags & 0x07}`;
    ctx.out += ` qqi=${decodeCode(r.u8(at + 25), 128, 4)}`;
  }
  const sources = r.u16(at + 26);
  if (sources > 0) {
    if (length < 28 + sources * 16) ctx.out += ' [invalid number of sources]';
    else if (ctx.verbose > 1) {
      ctx.out += ' {';
      for (let i = 0; i < sources; i++) ctx.out += ` ${ipv6String(r, at + 28 + i * 16)}`;
      ctx.out += ' }';
    } else {
      ctx.out += `, ${sources} source(s)`;
    }
  }
  ctx.out += ']';
}

/** The quoted datagram's upper-layer protocol and destination port (after IPv6 headers). */
function printUnreachablePort(ctx: DecodeContext, inner: number): void {
  const r = ctx.r;
  const destination = ipv6String(r, inner + 24);
  let next = r.u8(inner + 6);
  let at = inner + 40;
  // Skip the extension headers that may come between; each names the next one.
  for (let hops = 0; hops < 8 && (next === 0 || next === 43 || next === 60); hops++) {
    const length = (r.u8(at + 1) + 1) * 8;
    next = r.u8(at);
    at += length;
  }
  const port = r.u16(at + 2);
  if (next === 6) ctx.out += `, ${destination} tcp port ${port}`;
  else if (next === 17) ctx.out += `, ${destination} udp port ${port}`;
  else ctx.out += `, ${destination} protocol ${next} port ${port} unreachable`;
}

function truncated(ctx: DecodeContext): void {
  ctx.out += ' [|icmp6]';
}
