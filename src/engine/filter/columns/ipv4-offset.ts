// Where the IPv4 header starts in a frame, decided by the same link-level test as libpcap's.

import { LinkType } from '../../files/packet-record';

/**
 * Offset of the IPv4 header, or -1 when the filter would not call this frame IPv4 (or
 * the link header itself was not captured). 802.1Q-tagged Ethernet frames are -1 too:
 * without a `vlan` keyword libpcap reads them as their tag's EtherType, so they are left
 * to the compiled filter rather than answered here.
 */
export function ipv4Offset(linkType: number, d: Uint8Array): number {
  const n = d.length;
  switch (linkType) {
    case LinkType.ETHERNET:
      return n >= 14 && d[12] === 0x08 && d[13] === 0x00 ? 14 : -1;
    case LinkType.LINUX_SLL:
      return n >= 16 && d[14] === 0x08 && d[15] === 0x00 ? 16 : -1;
    case LinkType.LINUX_SLL2:
      return n >= 20 && d[0] === 0x08 && d[1] === 0x00 ? 20 : -1;
    case LinkType.NULL:
      // AF_INET (2) in the capturing machine's byte order, which the filter accepts both ways.
      if (n < 4 || d[1] !== 0 || d[2] !== 0) return -1;
      return (d[0] === 0 && d[3] === 2) || (d[0] === 2 && d[3] === 0) ? 4 : -1;
    case LinkType.LOOP:
      return n >= 4 && d[0] === 0 && d[1] === 0 && d[2] === 0 && d[3] === 2 ? 4 : -1;
    case LinkType.RAW:
      return n >= 1 && (d[0] & 0xf0) === 0x40 ? 0 : -1;
    case LinkType.IPV4:
      return 0;
    default:
      return -1;
  }
}
