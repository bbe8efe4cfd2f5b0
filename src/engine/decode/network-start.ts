// Where a frame's network-layer header starts, for the quick walks that skip the printing
// decoders (reassembly's TCP locator, the host and port counts).

import type { ByteReader } from './byte-reader';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, isVlanEthertype } from './ethertype';
import { LinkType } from '../files/packet-record';

const ETHER_HEADER_LENGTH = 14;
const SLL_HEADER_LENGTH = 16;
const SLL2_HEADER_LENGTH = 20;
const NULL_HEADER_LENGTH = 4;
const VLAN_TAG_LENGTH = 4;

/** BSD address families (DLT_NULL, DLT_LOOP) that mean IPv4 and, per BSD, IPv6. */
const AF_INET = 2;
const AF_INET6 = [24, 28, 30];

/** A network-layer start: `type` is an EtherType, or 0 when the version nibble decides. */
export interface NetworkStart {
  at: number;
  type: number;
}

function afterVlanTags(r: ByteReader, type: number, at: number): NetworkStart {
  while (isVlanEthertype(type)) {
    type = r.u16(at + 2);
    at += VLAN_TAG_LENGTH;
  }
  return { at, type };
}

function nullFamilyStart(r: ByteReader, networkOrder: boolean): NetworkStart | undefined {
  // The writer's byte order is not recorded; families are small numbers (see null-loop.ts).
  let family = networkOrder ? r.u32(0) : r.u32le(0);
  if (!networkOrder && (family & 0xffff0000) !== 0) family = r.u32(0);
  if (family === AF_INET) return { at: NULL_HEADER_LENGTH, type: ETHERTYPE_IPV4 };
  if (AF_INET6.includes(family)) return { at: NULL_HEADER_LENGTH, type: ETHERTYPE_IPV6 };
  return undefined;
}

/**
 * The start of the network header inside the frame `r` reads, past any 802.1Q tags;
 * undefined for link types these walks do not know. Throws Truncated, as the reader does,
 * when the link header was not all captured.
 */
export function networkStart(r: ByteReader, linkType: number): NetworkStart | undefined {
  switch (linkType) {
    case LinkType.ETHERNET:
      r.need(0, ETHER_HEADER_LENGTH);
      return afterVlanTags(r, r.u16(12), ETHER_HEADER_LENGTH);
    case LinkType.LINUX_SLL:
      r.need(0, SLL_HEADER_LENGTH);
      return afterVlanTags(r, r.u16(14), SLL_HEADER_LENGTH);
    case LinkType.LINUX_SLL2:
      r.need(0, SLL2_HEADER_LENGTH);
      return afterVlanTags(r, r.u16(0), SLL2_HEADER_LENGTH);
    case LinkType.NULL:
      return nullFamilyStart(r, false);
    case LinkType.LOOP:
      return nullFamilyStart(r, true);
    case LinkType.RAW:
    case LinkType.IPV4:
    case LinkType.IPV6:
      return { at: 0, type: 0 };
    default:
      return undefined;
  }
}
