// Ethernet II and 802.1Q / 802.1ad (QinQ) tagged frames (IEEE 802.3, 802.1Q).

import { macString } from './address';
import type { DecodeContext } from './decode-context';
import { linkDefaultPrint } from './default-print';
import { decodeEthertype, ethertypeText, isVlanEthertype } from './ethertype';
import { decodeLlc } from './llc';
import { ETHERTYPE_MACSEC, macsecHeaderText, readSecTag } from './macsec';

const HEADER_LENGTH = 14;
const MAX_LENGTH_FIELD = 1500;

/** The text of an 802.1Q tag: `vlan 200, p 0` plus `, DEI` when that bit is set. */
function tciText(tci: number): string {
  const dei = tci & 0x1000 ? ', DEI' : '';
  return `vlan ${tci & 0x0fff}, p ${tci >> 13}${dei}`;
}

/** `src > dst`, made only when printed: most lines do not show the MAC addresses. */
function addresses(ctx: DecodeContext, base: number): string {
  return `${macString(ctx.r, base + 6)} > ${macString(ctx.r, base)}`;
}

/**
 * Decodes the frame at `base` (0 for a link-layer frame, later for Ethernet carried in a
 * tunnel) whose wire length is `frameLength`.
 */
export function decodeEthernet(
  ctx: DecodeContext, base = 0, frameLength = ctx.originalLength,
): void {
  const r = ctx.r;
  const tree = ctx.tree;
  ctx.protocol = 'ether';
  const captured = r.left(base);
  let length = frameLength;
  const outer = base === 0;
  if (!outer) ctx.nest();
  if (captured < HEADER_LENGTH || length < HEADER_LENGTH) {
    if (outer) ctx.networkOffset = Math.min(captured, length);
    ctx.out += ' [|ether]';
    return;
  }

  let type = r.u16(base + 12);
  if (tree) {
    tree.layer('eth', 'Ethernet II', base);
    tree.add('eth.dst', 'Destination', base, 6, macString(r, base));
    tree.add('eth.src', 'Source', base + 6, 6, macString(r, base + 6));
    tree.add('eth.type', 'Type', base + 12, 2, type);
  }
  if (ctx.linkLevel) ctx.out += `${addresses(ctx, base)}, `;

  let at = base + HEADER_LENGTH;
  length -= HEADER_LENGTH;
  // With -e the first EtherType printed is followed by the frame length, later ones not.
  let afterType = `, length ${frameLength}: `;

  while (isVlanEthertype(type) || type === ETHERTYPE_MACSEC) {
    if (type === ETHERTYPE_MACSEC) {
      if (ctx.linkLevel) {
        ctx.out += ethertypeText(ctx, type) + afterType;
        afterType = ', ';
      }
      ctx.protocol = 'macsec';
      const tag = readSecTag(ctx, at, length);
      if (!tag) {
        ctx.out += ' (invalid)';
        return;
      }
      if (ctx.linkLevel) ctx.out += macsecHeaderText(ctx, at);
      if (tag.opaque) {
        if (!ctx.linkLevel) {
          ctx.out += `${addresses(ctx, base)}, 802.1AE MACsec, ${macsecHeaderText(ctx, at)}`;
        }
        linkDefaultPrint(ctx, at + tag.length, tag.payloadLength);
        return;
      }
      type = r.u16(at + tag.length);
      length = tag.payloadLength - 2;
      at += tag.length + 2;
      if (tree) tree.layer('macsec', 'MACsec', at - tag.length - 2);
      ctx.protocol = 'ether';
      continue;
    }
    // The tag must be there before tcpdump shows anything of it.
    if (r.left(at) < 4 || length < 4) {
      ctx.protocol = 'vlan';
      if (outer) ctx.networkOffset = Math.min(r.end, at);
      ctx.out += ' [|vlan]';
      return;
    }
    if (ctx.linkLevel) {
      ctx.out += ethertypeText(ctx, type) + afterType;
      afterType = ', ';
    }
    const tci = r.u16(at);
    if (ctx.linkLevel) ctx.out += `${tciText(tci)}, `;
    if (tree) {
      // Wireshark names an 802.1ad service tag apart from an 802.1Q customer tag.
      if (type === 0x88a8) {
        tree.layer('ieee8021ad', '802.1ad Provider Bridge', at);
        tree.add('ieee8021ad.priority', 'Priority', at, 1, tci >> 13);
        tree.add('ieee8021ad.id', 'ID', at, 2, tci & 0x0fff);
        tree.add('ieee8021ah.etype', 'Type', at + 2, 2, r.u16(at + 2));
      } else {
        tree.layer('vlan', '802.1Q Virtual LAN', at);
        tree.add('vlan.priority', 'Priority', at, 2, tci >> 13);
        tree.add('vlan.id', 'ID', at, 2, tci & 0x0fff);
        tree.add('vlan.etype', 'Type', at + 2, 2, r.u16(at + 2));
      }
    }
    type = r.u16(at + 2);
    at += 4;
    length -= 4;
  }
  if (outer) ctx.networkOffset = at;

  if (type <= MAX_LENGTH_FIELD) {
    // An 802.3 length field: the payload is LLC, and the frame may carry padding after it.
    length = type;
    r.narrow(at, length);
    if (ctx.linkLevel) ctx.out += `802.3, length ${length}: `;
    if (!decodeLlc(ctx, at, length)) {
      if (!ctx.linkLevel) ctx.out += `${addresses(ctx, base)}, 802.3, length ${length}: `;
      linkDefaultPrint(ctx, at, length);
    }
    return;
  }

  if (ctx.linkLevel) ctx.out += ethertypeText(ctx, type) + afterType;
  if (!decodeEthertype(ctx, type, at, length)) {
    if (!ctx.linkLevel) {
      ctx.out += `${addresses(ctx, base)}, ${ethertypeText(ctx, type)}, ` +
        `length ${frameLength}: `;
    }
    linkDefaultPrint(ctx, at, length);
  }
}
