// Ethernet II and 802.1Q / 802.1ad (QinQ) tagged frames (IEEE 802.3, 802.1Q).

import { macString } from './address';
import type { DecodeContext } from './decode-context';
import { defaultPrint } from './default-print';
import { decodeEthertype, ethertypeText, isVlanEthertype } from './ethertype';
import { decodeLlc } from './llc';

const HEADER_LENGTH = 14;
const MAX_LENGTH_FIELD = 1500;

/** The text of an 802.1Q tag: `vlan 200, p 0` plus `, DEI` when that bit is set. */
function tciText(tci: number): string {
  const dei = tci & 0x1000 ? ', DEI' : '';
  return `vlan ${tci & 0x0fff}, p ${tci >> 13}${dei}`;
}

/** `src > dst`, made only when printed: most lines do not show the MAC addresses. */
function addresses(ctx: DecodeContext): string {
  return `${macString(ctx.r, 6)} > ${macString(ctx.r, 0)}`;
}

export function decodeEthernet(ctx: DecodeContext): void {
  const r = ctx.r;
  const tree = ctx.tree;
  ctx.protocol = 'ether';
  const captured = r.end;
  let length = ctx.originalLength;
  if (captured < HEADER_LENGTH || length < HEADER_LENGTH) {
    ctx.networkOffset = Math.min(captured, length);
    ctx.out += ' [|ether]';
    return;
  }

  let type = r.u16(12);
  if (tree) {
    tree.layer('eth', 'Ethernet II', 0);
    tree.add('eth.dst', 'Destination', 0, 6, macString(r, 0));
    tree.add('eth.src', 'Source', 6, 6, macString(r, 6));
    tree.add('eth.type', 'Type', 12, 2, type);
  }
  if (ctx.linkLevel) ctx.out += `${addresses(ctx)}, `;

  let at = HEADER_LENGTH;
  length -= HEADER_LENGTH;
  // With -e the first EtherType printed is followed by the frame length, later ones not.
  let afterType = `, length ${ctx.originalLength}: `;

  while (isVlanEthertype(type)) {
    if (ctx.linkLevel) {
      ctx.out += ethertypeText(ctx, type) + afterType;
      afterType = ', ';
    }
    if (r.left(at) < 4 || length < 4) {
      ctx.protocol = 'vlan';
      ctx.networkOffset = Math.min(captured, at);
      ctx.out += ' [|vlan]';
      return;
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
  ctx.networkOffset = at;

  if (type <= MAX_LENGTH_FIELD) {
    // An 802.3 length field: the payload is LLC, and the frame may carry padding after it.
    length = type;
    r.narrow(at, length);
    if (ctx.linkLevel) ctx.out += `802.3, length ${length}: `;
    if (!decodeLlc(ctx, at, length)) {
      if (!ctx.linkLevel) ctx.out += `${addresses(ctx)}, 802.3, length ${length}: `;
      defaultPrint(ctx, at, length);
    }
    return;
  }

  if (ctx.linkLevel) ctx.out += ethertypeText(ctx, type) + afterType;
  if (!decodeEthertype(ctx, type, at, length)) {
    if (!ctx.linkLevel) {
      ctx.out += `${addresses(ctx)}, ${ethertypeText(ctx, type)}, ` +
        `length ${ctx.originalLength}: `;
    }
    defaultPrint(ctx, at, length);
  }
}
