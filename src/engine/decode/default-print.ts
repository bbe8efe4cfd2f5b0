// tcpdump's fallback for payloads it cannot decode: hex and ASCII, 16 bytes a line.

import type { DecodeContext } from './decode-context';

const HEX = '0123456789abcdef';
const HEX_COLUMNS = 40;

/**
 * Where tcpdump consults its "suppress default print" switch, which -q turns on: the link
 * layers' dumps of payloads they cannot decode.
 */
export function linkDefaultPrint(ctx: DecodeContext, at: number, length: number): void {
  if (!ctx.quiet) defaultPrint(ctx, at, length);
}

/**
 * Appends `\n\t0x0000:  4500 0034 ...  E..4` lines for the captured bytes in
 * [at, at + length). Only captured bytes are shown, as tcpdump does.
 */
export function defaultPrint(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  const count = Math.min(length, r.left(at));
  for (let line = 0; line < count; line += 16) {
    const n = Math.min(16, count - line);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < n; i++) {
      const b = r.data[at + line + i];
      if (i % 2 === 0) hex += ' ';
      hex += HEX[b >> 4] + HEX[b & 15];
      ascii += b > 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    ctx.out += `\n\t0x${line.toString(16).padStart(4, '0')}: ${hex.padEnd(HEX_COLUMNS)}  ${ascii}`;
  }
}

/** tcpdump's hex-only dump (print_unknown_data): `0x0000:  0000 5e00 5310` lines. */
export function hexPrint(ctx: DecodeContext, indent: string, at: number, length: number): void {
  const r = ctx.r;
  const count = Math.min(length, r.left(at));
  for (let line = 0; line < count; line += 16) {
    const n = Math.min(16, count - line);
    let hex = '';
    for (let i = 0; i < n; i++) {
      const b = r.data[at + line + i];
      if (i % 2 === 0) hex += ' ';
      hex += HEX[b >> 4] + HEX[b & 15];
    }
    ctx.out += `${indent}0x${line.toString(16).padStart(4, '0')}: ${hex}`;
  }
}
