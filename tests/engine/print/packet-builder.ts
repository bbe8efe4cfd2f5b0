// Builds Ethernet frames for oracle tests: IPv4/IPv6 headers with correct lengths and
// checksums around a given payload, and a pcap file holding them.

export function bytes(hex: string): number[] {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  const out: number[] = [];
  for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2), 16));
  return out;
}

function sum16(data: number[], initial = 0): number {
  let sum = initial;
  for (let i = 0; i < data.length; i += 2) sum += (data[i] << 8) | (data[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

const MACS = bytes('00005e005312 00005e005310');

export function ethernet(type: number, payload: number[]): number[] {
  return [...MACS, ...u16(type), ...payload];
}

/** An IPv4 packet from 192.0.2.1 to 198.51.100.2 (or the given addresses). */
export function ipv4(
  protocol: number, payload: number[], src = [192, 0, 2, 1], dst = [198, 51, 100, 2],
): number[] {
  const header = [0x45, 0, ...u16(20 + payload.length), 0x12, 0x34, 0x40, 0, 64, protocol,
    0, 0, ...src, ...dst];
  const checksum = (~sum16(header)) & 0xffff;
  header[10] = checksum >> 8;
  header[11] = checksum & 0xff;
  return [...header, ...payload];
}

const SRC6 = bytes('20010db8000000000000000000000001');
const DST6 = bytes('ff020000000000000000000000000001');

export function ipv6(nextHeader: number, payload: number[], dst = DST6): number[] {
  return [0x60, 0, 0, 0, ...u16(payload.length), nextHeader, 1, ...SRC6, ...dst, ...payload];
}

/** Sets the checksum at `offset` of a transport payload under an IPv4 or IPv6 header. */
export function withChecksum(
  version: 4 | 6, protocol: number, segment: number[], offset: number, dst?: number[],
): number[] {
  const copy = segment.slice();
  copy[offset] = 0;
  copy[offset + 1] = 0;
  const pseudo = version === 4
    ? [192, 0, 2, 1, ...(dst ?? [198, 51, 100, 2]), 0, protocol, ...u16(copy.length)]
    : [...SRC6, ...(dst ?? DST6), 0, 0, ...u16(copy.length), 0, 0, 0, protocol];
  const checksum = (~sum16(copy, sum16(pseudo))) & 0xffff;
  copy[offset] = checksum >> 8;
  copy[offset + 1] = checksum & 0xff;
  return copy;
}

export function udp(sourcePort: number, destinationPort: number, payload: number[]): number[] {
  return [...u16(sourcePort), ...u16(destinationPort), ...u16(8 + payload.length), 0, 0,
    ...payload];
}

/** A little-endian microsecond pcap of Ethernet frames. */
export function pcap(frames: number[][], linkType = 1): Uint8Array {
  const le32 = (value: number): number[] =>
    [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
  const parts: number[] = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0xff, 0xff, 0, 0, ...le32(linkType)];
  frames.forEach((frame, index) => {
    parts.push(...le32(1000 + index), ...le32(0), ...le32(frame.length), ...le32(frame.length));
    parts.push(...frame);
  });
  return new Uint8Array(parts);
}
