// Decodes RFC 2047 encoded words (=?charset?B|Q?text?=) in header values for display.

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
/** Whitespace between two encoded words is not part of the text (RFC 2047 6.2). */
const BETWEEN_WORDS = /(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g;

function base64Bytes(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function quotedBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    const hex = text.slice(at + 1, at + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      at += 2;
    } else {
      bytes.push(char === '_' ? 0x20 : char.charCodeAt(0) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeCharset(bytes: Uint8Array, charset: string): string | undefined {
  // RFC 2231 lets a language follow the charset: utf-8*en.
  const label = charset.split('*')[0];
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The value with its encoded words decoded; a word that cannot be decoded stays as sent. */
export function decodeEncodedWords(value: string): string {
  return value.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD,
    (whole, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? base64Bytes(text) : quotedBytes(text);
      return (bytes && decodeCharset(bytes, charset)) ?? whole;
    });
}
