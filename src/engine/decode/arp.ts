// ARP and RARP (RFC 826, RFC 903, RFC 2390 inverse ARP).

import { ipv4String, macString } from './address';
import type { DecodeContext } from './decode-context';
import { defaultPrint } from './default-print';
import { ethertypeName, hex4 } from './names';

const HEADER_LENGTH = 8;
const ETHERTYPE_IP = 0x0800;
const ETHERTYPE_TRAIL = 0x1000;
const ARPHRD_ATM2225 = 19;

const OPERATIONS: ReadonlyMap<number, string> = new Map([
  [1, 'Request'], [2, 'Reply'], [3, 'Reverse Request'], [4, 'Reverse Reply'],
  [8, 'Inverse Request'], [9, 'Inverse Reply'], [10, 'NACK Reply'],
]);

const HARDWARE: ReadonlyMap<number, string> = new Map([
  [1, 'Ethernet'], [6, 'TokenRing'], [7, 'ArcNet'], [15, 'FrameRelay'], [19, 'ATM'],
  [24, 'IEEE1394'], [32, 'InfiniBand'], [772, 'Loopback'],
]);

/**
 * ATM ARP (RFC 2225) has its own layout, with type-and-length bytes per address. Only its
 * truncation is handled like tcpdump's; a complete one is shown as hex, because its
 * addresses (E.164 and NSAP forms) are not decoded here.
 */
function decodeAtmArp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  r.need(at, 12);
  const addressLength = (typeAndLength: number): number => typeAndLength & 0x3f;
  const total = addressLength(r.u8(at + 4)) + addressLength(r.u8(at + 5)) + r.u8(at + 8) +
    addressLength(r.u8(at + 9)) + addressLength(r.u8(at + 10)) + r.u8(at + 11);
  r.need(at + 12, total);
  if (!ctx.linkLevel) ctx.out += 'ARP, ';
  defaultPrint(ctx, at, length);
}

function isNonZero(ctx: DecodeContext, at: number, length: number): boolean {
  ctx.r.need(at, length);
  for (let i = 0; i < length; i++) if (ctx.r.data[at + i] !== 0) return true;
  return false;
}

function linkAddress(ctx: DecodeContext, at: number, length: number): string {
  if (length === 0) return '<empty>';
  return macString(ctx.r, at, length);
}

export function decodeArp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'arp';
  r.need(at, HEADER_LENGTH);
  const hardware = r.u16(at);
  if (hardware === ARPHRD_ATM2225) {
    decodeAtmArp(ctx, at, length);
    return;
  }
  const protocol = r.u16(at + 2);
  const hardwareLength = r.u8(at + 4);
  const protocolLength = r.u8(at + 5);
  const operation = r.u16(at + 6);
  const senderHardware = at + 8;
  const senderProtocol = senderHardware + hardwareLength;
  const targetHardware = senderProtocol + protocolLength;
  const targetProtocol = targetHardware + hardwareLength;
  if (ctx.tree) {
    const tree = ctx.tree;
    tree.layer('arp', 'Address Resolution Protocol', at);
    tree.add('arp.hw.type', 'Hardware type', at, 2, hardware);
    tree.add('arp.proto.type', 'Protocol type', at + 2, 2, protocol);
    tree.add('arp.hw.size', 'Hardware size', at + 4, 1, hardwareLength);
    tree.add('arp.proto.size', 'Protocol size', at + 5, 1, protocolLength);
    tree.add('arp.opcode', 'Opcode', at + 6, 2, operation);
    if (r.has(senderHardware, 2 * (hardwareLength + protocolLength))) {
      tree.add('arp.src.hw_mac', 'Sender hardware address', senderHardware, hardwareLength,
        linkAddress(ctx, senderHardware, hardwareLength));
      tree.add('arp.src.proto_ipv4', 'Sender protocol address', senderProtocol, protocolLength,
        protocolLength === 4 ? ipv4String(r, senderProtocol) : '');
      tree.add('arp.dst.hw_mac', 'Target hardware address', targetHardware, hardwareLength,
        linkAddress(ctx, targetHardware, hardwareLength));
      tree.add('arp.dst.proto_ipv4', 'Target protocol address', targetProtocol, protocolLength,
        protocolLength === 4 ? ipv4String(r, targetProtocol) : '');
    }
  }
  // tcpdump prints nothing of a packet whose addresses were not all captured.
  r.need(targetProtocol, protocolLength);
  if (!ctx.linkLevel) ctx.out += 'ARP, ';

  const isIp = protocol === ETHERTYPE_IP || protocol === ETHERTYPE_TRAIL;
  if (!isIp || protocolLength !== 4 || hardwareLength === 0 || ctx.verbose) {
    const hardwareName = HARDWARE.get(hardware) ?? `Unknown Hardware (${hardware})`;
    const protocolName = ethertypeName(protocol) ?? `Unknown Protocol (0x${hex4(protocol)})`;
    ctx.out += `${hardwareName} (len ${hardwareLength}), ${protocolName} (len ${protocolLength})`;
    if (!ctx.verbose) {
      ctx.out += `, length ${length}`;
      return;
    }
  }
  const operationName = OPERATIONS.get(operation) ?? `Unknown (${operation})`;
  ctx.out += `${ctx.verbose ? ', ' : ''}${operationName} `;

  const ipText = (where: number): string => {
    if (!isIp) return '<wrong proto type>';
    if (protocolLength !== 4) return '<wrong len>';
    return ipv4String(r, where);
  };
  switch (operation) {
    case 1:
      ctx.out += `who-has ${ipText(targetProtocol)}`;
      if (isNonZero(ctx, targetHardware, hardwareLength)) {
        ctx.out += ` (${linkAddress(ctx, targetHardware, hardwareLength)})`;
      }
      ctx.out += ` tell ${ipText(senderProtocol)}`;
      break;
    case 2:
      ctx.out += `${ipText(senderProtocol)} is-at ` +
        linkAddress(ctx, senderHardware, hardwareLength);
      break;
    case 3:
      ctx.out += `who-is ${linkAddress(ctx, targetHardware, hardwareLength)}`;
      ctx.out += ` tell ${linkAddress(ctx, senderHardware, hardwareLength)}`;
      break;
    case 4:
      ctx.out += `${linkAddress(ctx, targetHardware, hardwareLength)} at ` +
        ipText(targetProtocol);
      break;
    case 8:
      ctx.out += `who-is ${linkAddress(ctx, targetHardware, hardwareLength)}`;
      ctx.out += ` tell ${ipText(senderProtocol)}`;
      break;
    case 9:
      ctx.out += `${linkAddress(ctx, senderHardware, hardwareLength)} at ` +
        ipText(senderProtocol);
      break;
    default:
      defaultPrint(ctx, at, length);
      return;
  }
  ctx.out += `, length ${length}`;
}
