// UTF-8 to string without TextDecoder, which the engine's no-DOM, no-Node typing lacks.

const REPLACEMENT = 0xfffd;

/** Decodes UTF-8; each malformed sequence becomes U+FFFD instead of failing. */
export function decodeUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      units.push(lead);
      i++;
      continue;
    }
    const extra = lead >= 0xf0 && lead < 0xf5 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 ? 1 : -1;
    const point = extra < 0 ? -1 : readSequence(bytes, i, extra);
    if (point < 0) {
      units.push(REPLACEMENT);
      i++;
      continue;
    }
    if (point > 0xffff) {
      const high = point - 0x10000;
      units.push(0xd800 + (high >> 10), 0xdc00 + (high & 0x3ff));
    } else {
      units.push(point);
    }
    i += extra + 1;
  }
  return stringFromUnits(units);
}

/** The code point of a well-formed sequence at `at`, or -1. */
function readSequence(bytes: Uint8Array, at: number, extra: number): number {
  if (at + extra >= bytes.length) return -1;
  let point = bytes[at] & (0x3f >> extra);
  for (let k = 1; k <= extra; k++) {
    const next = bytes[at + k];
    if ((next & 0xc0) !== 0x80) return -1;
    point = (point << 6) | (next & 0x3f);
  }
  // Overlong forms and surrogates are malformed, so they cannot smuggle in other text.
  const smallest = [0, 0x80, 0x800, 0x10000][extra];
  if (point < smallest || point > 0x10ffff) return -1;
  if (point >= 0xd800 && point <= 0xdfff) return -1;
  return point;
}

function stringFromUnits(units: number[]): string {
  let text = '';
  // Bounded slices keep String.fromCharCode under engines' argument limits.
  for (let at = 0; at < units.length; at += 8192) {
    text += String.fromCharCode(...units.slice(at, at + 8192));
  }
  return text;
}

/** String to UTF-8; lone surrogates become U+FFFD, as TextEncoder does. */
export function encodeUtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let point = text.charCodeAt(i);
    if (point >= 0xd800 && point <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        point = 0x10000 + ((point - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (point >= 0xd800 && point <= 0xdfff) point = REPLACEMENT;
    if (point < 0x80) bytes.push(point);
    else if (point < 0x800) bytes.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f));
    else if (point < 0x10000) {
      bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    } else {
      bytes.push(0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f),
        0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    }
  }
  return Uint8Array.from(bytes);
}
