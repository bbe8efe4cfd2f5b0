// A frame's IP addresses and transport ports, found without decoding the rest: for counting
// which hosts and ports a capture holds, where the header columns do not know the packet
// (IPv6, 802.1Q-tagged frames).

import { ipv6String } from './address';
import { ByteReader, Truncated } from './byte-reader';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from './ethertype';
import { networkStart, type NetworkStart } from './network-start';

const TCP = 6;
const UDP = 17;
const SCTP = 132;
const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
const IPV6_DESTINATION_OPTIONS = 60;

/** Addresses are numbers for IPv4 (as the header columns keep them) and text for IPv6. */
export type IpEndpoints =
  | { version: 4; source: number; destination: number; ports?: [number, number] }
  | { version: 6; source: string; destination: string; ports?: [number, number] };

const reader = new ByteReader();

/** Undefined when the frame is not IP on a link type known here, or its addresses were cut. */
export function ipEndpoints(linkType: number, d: Uint8Array): IpEndpoints | undefined {
  reader.reset(d);
  let start: NetworkStart | undefined;
  try {
    start = networkStart(reader, linkType);
  } catch (error) {
    if (error instanceof Truncated) return undefined;
    throw error;
  }
  if (!start) return undefined;
  const { at, type } = start;
  if (at >= d.length) return undefined;
  const version = d[at] >> 4;
  if (version === 4 && (type === ETHERTYPE_IPV4 || type === 0)) return ipv4(d, at);
  if (version === 6 && (type === ETHERTYPE_IPV6 || type === 0)) return ipv6(d, at);
  return undefined;
}

function ipv4(d: Uint8Array, at: number): IpEndpoints | undefined {
  if (at + 20 > d.length) return undefined;
  const found: IpEndpoints = {
    version: 4, source: u32(d, at + 12), destination: u32(d, at + 16),
  };
  const laterFragment = ((d[at + 6] & 0x1f) | d[at + 7]) !== 0;
  const headerLength = 4 * (d[at] & 0x0f);
  if (!laterFragment && headerLength >= 20) found.ports = ports(d, d[at + 9], at + headerLength);
  return found;
}

function ipv6(d: Uint8Array, at: number): IpEndpoints | undefined {
  if (at + 40 > d.length) return undefined;
  reader.reset(d);
  const found: IpEndpoints = {
    version: 6, source: ipv6String(reader, at + 8), destination: ipv6String(reader, at + 24),
  };
  let next = d[at + 6];
  let cursor = at + 40;
  // Each extension header is at least 8 bytes, so the captured length bounds the walk.
  while (next === IPV6_HOP_BY_HOP || next === IPV6_ROUTING || next === IPV6_DESTINATION_OPTIONS) {
    if (cursor + 2 > d.length) return found;
    next = d[cursor];
    cursor += (d[cursor + 1] + 1) * 8;
  }
  found.ports = ports(d, next, cursor);
  return found;
}

function ports(d: Uint8Array, protocol: number, at: number): [number, number] | undefined {
  if (protocol !== TCP && protocol !== UDP && protocol !== SCTP) return undefined;
  if (at + 4 > d.length) return undefined;
  return [u16(d, at), u16(d, at + 2)];
}

function u16(d: Uint8Array, at: number): number {
  return (d[at] << 8) | d[at + 1];
}

function u32(d: Uint8Array, at: number): number {
  return ((d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3]) >>> 0;
}
