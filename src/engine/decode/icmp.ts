// ICMP for IPv4 (RFC 792): `ICMP echo request, id 1, seq 1, length 64` and friends.

import { ipv4String } from './address';
import { checksumShouldBe, onesSum } from './checksum';
import type { DecodeContext } from './decode-context';
import { decodeIpv4 } from './ipv4';

const UNREACHABLE = [
  'net %d unreachable', 'host %d unreachable', '', '', '',
  '%d unreachable - source route failed', 'net %d unreachable - unknown',
  'host %d unreachable - unknown', '%d unreachable - source host isolated',
  'net %d unreachable - admin prohibited', 'host %d unreachable - admin prohibited',
  'net %d unreachable - tos prohibited', 'host %d unreachable - tos prohibited',
  '%d unreachable - admin prohibited filter', '%d unreachable - host precedence violation',
  '%d unreachable - precedence cutoff',
];

const SIMPLE_TYPES: ReadonlyMap<number, string> = new Map([
  [4, 'source quench'], [10, 'router solicitation'], [15, 'information request'],
  [16, 'information reply'], [17, 'address mask request'],
]);

/** The text after `ICMP `, from the type and code (and, for errors, the quoted header). */
function describe(ctx: DecodeContext, at: number, type: number, code: number): string {
  const r = ctx.r;
  switch (type) {
    case 0:
    case 8:
      return `echo ${type === 0 ? 'reply' : 'request'}, id ${r.u16(at + 4)}, ` +
        `seq ${r.u16(at + 6)}`;
    case 3: {
      const inner = at + 8;
      const innerDst = ipv4String(r, inner + 16);
      if (code === 2) return `${innerDst} protocol ${r.u8(inner + 9)} unreachable`;
      if (code === 3) {
        const protocol = r.u8(inner + 9);
        const innerLength = (r.u8(inner) & 0x0f) * 4;
        const port = r.u16(inner + innerLength + 2);
        if (protocol === 6) return `${innerDst} tcp port ${port} unreachable`;
        if (protocol === 17) return `${innerDst} udp port ${port} unreachable`;
        return `${innerDst} protocol ${protocol} port ${port} unreachable`;
      }
      if (code === 4) {
        const mtu = r.u16(at + 6);
        return mtu ? `${innerDst} unreachable - need to frag (mtu ${mtu})`
          : `${innerDst} unreachable - need to frag`;
      }
      const pattern = UNREACHABLE[code];
      if (pattern) return pattern.replace('%d', innerDst);
      return `${innerDst} unreachable - #${code}`;
    }
    case 5: {
      const inner = at + 8;
      const innerDst = ipv4String(r, inner + 16);
      const gateway = ipv4String(r, at + 4);
      if (code > 3) return `redirect-#${code} ${innerDst} to ${gateway}`;
      return `redirect${code >= 2 ? '-tos' : ''} ${innerDst} to ${code % 2 ? 'host' : 'net'}` +
        ` ${gateway}`;
    }
    case 9:
      return routerAdvertisement(ctx, at);
    case 11:
      if (code === 0) return 'time exceeded in-transit';
      if (code === 1) return 'ip reassembly time exceeded';
      return `time exceeded-#${code}`;
    case 12:
      return code === 0 ? `parameter problem - octet ${r.u8(at + 4)}`
        : `parameter problem - code ${code}`;
    case 13:
    case 14: {
      const what = type === 13 ? 'time stamp query' : 'time stamp reply';
      let text = `${what} id ${r.u16(at + 4)} seq ${r.u16(at + 6)}`;
      if (type === 14) {
        text += `: org ${timeText(r.u32(at + 8))}, recv ${timeText(r.u32(at + 12))}` +
          `, xmit ${timeText(r.u32(at + 16))}`;
      }
      return text;
    }
    case 18:
      return `address mask is 0x${r.u32(at + 8).toString(16).padStart(8, '0')}`;
    default:
      return SIMPLE_TYPES.get(type) ?? `type-#${type}`;
  }
}

/**
 * Milliseconds since midnight UTC as tcpdump prints them (`12:34:56.789`); the hours are
 * not wrapped, so a value that is no time of day shows as such.
 */
function timeText(ms: number): string {
  const pad = (value: number, width = 2): string => value.toString().padStart(width, '0');
  const seconds = Math.floor(ms / 1000);
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:` +
    `${pad(seconds % 60)}.${pad(ms % 1000, 3)}`;
}

/** RFC 1256: `router advertisement lifetime 30:00 1: {192.0.2.1 0}`. */
function routerAdvertisement(ctx: DecodeContext, at: number): string {
  const r = ctx.r;
  const count = r.u8(at + 4);
  const size = r.u8(at + 5);
  const lifetime = r.u16(at + 6);
  const pad = (value: number): string => value.toString().padStart(2, '0');
  let text = 'router advertisement lifetime ';
  if (lifetime < 60) text += `${lifetime}`;
  else if (lifetime < 3600) text += `${Math.floor(lifetime / 60)}:${pad(lifetime % 60)}`;
  else {
    text += `${Math.floor(lifetime / 3600)}:${pad(Math.floor((lifetime % 3600) / 60))}:` +
      pad(lifetime % 60);
  }
  text += ` ${count}:`;
  if (size !== 2) return `${text} [size ${size}]`;
  for (let i = 0; i < count; i++) {
    text += ` {${ipv4String(r, at + 8 + i * 8)} ${r.u32(at + 12 + i * 8)}}`;
  }
  return text;
}

export function decodeIcmp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'icmp';
  const type = r.u8(at);
  const code = r.u8(at + 1);
  if (ctx.tree) {
    ctx.tree.layer('icmp', 'Internet Control Message Protocol', at);
    ctx.tree.add('icmp.type', 'Type', at, 1, type);
    ctx.tree.add('icmp.code', 'Code', at + 1, 1, code);
    ctx.tree.add('icmp.checksum', 'Checksum', at + 2, 2, r.u16(at + 2));
  }
  ctx.out += `ICMP ${describe(ctx, at, type, code)}, length ${length}`;
  if (ctx.verbose && !ctx.ipFragmented && r.has(at, length)) {
    const sum = (~onesSum(r, at, length)) & 0xffff;
    if (sum !== 0) {
      const stored = r.u16(at + 2);
      const should = checksumShouldBe(stored, sum);
      ctx.out += ` (wrong icmp cksum ${stored.toString(16)} (->${should.toString(16)})!)`;
    }
  }
  if (ctx.verbose && ERROR_TYPES.has(type)) {
    // The datagram that caused the error, as its own IP line.
    ctx.out += '\n\t';
    const inner = at + 8;
    const saved = r.end;
    decodeIpv4(ctx, inner, r.u16(inner + 2));
    r.end = saved;
  }
}

/** Types that quote the offending datagram: unreachable, quench, redirect, time, param. */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
