// IGMP (RFC 1112 v1, RFC 2236 v2, RFC 3376 v3), as tcpdump summarises it.

import { ipv4String } from './address';
import { onesSum } from './checksum';
import type { DecodeContext } from './decode-context';

export const IPPROTO_IGMP = 2;
const RECORD_TYPES = ['', 'is_in', 'is_ex', 'to_in', 'to_ex', 'allow', 'block'];
const UNITS: [number, string][] = [[31536000, 'y'], [604800, 'w'], [86400, 'd'], [3600, 'h'],
  [60, 'm'], [1, 's']];

/** A duration as tcpdump writes long ones: `52m54s`. */
export function relativeTime(seconds: number): string {
  if (seconds === 0) return '0s';
  let text = '';
  for (const [size, unit] of UNITS) {
    if (seconds >= size) {
      text += `${Math.floor(seconds / size)}${unit}`;
      seconds %= size;
    }
  }
  return text;
}

function printV3Query(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.out += ' v3';
  const code = r.u8(at + 1);
  // Codes from 128 up are a floating-point form (RFC 3376 4.1.1), in tenths of a second.
  const tenths = code < 128 ? code : ((code & 0x0f) | 0x10) << (((code & 0x70) >> 4) + 3);
  if (code !== 100) {
    ctx.out += ' [max resp time ' +
      (tenths < 600 ? `${(tenths / 10).toFixed(1)}s` : relativeTime(Math.floor(tenths / 10))) +
      ']';
  }
  if (r.u32(at + 4) === 0) return;
  ctx.out += ` [gaddr ${ipv4String(r, at + 4)}`;
  const sources = r.u16(at + 10);
  if (sources > 0) {
    if (length < 12 + sources * 4) ctx.out += ' [invalid number of sources]';
    else if (ctx.verbose > 1) {
      ctx.out += ' {';
      for (let i = 0; i < sources; i++) ctx.out += ` ${ipv4String(r, at + 12 + i * 4)}`;
      ctx.out += ' }';
    } else {
      ctx.out += `, ${sources} source(s)`;
    }
  }
  ctx.out += ']';
}

function printV3Report(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  const groups = r.u16(at + 6);
  ctx.out += `, ${groups} group record(s)`;
  if (!ctx.verbose) return;
  let group = 8;
  for (let i = 0; i < groups; i++) {
    if (length < group + 8) {
      ctx.out += ' [invalid number of groups]';
      return;
    }
    const type = r.u8(at + group);
    ctx.out += ` [gaddr ${ipv4String(r, at + group + 4)}` +
      ` ${RECORD_TYPES[type] || ` [v3-report-#${type}]`}`;
    const sources = r.u16(at + group + 2);
    if (length < group + 8 + sources * 4) {
      ctx.out += ` [invalid number of sources ${sources}]`;
      return;
    }
    if (ctx.verbose === 1) ctx.out += `, ${sources} source(s)`;
    else {
      ctx.out += ' {';
      for (let j = 0; j < sources; j++) ctx.out += ` ${ipv4String(r, at + group + 8 + j * 4)}`;
      ctx.out += ' }';
    }
    group += 8 + sources * 4;
    ctx.out += ']';
  }
}

export function decodeIgmp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'igmp';
  if (ctx.quiet) {
    ctx.out += 'igmp';
    return;
  }
  const type = r.u8(at);
  if (ctx.tree) {
    ctx.tree.layer('igmp', 'Internet Group Management Protocol', at);
    ctx.tree.add('igmp.type', 'Type', at, 1, type);
  }
  switch (type) {
    case 0x11:
      ctx.out += 'igmp query';
      if (length >= 12) printV3Query(ctx, at, length);
      else {
        const maxResponse = r.u8(at + 1);
        if (maxResponse !== 0) {
          ctx.out += ' v2';
          if (maxResponse !== 100) ctx.out += ` [max resp time ${maxResponse}]`;
        } else {
          ctx.out += ' v1';
        }
        if (r.u32(at + 4)) ctx.out += ` [gaddr ${ipv4String(r, at + 4)}]`;
        if (length !== 8) ctx.out += ` [len ${length}]`;
      }
      break;
    case 0x12:
      ctx.out += `igmp v1 report ${ipv4String(r, at + 4)}`;
      if (length !== 8) ctx.out += ` [len ${length}]`;
      break;
    case 0x16:
      ctx.out += `igmp v2 report ${ipv4String(r, at + 4)}`;
      break;
    case 0x22:
      ctx.out += 'igmp v3 report';
      printV3Report(ctx, at, length);
      break;
    case 0x17:
      ctx.out += `igmp leave ${ipv4String(r, at + 4)}`;
      break;
    case 0x13:
      // DVMRP and PIMv1 ride on IGMP; their own printers are not written.
      ctx.out += `igmp dvmrp [type ${r.u8(at + 1)}]`;
      return;
    default:
      ctx.out += `igmp-${type}`;
  }
  if (ctx.verbose && length >= 4 && r.has(at, length) && onesSum(r, at, length) !== 0xffff) {
    ctx.out += ` bad igmp cksum ${r.u16(at + 2).toString(16)}!`;
  }
}
