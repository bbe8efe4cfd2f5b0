// Byte-to-text helpers for protocol lines: UTF-8 with replacement, base64, no platform APIs.

const REPLACEMENT = 0xfffd;

/** Decodes UTF-8; each invalid sequence becomes U+FFFD rather than an error. */
export function utf8Text(bytes: Uint8Array): string {
  let text = '';
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const first = bytes[i];
    let code = REPLACEMENT;
    let size = 1;
    if (first < 0x80) {
      code = first;
    } else if (first >= 0xc2 && first < 0xf5) {
      size = first < 0xe0 ? 2 : first < 0xf0 ? 3 : 4;
      let value = first & (0x3f >> (size - 1));
      let good = i + size <= bytes.length;
      for (let k = 1; good && k < size; k++) {
        const next = bytes[i + k];
        good = (next & 0xc0) === 0x80;
        value = (value << 6) | (next & 0x3f);
      }
      const minimum = [0, 0, 0x80, 0x800, 0x10000][size];
      if (good && value >= minimum && value <= 0x10ffff) code = value;
      else size = 1;
    }
    codes.push(code);
    i += size;
    if (codes.length >= 4096) {
      text += String.fromCodePoint(...codes);
      codes.length = 0;
    }
  }
  return text + String.fromCodePoint(...codes);
}

export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes RFC 4648 base64; undefined when `text` is not base64. */
export function base64Bytes(text: string): Uint8Array | undefined {
  const clean = text.trim().replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
