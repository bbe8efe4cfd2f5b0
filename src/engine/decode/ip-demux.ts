// Hands an IP payload to the decoder of its protocol number (IPv4 protocol, IPv6 next header).

import type { DecodeContext } from './decode-context';
import { decodeGre, IPPROTO_GRE } from './gre';
import { decodeIcmp } from './icmp';
import { decodeIcmp6 } from './icmp6';
import { decodeIgmp, IPPROTO_IGMP } from './igmp';
import { decodeIpv4 } from './ipv4';
import { IPPROTO_AH, IPPROTO_ESP, printAh, printEsp } from './ipsec';
import { decodeIpv6 } from './ipv6';
import { decodeTcp } from './tcp';
import { decodeUdp } from './udp';
import { decodeVrrp, IPPROTO_VRRP } from './vrrp';

export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_NONE = 59;
export const IPPROTO_SCTP = 132;
export const IPPROTO_DCCP = 33;

/** TCP, UDP, DCCP and SCTP print the addresses with their ports, so IP leaves them out. */
export function printsOwnAddresses(protocol: number): boolean {
  return protocol === IPPROTO_TCP || protocol === IPPROTO_UDP ||
    protocol === IPPROTO_DCCP || protocol === IPPROTO_SCTP;
}

/** The TTL or hop limit of the enclosing IP header. */
function hopLimit(ctx: DecodeContext): number {
  return ctx.r.u8(ctx.ipVersion === 6 ? ctx.ipAt + 7 : ctx.ipAt + 8);
}

export function decodeIpPayload(
  ctx: DecodeContext, protocol: number, at: number, length: number,
): void {
  ctx.nest();
  switch (protocol) {
    case IPPROTO_TCP:
      decodeTcp(ctx, at, length);
      return;
    case IPPROTO_UDP:
      decodeUdp(ctx, at, length);
      return;
    case IPPROTO_ICMP:
      if (ctx.ipVersion === 4) decodeIcmp(ctx, at, length);
      else ctx.out += '[ICMP requires IPv4] (invalid)';
      return;
    case IPPROTO_ICMPV6:
      if (ctx.ipVersion === 6) decodeIcmp6(ctx, at, length);
      else ctx.out += '[ICMPv6 requires IPv6] (invalid)';
      return;
    case IPPROTO_ESP:
      printEsp(ctx, at, length);
      return;
    case IPPROTO_AH: {
      const advance = printAh(ctx, at);
      if (advance > 0) decodeIpPayload(ctx, ctx.r.u8(at), at + advance, length - advance);
      return;
    }
    case IPPROTO_IPIP:
      decodeIpv4(ctx, at, length);
      return;
    case IPPROTO_IPV6:
      decodeIpv6(ctx, at, length);
      return;
    case IPPROTO_NONE:
      ctx.out += 'no next header';
      return;
    case IPPROTO_IGMP:
      if (ctx.ipVersion === 4) decodeIgmp(ctx, at, length);
      else ctx.out += '[IGMP requires IPv4] (invalid)';
      return;
    case IPPROTO_GRE:
      decodeGre(ctx, at, length);
      return;
    case IPPROTO_VRRP:
      decodeVrrp(ctx, at, length, hopLimit(ctx));
      return;
  }
  ctx.out += ` ip-proto-${protocol} ${length}`;
}
