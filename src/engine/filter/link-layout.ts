// Where each link type puts its protocol-type field and its payload, and how libpcap tests
// "this frame carries EtherType X" on it.

import {
  and, compareAt, type Cond, FALSE, not, or, readHalf, readWord, TRUE,
} from './conditions';

export type LinkKind = 'ethernet' | 'sll' | 'null' | 'loop' | 'raw' | 'ipv4' | 'ipv6';

export interface LinkLayout {
  readonly kind: LinkKind;
  /** libpcap's description, used in its error messages. */
  readonly description: string;
  /** Offset of the EtherType-like field; moves by 4 after each `vlan`. */
  offLinkType: number;
  /** Offset of the network-layer header; moves by 4 after each `vlan`. */
  offLinkPayload: number;
}

/** A fresh layout for a LINKTYPE_ value, or undefined when the engine cannot filter it. */
export function linkLayout(linkType: number): LinkLayout | undefined {
  switch (linkType) {
    case 1: return { kind: 'ethernet', description: 'Ethernet', offLinkType: 12,
      offLinkPayload: 14 };
    case 113: return { kind: 'sll', description: 'Linux cooked v1', offLinkType: 14,
      offLinkPayload: 16 };
    case 276: return { kind: 'sll', description: 'Linux cooked v2', offLinkType: 0,
      offLinkPayload: 20 };
    case 0: return { kind: 'null', description: 'BSD loopback', offLinkType: 0,
      offLinkPayload: 4 };
    case 108: return { kind: 'loop', description: 'OpenBSD loopback', offLinkType: 0,
      offLinkPayload: 4 };
    case 101: return { kind: 'raw', description: 'Raw IP', offLinkType: 0, offLinkPayload: 0 };
    case 228: return { kind: 'ipv4', description: 'Raw IPv4', offLinkType: 0,
      offLinkPayload: 0 };
    case 229: return { kind: 'ipv6', description: 'Raw IPv6', offLinkType: 0,
      offLinkPayload: 0 };
    default: return undefined;
  }
}

export const ETHERTYPE_IP = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_REVARP = 0x8035;
const ETHERTYPE_ATALK = 0x809b;
const ETHERTYPE_AARP = 0x80f3;
const ETHERTYPE_IPX = 0x8137;
const ETHERMTU = 1500;
const LLCSAP_IP = 0x06;
const LLCSAP_NETBEUI = 0xf0;
const LLCSAP_ISONS = 0xfe;
const LLCSAP_IPX = 0xe0;
/** Linux cooked capture's protocol value for 802.2 LLC frames. */
const LINUX_SLL_P_802_2 = 4;
const LINUX_SLL_P_802_3 = 1;

/** BSD address-family values for IPv4 and the three IPv6 values found in savefiles. */
const AF_INET = 2;
const AF_INET6_VALUES = [30, 24, 28];

function lengthField(layout: LinkLayout): Cond {
  // Not greater than ETHERMTU: an 802.3 length, so an LLC header follows.
  const offset = layout.offLinkType;
  return not({
    kind: 'atom',
    key: { value: `2@${offset}`, op: 'gt', k: ETHERMTU },
    test: (c) => readHalf(c, offset) > ETHERMTU,
  });
}

/** 802.2 SNAP header with an organisation code and a protocol type. */
function snap(offset: number, org: number, type: number): Cond {
  const bytes = [0xaa, 0xaa, 0x03, org >> 16, (org >> 8) & 0xff, org & 0xff, type >> 8,
    type & 0xff];
  const word = (i: number): number =>
    ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
  return and(compareAt(offset + 4, 4, word(4)), compareAt(offset, 4, word(0)));
}

function etherLinkType(layout: LinkLayout, proto: number): Cond {
  const typeAt = layout.offLinkType;
  const llcAt = layout.offLinkPayload;
  switch (proto) {
    case LLCSAP_ISONS:
    case LLCSAP_IP:
    case LLCSAP_NETBEUI:
      return and(lengthField(layout), compareAt(llcAt, 2, (proto << 8) | proto));
    case LLCSAP_IPX: {
      let b1 = or(compareAt(llcAt, 1, LLCSAP_IPX), compareAt(llcAt, 2, 0xffff));
      b1 = or(snap(llcAt, 0, ETHERTYPE_IPX), b1);
      b1 = and(lengthField(layout), b1);
      return or(compareAt(typeAt, 2, ETHERTYPE_IPX), b1);
    }
    case ETHERTYPE_ATALK:
    case ETHERTYPE_AARP: {
      const b1 = proto === ETHERTYPE_ATALK
        ? snap(llcAt, 0x080007, ETHERTYPE_ATALK)
        : snap(llcAt, 0, ETHERTYPE_AARP);
      return or(compareAt(typeAt, 2, proto), and(lengthField(layout), b1));
    }
    default:
      if (proto <= ETHERMTU) {
        return and(lengthField(layout), compareAt(typeAt + 2, 1, proto));
      }
      return compareAt(typeAt, 2, proto);
  }
}

function sllLinkType(layout: LinkLayout, proto: number): Cond {
  const typeAt = layout.offLinkType;
  const payloadAt = layout.offLinkPayload;
  const is8022 = compareAt(typeAt, 2, LINUX_SLL_P_802_2);
  switch (proto) {
    case LLCSAP_ISONS:
    case LLCSAP_IP:
    case LLCSAP_NETBEUI:
      return and(is8022, compareAt(payloadAt, 2, (proto << 8) | proto));
    case LLCSAP_IPX: {
      let b1 = or(compareAt(payloadAt, 1, LLCSAP_IPX), snap(payloadAt, 0, ETHERTYPE_IPX));
      b1 = and(is8022, b1);
      b1 = or(compareAt(typeAt, 2, LINUX_SLL_P_802_3), b1);
      return or(compareAt(typeAt, 2, ETHERTYPE_IPX), b1);
    }
    case ETHERTYPE_ATALK:
    case ETHERTYPE_AARP: {
      const b1 = proto === ETHERTYPE_ATALK
        ? snap(payloadAt, 0x080007, ETHERTYPE_ATALK)
        : snap(payloadAt, 0, ETHERTYPE_AARP);
      return or(compareAt(typeAt, 2, proto), and(is8022, b1));
    }
    default:
      if (proto <= ETHERMTU) return and(is8022, compareAt(payloadAt, 1, proto));
      return compareAt(typeAt, 2, proto);
  }
}

/**
 * DLT_NULL stores the address family in the byte order of the machine that captured.
 * libpcap compares in the file's byte order; the engine does not get that order, so it
 * accepts the family in either order (they differ only for a header at odds with its file).
 */
function nullFamily(family: number): Cond {
  const swapped = ((family & 0xff) << 24) >>> 0;
  return {
    kind: 'atom',
    key: { value: 'family@0', op: 'eq', k: family },
    test: (c) => {
      const word = readWord(c, 0);
      return word === family || word === swapped;
    },
  };
}

function familyTest(layout: LinkLayout, proto: number): Cond {
  const one = (family: number): Cond =>
    layout.kind === 'null' ? nullFamily(family) : compareAt(0, 4, family);
  if (proto === ETHERTYPE_IP) return one(AF_INET);
  if (proto === ETHERTYPE_IPV6) {
    return AF_INET6_VALUES.map(one).reduce((acc, c) => or(acc, c));
  }
  return FALSE;
}

/** libpcap's gen_linktype: does the frame carry protocol `proto` (an EtherType or SAP)? */
export function linkTypeTest(layout: LinkLayout, proto: number): Cond {
  switch (layout.kind) {
    case 'ethernet': return etherLinkType(layout, proto);
    case 'sll': return sllLinkType(layout, proto);
    case 'null':
    case 'loop': return familyTest(layout, proto);
    case 'raw':
      if (proto === ETHERTYPE_IP) return compareAt(0, 1, 0x40, 0xf0);
      if (proto === ETHERTYPE_IPV6) return compareAt(0, 1, 0x60, 0xf0);
      return FALSE;
    case 'ipv4': return proto === ETHERTYPE_IP ? TRUE : FALSE;
    case 'ipv6': return proto === ETHERTYPE_IPV6 ? TRUE : FALSE;
  }
}
