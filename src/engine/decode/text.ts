// Printing packet bytes as text the way tcpdump escapes them.

import type { ByteReader } from './byte-reader';

/** One byte as tcpdump's fn_print_char shows it: `M-` for the high bit, `^` for controls. */
export function escapedChar(b: number): string {
  let text = '';
  if (b > 0x7f) {
    text = 'M-';
    b &= 0x7f;
  }
  if (b < 0x20 || b === 0x7f) return `${text}^${String.fromCharCode(b ^ 0x40)}`;
  return text + String.fromCharCode(b);
}

/** Up to `length` captured bytes from `at`, escaped; stops at the end of the capture. */
export function escapedText(r: ByteReader, at: number, length: number): string {
  const count = Math.min(length, r.left(at));
  let text = '';
  for (let i = 0; i < count; i++) text += escapedChar(r.data[at + i]);
  return text;
}
