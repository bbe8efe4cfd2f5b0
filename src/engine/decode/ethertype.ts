// Hands a payload to the decoder its EtherType names; says false when there is none.

import { decodeArp } from './arp';
import type { DecodeContext } from './decode-context';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { ETHERTYPE_LLDP, printLldp } from './lldp';
import { ethertypeName, hex4 } from './names';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_REVARP = 0x8035;

/** The 802.1Q family of tag EtherTypes tcpdump decodes as VLAN headers. */
export function isVlanEthertype(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100 || type === 0x9200;
}

/** `ethertype IPv4 (0x0800)`, or just `IPv4` under -q, as tcpdump's -e prints it. */
export function ethertypeText(ctx: DecodeContext, type: number): string {
  const name = ethertypeName(type);
  if (ctx.quiet) return name ?? `Unknown Ethertype (0x${hex4(type)})`;
  return `ethertype ${name ?? 'Unknown'} (0x${hex4(type)})`;
}

/** Decodes the payload at `at` of `length` bytes; false when the type is not decoded. */
export function decodeEthertype(
  ctx: DecodeContext, type: number, at: number, length: number,
): boolean {
  switch (type) {
    case ETHERTYPE_IPV4:
      decodeIpv4(ctx, at, length);
      return true;
    case ETHERTYPE_IPV6:
      decodeIpv6(ctx, at, length);
      return true;
    case ETHERTYPE_ARP:
    case ETHERTYPE_REVARP:
      decodeArp(ctx, at, length);
      return true;
    case ETHERTYPE_LLDP:
      printLldp(ctx, at, length);
      return true;
    default:
      return false;
  }
}
