// IPsec headers (RFC 4303 ESP, RFC 4302 AH): their identifiers; ESP's payload is opaque.

import type { DecodeContext } from './decode-context';

export const IPPROTO_ESP = 50;
export const IPPROTO_AH = 51;
const AH_FIXED = 12;

export function printEsp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'esp';
  ctx.out += `ESP(spi=0x${r.u32(at).toString(16).padStart(8, '0')}` +
    `,seq=0x${r.u32(at + 4).toString(16)}), length ${length}`;
}

/**
 * Prints `AH(spi=...,seq=...,icv=0x...): ` and returns the header's length, (len + 2)
 * 32-bit words (RFC 4302 2.2). An ICV cut short by the capture ends in ` [|ah]`.
 */
export function printAh(ctx: DecodeContext, at: number): number {
  const r = ctx.r;
  ctx.protocol = 'ah';
  const lengthField = r.u8(at + 1);
  const headerLength = (lengthField + 2) * 4;
  ctx.out += 'AH(';
  if (ctx.verbose) ctx.out += `length=${lengthField}(${headerLength}-bytes),`;
  ctx.out += `spi=0x${r.u32(at + 4).toString(16).padStart(8, '0')},` +
    `seq=0x${r.u32(at + 8).toString(16)},icv=0x`;
  for (let i = AH_FIXED; i < headerLength; i++) {
    ctx.out += r.u8(at + i).toString(16).padStart(2, '0');
  }
  ctx.out += '): ';
  return headerLength;
}
