// Turns a captured packet into a TcpSegment, or nothing when it carries no whole TCP header.
//
// This is the conversation layer's own small decoder: the shared decoders in src/engine/decode
// did not exist when reassembly was written. It should later be replaced by them.

import { LinkType, type PacketRecord } from '../files/packet-record';
import { ipv4Text, ipv6Text } from './ip-address-text';
import { parseTcpOptions } from './tcp-options';
import type { TcpSegment } from './tcp-segment';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
const IP_PROTOCOL_TCP = 6;
/** IPv6 extension headers that may sit between the fixed header and TCP (RFC 8200 4.1). */
const IPV6_HOP_BY_HOP = 0;
const IPV6_ROUTING = 43;
const IPV6_FRAGMENT = 44;
const IPV6_DESTINATION = 60;
/** BSD loopback address families that mean IPv6 (NetBSD/Linux, FreeBSD, macOS). */
const NULL_FAMILIES_IPV6 = [24, 28, 30];

interface NetworkStart {
  readonly at: number;
  /** An ethertype, or 0 when the IP version nibble has to decide. */
  readonly etherType: number;
}

function findNetworkLayer(record: PacketRecord, view: DataView): NetworkStart | undefined {
  const bytes = record.data;
  switch (record.linkType) {
    case LinkType.ETHERNET: {
      if (bytes.length < 14) return undefined;
      let at = 12;
      let etherType = view.getUint16(at);
      while (ETHERTYPE_VLAN.includes(etherType) && at + 6 <= bytes.length) {
        at += 4;
        etherType = view.getUint16(at);
      }
      return { at: at + 2, etherType };
    }
    case LinkType.LINUX_SLL:
      return bytes.length < 16 ? undefined : { at: 16, etherType: view.getUint16(14) };
    case LinkType.LINUX_SLL2:
      return bytes.length < 20 ? undefined : { at: 20, etherType: view.getUint16(0) };
    case LinkType.NULL:
    case LinkType.LOOP: {
      if (bytes.length < 4) return undefined;
      // NULL stores the family in the writer's byte order, LOOP in network order; the
      // family is small, so whichever reading is small is the right one.
      const big = view.getUint32(0, false);
      const family = big < 256 ? big : view.getUint32(0, true);
      if (family === 2) return { at: 4, etherType: ETHERTYPE_IPV4 };
      if (NULL_FAMILIES_IPV6.includes(family)) return { at: 4, etherType: ETHERTYPE_IPV6 };
      return undefined;
    }
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      return { at: 0, etherType: 0 };
    default:
      return undefined;
  }
}

interface TransportStart {
  readonly ipVersion: 4 | 6;
  readonly source: string;
  readonly destination: string;
  readonly at: number;
  /** Transport bytes the IP header announces (header plus payload). */
  readonly length: number;
}

function readIpv4(bytes: Uint8Array, view: DataView, at: number): TransportStart | undefined {
  if (at + 20 > bytes.length) return undefined;
  const headerLength = (bytes[at] & 0x0f) * 4;
  const totalLength = view.getUint16(at + 2);
  const fragment = view.getUint16(at + 6);
  // IP fragments are not put back together: only a whole datagram is read. Fragmented TCP
  // is rare enough on the networks Tapline is meant for that this gap is accepted.
  const moreFragments = (fragment & 0x2000) !== 0;
  const fragmentOffset = fragment & 0x1fff;
  if (headerLength < 20 || totalLength < headerLength) return undefined;
  if (moreFragments || fragmentOffset !== 0) return undefined;
  if (bytes[at + 9] !== IP_PROTOCOL_TCP) return undefined;
  return {
    ipVersion: 4,
    source: ipv4Text(bytes, at + 12),
    destination: ipv4Text(bytes, at + 16),
    at: at + headerLength,
    length: totalLength - headerLength,
  };
}

function readIpv6(bytes: Uint8Array, view: DataView, at: number): TransportStart | undefined {
  if (at + 40 > bytes.length) return undefined;
  let remaining = view.getUint16(at + 4);
  let next = bytes[at + 6];
  let cursor = at + 40;

  while (next !== IP_PROTOCOL_TCP) {
    if (next === IPV6_FRAGMENT) return undefined;
    const isExtension = next === IPV6_HOP_BY_HOP || next === IPV6_ROUTING ||
      next === IPV6_DESTINATION;
    if (!isExtension || cursor + 8 > bytes.length) return undefined;
    const extensionLength = (bytes[cursor + 1] + 1) * 8;
    next = bytes[cursor];
    cursor += extensionLength;
    remaining -= extensionLength;
    if (remaining < 0) return undefined;
  }
  return {
    ipVersion: 6,
    source: ipv6Text(bytes, at + 8),
    destination: ipv6Text(bytes, at + 24),
    at: cursor,
    length: remaining,
  };
}

/** The TCP segment in `record`, or undefined when it is not TCP or too short to read. */
export function extractTcpSegment(record: PacketRecord, frame: number): TcpSegment | undefined {
  const bytes = record.data;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const network = findNetworkLayer(record, view);
  if (!network || network.at >= bytes.length) return undefined;

  const version = bytes[network.at] >> 4;
  const isIpv4 = network.etherType === ETHERTYPE_IPV4 || (network.etherType === 0 && version === 4);
  const isIpv6 = network.etherType === ETHERTYPE_IPV6 || (network.etherType === 0 && version === 6);
  let transport: TransportStart | undefined;
  if (isIpv4 && version === 4) transport = readIpv4(bytes, view, network.at);
  if (isIpv6 && version === 6) transport = readIpv6(bytes, view, network.at);
  if (!transport) return undefined;

  const at = transport.at;
  if (at + 20 > bytes.length) return undefined;
  const headerLength = (bytes[at + 12] >> 4) * 4;
  if (headerLength < 20 || at + headerLength > bytes.length) return undefined;
  if (transport.length < headerLength) return undefined;

  const payloadLength = transport.length - headerLength;
  const payloadStart = at + headerLength;
  const capturedEnd = Math.min(bytes.length, payloadStart + payloadLength);
  return {
    frame,
    time: record.seconds + record.nanoseconds / 1e9,
    ipVersion: transport.ipVersion,
    source: transport.source,
    destination: transport.destination,
    sourcePort: view.getUint16(at),
    destinationPort: view.getUint16(at + 2),
    seq: view.getUint32(at + 4),
    ack: view.getUint32(at + 8),
    flags: bytes[at + 13],
    window: view.getUint16(at + 14),
    options: parseTcpOptions(bytes.subarray(at + 20, at + headerLength)),
    length: payloadLength,
    payload: bytes.slice(payloadStart, capturedEnd),
  };
}
