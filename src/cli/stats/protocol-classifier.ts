// Names the protocol layers of a packet and its conversation, for `tapline stats`.
// Known gap: this reads only the few header fields a summary needs. The full decoders in
// src/engine/decode/ were being written at the same time; once they expose a layer walk,
// this file should use them instead of its own offsets.
// It runs for every packet of files of millions, so it fills one reused PacketLayers and
// keeps IPv4 endpoints as numbers: text is made only for the conversations printed.

import { LinkType } from '../../engine/files/packet-record';
import { NumberedNames, type ProtocolNode } from './protocol-path';

export const enum ConversationKind {
  None,
  /** Numeric IPv4 endpoints in `protocol`, `addressA/B` and `portA/B`. */
  Ipv4,
  /** Any other conversation, keyed by `text`. */
  Text,
}

/** `portA`/`portB` of an IPv4 conversation without ports (not TCP or UDP, a fragment). */
export const NO_PORT = 0x10000;

/** One packet's layers; one object is refilled for every packet. */
export class PacketLayers {
  /** The path's last protocol: "eth" then "ipv4" then "tcp" walked from the root. */
  node: ProtocolNode;
  conversation = ConversationKind.None;
  protocol = 0;
  /** IPv4 endpoints, the lower (address, port) first, so both directions are one key. */
  addressA = 0;
  portA = 0;
  addressB = 0;
  portB = 0;
  /** Both endpoints in a fixed order, so the two directions share one key. */
  text = '';

  constructor(readonly root: ProtocolNode) {
    this.node = root;
  }

  push(name: string): void {
    this.node = this.node.child(name);
  }
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_ARP = 0x0806;
const IPV6_EXTENSIONS = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;

const TRANSPORT_NAMES: Record<number, string> = {
  1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', 47: 'gre', 58: 'icmpv6', 132: 'sctp',
};
const transportNames = new NumberedNames((protocol) =>
  TRANSPORT_NAMES[protocol] ?? `ip-proto-${protocol}`);
const ethertypeNames = new NumberedNames((type) =>
  `ethertype-0x${type.toString(16).padStart(4, '0')}`);
const familyNames = new NumberedNames((family) => `family-${family}`);
const linkTypeNames = new NumberedNames((linkType) => `linktype-${linkType}`);

export function transportName(protocol: number): string {
  return transportNames.of(protocol);
}

export function ipv4Text(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.` +
    `${address & 0xff}`;
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

export function conversationKey(protocol: string, a: string, b: string): string {
  return a < b ? `${protocol} ${a} <-> ${b}` : `${protocol} ${b} <-> ${a}`;
}

/** The text key of an IPv4 conversation, the same as an IPv6 one's is built. */
export function ipv4ConversationKey(
  protocol: number, addressA: number, portA: number, addressB: number, portB: number,
): string {
  const name = transportName(protocol);
  if (portA === NO_PORT) return conversationKey(name, ipv4Text(addressA), ipv4Text(addressB));
  return conversationKey(name, `${ipv4Text(addressA)}:${portA}`,
    `${ipv4Text(addressB)}:${portB}`);
}

function hasPorts(data: Uint8Array, at: number, protocol: number, first: boolean): boolean {
  return (protocol === 6 || protocol === 17) && first && at + 4 <= data.length;
}

function ipv4(data: Uint8Array, at: number, layers: PacketLayers): void {
  layers.push('ipv4');
  if (at + 20 > data.length) return;
  const headerLength = (data[at] & 0x0f) * 4;
  const fragmentOffset = ((data[at + 6] & 0x1f) << 8) | data[at + 7];
  const protocol = data[at + 9];
  const source = ((data[at + 12] << 24) | (data[at + 13] << 16) | (data[at + 14] << 8) |
    data[at + 15]) >>> 0;
  const destination = ((data[at + 16] << 24) | (data[at + 17] << 16) | (data[at + 18] << 8) |
    data[at + 19]) >>> 0;
  layers.push(transportName(protocol));
  let sourcePort = NO_PORT;
  let destinationPort = NO_PORT;
  const ports = at + headerLength;
  if (hasPorts(data, ports, protocol, fragmentOffset === 0)) {
    sourcePort = (data[ports] << 8) | data[ports + 1];
    destinationPort = (data[ports + 2] << 8) | data[ports + 3];
  }
  layers.conversation = ConversationKind.Ipv4;
  layers.protocol = protocol;
  const sourceFirst = source < destination ||
    (source === destination && sourcePort <= destinationPort);
  layers.addressA = sourceFirst ? source : destination;
  layers.portA = sourceFirst ? sourcePort : destinationPort;
  layers.addressB = sourceFirst ? destination : source;
  layers.portB = sourceFirst ? destinationPort : sourcePort;
}

function ipv6(data: Uint8Array, at: number, layers: PacketLayers): void {
  layers.push('ipv6');
  if (at + 40 > data.length) return;
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
  const name = transportName(next);
  layers.push(name);
  layers.conversation = ConversationKind.Text;
  if (!hasPorts(data, offset, next, firstFragment)) {
    layers.text = conversationKey(name, source, destination);
    return;
  }
  const sourcePort = (data[offset] << 8) | data[offset + 1];
  const destinationPort = (data[offset + 2] << 8) | data[offset + 3];
  layers.text = conversationKey(name, `[${source}]:${sourcePort}`,
    `[${destination}]:${destinationPort}`);
}

function network(data: Uint8Array, at: number, version: number, layers: PacketLayers): void {
  if (version === 4) ipv4(data, at, layers);
  else if (version === 6) ipv6(data, at, layers);
  else layers.push('unknown');
}

function byEthertype(data: Uint8Array, at: number, type: number, layers: PacketLayers): void {
  if (type === ETHERTYPE_IPV4) ipv4(data, at, layers);
  else if (type === ETHERTYPE_IPV6) ipv6(data, at, layers);
  else if (type === ETHERTYPE_ARP) layers.push('arp');
  else if (type < 0x0600) layers.push('llc');
  else layers.push(ethertypeNames.of(type));
}

function isVlan(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100;
}

function ethernet(data: Uint8Array, layers: PacketLayers): void {
  layers.push('eth');
  let at = 12;
  if (at + 2 > data.length) return;
  let type = (data[at] << 8) | data[at + 1];
  while (isVlan(type) && at + 6 <= data.length) {
    layers.push('vlan');
    at += 4;
    type = (data[at] << 8) | data[at + 1];
  }
  byEthertype(data, at + 2, type, layers);
}

function nullFamily(data: Uint8Array, layers: PacketLayers): void {
  layers.push('null');
  if (data.length < 4) return;
  // The family is in the writer's byte order, so look at both ends of the word.
  const family = data[0] || data[3];
  if (family === 2) ipv4(data, 4, layers);
  else if (family === 24 || family === 28 || family === 30) ipv6(data, 4, layers);
  else layers.push(familyNames.of(family));
}

/** Refills `layers` for this packet: its path from `layers.root` and its conversation. */
export function classifyPacket(linkType: number, data: Uint8Array, layers: PacketLayers): void {
  layers.node = layers.root;
  layers.conversation = ConversationKind.None;
  switch (linkType) {
    case LinkType.ETHERNET:
      ethernet(data, layers);
      break;
    case LinkType.LINUX_SLL:
      layers.push('sll');
      if (data.length >= 16) byEthertype(data, 16, (data[14] << 8) | data[15], layers);
      break;
    case LinkType.LINUX_SLL2:
      layers.push('sll2');
      if (data.length >= 20) byEthertype(data, 20, (data[0] << 8) | data[1], layers);
      break;
    case LinkType.NULL:
    case LinkType.LOOP:
      nullFamily(data, layers);
      break;
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      layers.push('raw');
      if (data.length > 0) network(data, 0, data[0] >> 4, layers);
      break;
    default:
      layers.push(linkTypeNames.of(linkType));
  }
}
