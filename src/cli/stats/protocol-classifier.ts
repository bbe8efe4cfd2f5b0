// Names the protocol layers of a packet and its conversation, for `tapline stats`.
// Known gap: this reads only the few header fields a summary needs. The full decoders in
// src/engine/decode/ were being written at the same time; once they expose a layer walk,
// this file should use them instead of its own offsets.

import { LinkType } from '../../engine/files/packet-record';

export interface PacketLayers {
  /** Protocol names from the link layer inward, e.g. ["eth", "ipv4", "tcp"]. */
  readonly path: string[];
  /** Both endpoints in a fixed order, so the two directions share one key. */
  readonly conversation?: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
const IPV6_EXTENSIONS = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;

const TRANSPORT_NAMES: Record<number, string> = {
  1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 47: 'gre', 58: 'icmpv6', 132: 'sctp',
};

function ipv4Text(data: Uint8Array, at: number): string {
  return `${data[at]}.${data[at + 1]}.${data[at + 2]}.${data[at + 3]}`;
}

/** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as "::". */
function ipv6Text(data: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((data[at + i] << 8) | data[at + i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8;) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = (list: number[]): string => list.map((group) => group.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function conversationKey(protocol: string, a: string, b: string): string {
  return a < b ? `${protocol} ${a} <-> ${b}` : `${protocol} ${b} <-> ${a}`;
}

function transport(
  data: Uint8Array, at: number, protocol: number, source: string, destination: string,
  ipv6: boolean, firstFragment: boolean, path: string[],
): string {
  const name = TRANSPORT_NAMES[protocol] ?? `ip-proto-${protocol}`;
  path.push(name);
  const hasPorts = (protocol === 6 || protocol === 17) && firstFragment && at + 4 <= data.length;
  if (!hasPorts) return conversationKey(name, source, destination);
  const sourcePort = (data[at] << 8) | data[at + 1];
  const destinationPort = (data[at + 2] << 8) | data[at + 3];
  const join = (address: string, port: number): string =>
    ipv6 ? `[${address}]:${port}` : `${address}:${port}`;
  return conversationKey(name, join(source, sourcePort), join(destination, destinationPort));
}

function ipv4(data: Uint8Array, at: number, path: string[]): string | undefined {
  path.push('ipv4');
  if (at + 20 > data.length) return undefined;
  const headerLength = (data[at] & 0x0f) * 4;
  const fragmentOffset = ((data[at + 6] & 0x1f) << 8) | data[at + 7];
  const source = ipv4Text(data, at + 12);
  const destination = ipv4Text(data, at + 16);
  return transport(data, at + headerLength, data[at + 9], source, destination, false,
    fragmentOffset === 0, path);
}

function ipv6(data: Uint8Array, at: number, path: string[]): string | undefined {
  path.push('ipv6');
  if (at + 40 > data.length) return undefined;
  const source = ipv6Text(data, at + 8);
  const destination = ipv6Text(data, at + 24);
  let next = data[at + 6];
  let offset = at + 40;
  let firstFragment = true;
  // Walk the extension headers; the loop ends because each step moves forward.
  while ((IPV6_EXTENSIONS.has(next) || next === IPV6_FRAGMENT) && offset + 8 <= data.length) {
    if (next === IPV6_FRAGMENT) {
      firstFragment = (((data[offset + 2] << 8) | data[offset + 3]) & 0xfff8) === 0;
      next = data[offset];
      offset += 8;
    } else {
      const length = (data[offset + 1] + 1) * 8;
      next = data[offset];
      offset += length;
    }
  }
  return transport(data, offset, next, source, destination, true, firstFragment, path);
}

function network(
  data: Uint8Array, at: number, version: number, path: string[],
): string | undefined {
  if (version === 4) return ipv4(data, at, path);
  if (version === 6) return ipv6(data, at, path);
  path.push('unknown');
  return undefined;
}

function byEthertype(
  data: Uint8Array, at: number, type: number, path: string[],
): string | undefined {
  if (type === ETHERTYPE_IPV4) return ipv4(data, at, path);
  if (type === ETHERTYPE_IPV6) return ipv6(data, at, path);
  if (type === ETHERTYPE_ARP) path.push('arp');
  else if (type < 0x0600) path.push('llc');
  else path.push(`ethertype-0x${type.toString(16).padStart(4, '0')}`);
  return undefined;
}

function ethernet(data: Uint8Array, path: string[]): string | undefined {
  path.push('eth');
  let at = 12;
  if (at + 2 > data.length) return undefined;
  let type = (data[at] << 8) | data[at + 1];
  while (ETHERTYPE_VLAN.includes(type) && at + 6 <= data.length) {
    path.push('vlan');
    at += 4;
    type = (data[at] << 8) | data[at + 1];
  }
  return byEthertype(data, at + 2, type, path);
}

function nullFamily(data: Uint8Array, path: string[]): string | undefined {
  path.push('null');
  if (data.length < 4) return undefined;
  // The family is in the writer's byte order, so look at both ends of the word.
  const family = data[0] || data[3];
  if (family === 2) return ipv4(data, 4, path);
  if (family === 24 || family === 28 || family === 30) return ipv6(data, 4, path);
  path.push(`family-${family}`);
  return undefined;
}

export function classifyPacket(linkType: number, data: Uint8Array): PacketLayers {
  const path: string[] = [];
  let conversation: string | undefined;
  switch (linkType) {
    case LinkType.ETHERNET:
      conversation = ethernet(data, path);
      break;
    case LinkType.LINUX_SLL:
      path.push('sll');
      if (data.length >= 16) {
        conversation = byEthertype(data, 16, (data[14] << 8) | data[15], path);
      }
      break;
    case LinkType.LINUX_SLL2:
      path.push('sll2');
      if (data.length >= 20) conversation = byEthertype(data, 20, (data[0] << 8) | data[1], path);
      break;
    case LinkType.NULL:
    case LinkType.LOOP:
      conversation = nullFamily(data, path);
      break;
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      path.push('raw');
      if (data.length > 0) conversation = network(data, 0, data[0] >> 4, path);
      break;
    default:
      path.push(`linktype-${linkType}`);
  }
  return { path, conversation };
}
