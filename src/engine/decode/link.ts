// Chooses the link-layer decoder for a record's LINKTYPE.

import type { DecodeContext } from './decode-context';
import { decodeEthernet } from './ethernet';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';
import { decodeLinuxSll, decodeLinuxSll2 } from './linux-sll';
import { decodeNullLoop } from './null-loop';
import { decodeRawIp } from './raw-ip';
import { LinkType } from '../files/packet-record';

/** Decodes one frame from its link header down; false when the link type is unknown. */
export function decodeLink(ctx: DecodeContext, linkType: number): boolean {
  switch (linkType) {
    case LinkType.ETHERNET:
      decodeEthernet(ctx);
      return true;
    case LinkType.NULL:
      decodeNullLoop(ctx, false);
      return true;
    case LinkType.LOOP:
      decodeNullLoop(ctx, true);
      return true;
    case LinkType.LINUX_SLL:
      decodeLinuxSll(ctx);
      return true;
    case LinkType.LINUX_SLL2:
      decodeLinuxSll2(ctx);
      return true;
    case LinkType.RAW:
      decodeRawIp(ctx);
      return true;
    case LinkType.IPV4:
      ctx.networkOffset = 0;
      decodeIpv4(ctx, 0, ctx.originalLength);
      return true;
    case LinkType.IPV6:
      ctx.networkOffset = 0;
      decodeIpv6(ctx, 0, ctx.originalLength);
      return true;
    default:
      return false;
  }
}
