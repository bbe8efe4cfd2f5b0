// Linux "cooked" capture headers, v1 (LINKTYPE_LINUX_SLL) and v2 (LINKTYPE_LINUX_SLL2).
// Format: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html and ..._SLL2.html

import { macString } from './address';
import type { DecodeContext } from './decode-context';
import { linkDefaultPrint } from './default-print';
import { decodeEthertype, isVlanEthertype } from './ethertype';
import { ethertypeName, hex4 } from './names';

const SLL_HEADER_LENGTH = 16;
const SLL2_HEADER_LENGTH = 20;
const MAX_LENGTH_FIELD = 1500;

/** sll_pkttype: who the packet was for, as tcpdump abbreviates it. */
const PACKET_TYPES = ['In', 'B', 'M', 'P', 'Out'];

function packetTypeText(type: number): string {
  return (PACKET_TYPES[type] ?? '?').padStart(3);
}

/** The header text -e shows: direction, link address, protocol and length. */
function headerText(
  ctx: DecodeContext, packetType: number, addressLength: number, addressAt: number,
  protocol: number, length: number,
): string {
  return `${packetTypeText(packetType)} ` +
    protocolText(ctx, addressLength, addressAt, protocol, length);
}

/** Link address, protocol and length; -q leaves out all but the address. */
function protocolText(
  ctx: DecodeContext, addressLength: number, addressAt: number, protocol: number,
  length: number,
): string {
  let text = '';
  if (addressLength === 6) text += `${macString(ctx.r, addressAt)} `;
  if (ctx.quiet) return text;
  if (protocol <= MAX_LENGTH_FIELD) {
    if (protocol === 1) text += '802.3';
    else if (protocol === 4) text += '802.2';
    else text += `ethertype Unknown (0x${hex4(protocol)})`;
  } else {
    text += `ethertype ${ethertypeName(protocol) ?? 'Unknown'} (0x${hex4(protocol)})`;
  }
  return `${text}, length ${length}: `;
}

/** Everything after the cooked header: VLAN tags, then the protocol's decoder. */
function decodePayload(
  ctx: DecodeContext, protocol: number, at: number, length: number, header: () => string,
): void {
  const r = ctx.r;
  while (isVlanEthertype(protocol) && protocol === 0x8100) {
    if (r.left(at) < 4 || length < 4) {
      ctx.protocol = 'vlan';
      ctx.out += ' [|vlan]';
      return;
    }
    const tci = r.u16(at);
    if (ctx.linkLevel) ctx.out += `vlan ${tci & 0x0fff}, p ${tci >> 13}, `;
    protocol = r.u16(at + 2);
    if (!ctx.quiet) {
      ctx.out += `ethertype ${ethertypeName(protocol) ?? 'Unknown'}, `;
    }
    at += 4;
    length -= 4;
    ctx.networkOffset = at;
  }
  if (protocol > MAX_LENGTH_FIELD && decodeEthertype(ctx, protocol, at, length)) return;
  if (!ctx.linkLevel) ctx.out += header();
  linkDefaultPrint(ctx, at, length);
}

export function decodeLinuxSll(ctx: DecodeContext): void {
  const r = ctx.r;
  ctx.protocol = 'sll';
  if (r.end < SLL_HEADER_LENGTH) {
    ctx.networkOffset = r.end;
    ctx.out += ' [|sll]';
    return;
  }
  const packetType = r.u16(0);
  const addressLength = r.u16(4);
  const protocol = r.u16(14);
  const length = ctx.originalLength - SLL_HEADER_LENGTH;
  if (ctx.tree) {
    const tree = ctx.tree;
    tree.layer('sll', 'Linux cooked capture v1', 0);
    tree.add('sll.pkttype', 'Packet type', 0, 2, packetType);
    tree.add('sll.hatype', 'Link-layer address type', 2, 2, r.u16(2));
    tree.add('sll.halen', 'Link-layer address length', 4, 2, addressLength);
    tree.add('sll.src.eth', 'Source', 6, Math.min(addressLength, 8),
      addressLength === 6 ? macString(r, 6) : '');
    tree.add('sll.etype', 'Protocol', 14, 2, protocol);
  }
  const header = (): string =>
    headerText(ctx, packetType, addressLength, 6, protocol, ctx.originalLength);
  if (ctx.linkLevel) ctx.out += header();
  ctx.networkOffset = SLL_HEADER_LENGTH;
  decodePayload(ctx, protocol, SLL_HEADER_LENGTH, length, header);
}

export function decodeLinuxSll2(ctx: DecodeContext): void {
  const r = ctx.r;
  ctx.protocol = 'sll2';
  if (r.end < SLL2_HEADER_LENGTH) {
    ctx.networkOffset = r.end;
    ctx.out += ' [|sll2]';
    return;
  }
  const protocol = r.u16(0);
  const interfaceIndex = r.u32(4);
  const packetType = r.u8(10);
  const addressLength = r.u8(11);
  const length = ctx.originalLength - SLL2_HEADER_LENGTH;
  if (ctx.tree) {
    const tree = ctx.tree;
    tree.layer('sll', 'Linux cooked capture v2', 0);
    tree.add('sll.etype', 'Protocol', 0, 2, protocol);
    tree.add('sll.ifindex', 'Interface index', 4, 4, interfaceIndex);
    tree.add('sll.hatype', 'Link-layer address type', 8, 2, r.u16(8));
    tree.add('sll.pkttype', 'Packet type', 10, 1, packetType);
    tree.add('sll.halen', 'Link-layer address length', 11, 1, addressLength);
  }

  // tcpdump names the interface by asking this machine; a reader of a saved file cannot
  // know better, so the caller supplies the lookup and "?" stands for an unknown index.
  // Then the direction, always, left-aligned where cooked v1 right-aligns it under -e.
  const name = ctx.interfaceName(interfaceIndex) ?? '?';
  ctx.out += `${name.padEnd(5)} ${(PACKET_TYPES[packetType] ?? '?').padEnd(3)} `;
  const header = (): string =>
    `ifindex ${interfaceIndex} ` +
    protocolText(ctx, addressLength, 12, protocol, ctx.originalLength);
  if (ctx.linkLevel) ctx.out += header();
  ctx.networkOffset = SLL2_HEADER_LENGTH;
  decodePayload(ctx, protocol, SLL2_HEADER_LENGTH, length, header);
}
