// The Internet checksum (RFC 1071) over captured bytes, with IPv4/IPv6 pseudo-headers.

import type { ByteReader } from './byte-reader';

/** One's-complement sum of [at, at + length), folded to 16 bits, not complemented. */
export function onesSum(r: ByteReader, at: number, length: number, initial = 0): number {
  const d = r.data;
  let sum = initial;
  let i = at;
  const end = at + length;
  for (; i + 1 < end; i += 2) sum += (d[i] << 8) | d[i + 1];
  if (i < end) sum += d[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The value the checksum field should have held, from the stored value and the complemented
 * sum computed over the header with it (which is 0 when it verifies).
 */
export function checksumShouldBe(stored: number, computed: number): number {
  let s = stored + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s;
}

/**
 * The checksum of a transport segment with the pseudo-header of the IP header at `ipAt`;
 * 0 when it verifies. The caller has checked the segment was captured.
 */
export function transportChecksum(
  r: ByteReader, ipVersion: number, ipAt: number, protocol: number, at: number, length: number,
  ipv6DestinationAt = 0,
): number {
  let sum = protocol + (length & 0xffff) + Math.floor(length / 0x10000);
  if (ipVersion === 4) sum = onesSum(r, ipAt + 12, 8, sum);
  else {
    sum = onesSum(r, ipAt + 8, 16, sum);
    sum = onesSum(r, ipv6DestinationAt || ipAt + 24, 16, sum);
  }
  return (~onesSum(r, at, length, sum)) & 0xffff;
}
