// Chooses the link-layer decoder for a record's LINKTYPE.

import type { DecodeContext } from './decode-context';
import { decodeEthernet } from './ethernet';
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
    case LinkType.IPV6:
      // Debian's tcpdump 4.99 reads both like LINKTYPE_RAW: the version nibble decides.
      decodeRawIp(ctx);
      return true;
    default:
      return false;
  }
}
