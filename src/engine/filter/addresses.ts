// Parses the address forms of the filter language: dotted IPv4 (short forms too), IPv6, MAC.

import { parseIpv6 } from './lexer';

export { parseIpv6 };

/**
 * Dotted IPv4 with one to four parts, as libpcap reads it: `10.1` is the top 16 bits.
 * Returns the value right-aligned and its length in bits, or undefined if a part exceeds 255.
 */
export function parseDottedIpv4(text: string): { value: number; bits: number } | undefined {
  const parts = text.split('.');
  let value = 0;
  for (const part of parts) {
    const n = /^0[xX]/.test(part) ? parseInt(part.slice(2), 16) : parseInt(part, 10);
    if (!Number.isFinite(n) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return { value: value >>> 0, bits: parts.length * 8 };
}

/** A MAC address in colon, dash, dot or Cisco-dotted form. */
export function parseMac(text: string): Uint8Array | undefined {
  let groups: string[];
  if (/^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/.test(text)) {
    groups = text.replaceAll('.', '').match(/../g) ?? [];
  } else {
    groups = text.split(/[:.-]/);
  }
  if (groups.length !== 6 || groups.some((g) => !/^[0-9A-Fa-f]{1,2}$/.test(g))) return undefined;
  return Uint8Array.from(groups.map((g) => parseInt(g, 16)));
}

/** The 128-bit mask of an IPv6 prefix length. */
export function ipv6Mask(bits: number): Uint8Array {
  const mask = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const left = Math.max(0, Math.min(8, bits - i * 8));
    mask[i] = (0xff00 >> left) & 0xff;
  }
  return mask;
}
