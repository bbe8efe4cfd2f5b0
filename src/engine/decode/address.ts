// Text forms of link-layer, IPv4 and IPv6 addresses as tcpdump -n prints them.

import type { ByteReader } from './byte-reader';

const HEX = '0123456789abcdef';

/** Colon-separated lowercase hex octets (`00:00:5e:00:53:10`), any length. */
export function macString(r: ByteReader, at: number, length = 6): string {
  r.need(at, length);
  let text = '';
  for (let i = 0; i < length; i++) {
    const b = r.data[at + i];
    if (i > 0) text += ':';
    text += HEX[b >> 4] + HEX[b & 15];
  }
  return text;
}

/** Decimal text of every byte value, so an address costs no number conversions. */
const DECIMAL: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));

/**
 * The texts of recently printed IPv4 addresses, one per slot: a capture's packets come from
 * few addresses, and building the text again made four joins and a string every time.
 */
const CACHE_SLOTS = 1024;
const cachedAddresses = new Int32Array(CACHE_SLOTS);
const cachedTexts: string[] = new Array<string>(CACHE_SLOTS).fill('');

export function ipv4String(r: ByteReader, at: number): string {
  r.need(at, 4);
  const d = r.data;
  const address = (d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3];
  const slot = (address ^ (address >>> 10) ^ (address >>> 20)) & (CACHE_SLOTS - 1);
  const cached = cachedTexts[slot];
  if (cached !== '' && cachedAddresses[slot] === address) return cached;
  const text = DECIMAL[d[at]] + '.' + DECIMAL[d[at + 1]] + '.' + DECIMAL[d[at + 2]] + '.' +
    DECIMAL[d[at + 3]];
  cachedAddresses[slot] = address;
  cachedTexts[slot] = text;
  return text;
}

/**
 * RFC 5952 form: the longest run of two or more zero groups becomes `::` (the first run
 * wins a tie), and an IPv4-mapped or IPv4-compatible address ends in dotted quad.
 */
export function ipv6String(r: ByteReader, at: number): string {
  r.need(at, 16);
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push((r.data[at + i * 2] << 8) | r.data[at + i * 2 + 1]);

  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestStart = -1;

  let text = '';
  for (let i = 0; i < 8; i++) {
    if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength) {
      if (i === bestStart) text += ':';
      continue;
    }
    if (i > 0) text += ':';
    const embedsIpv4 = i === 6 && bestStart === 0 &&
      (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff));
    if (embedsIpv4) {
      text += ipv4String(r, at + 12);
      break;
    }
    text += words[i].toString(16);
  }
  if (bestStart >= 0 && bestStart + bestLength === 8) text += ':';
  return text;
}
