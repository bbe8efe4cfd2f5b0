// UDP (RFC 768): ports, checksum with -v, then DNS or `UDP, length N`.

import { ipv4String, ipv6String } from './address';
import { checksumShouldBe, transportChecksum } from './checksum';
import type { DecodeContext } from './decode-context';
import { BOOTP_CLIENT_PORT, BOOTP_SERVER_PORT, printBootp } from './bootp';
import { DHCP6_CLIENT_PORT, DHCP6_SERVER_PORT, printDhcp6 } from './dhcp6';
import { DNS_PORT, MDNS_PORT, printDns } from './dns';
import { NTP_PORT, printNtp } from './ntp';
import { printSyslog, SYSLOG_PORT } from './syslog';
import { GENEVE_PORT, printGeneve, printVxlan, VXLAN_PORT } from './tunnels';

const HEADER_LENGTH = 8;

/** `src.port > dst.port: `, or without the addresses when IP did not say UDP itself. */
function addressText(ctx: DecodeContext, sourcePort: number, destinationPort: number): string {
  const r = ctx.r;
  const at = ctx.ipAt;
  const six = ctx.ipVersion === 6;
  const ipSaysUdp = r.u8(six ? at + 6 : at + 9) === 17;
  const src = six ? ipv6String(r, at + 8) : ipv4String(r, at + 12);
  const dst = six ? ipv6String(r, at + 24) : ipv4String(r, at + 16);
  if (sourcePort < 0) return ipSaysUdp ? `${src} > ${dst}: ` : '';
  if (ipSaysUdp) return `${src}.${sourcePort} > ${dst}.${destinationPort}: `;
  return `${sourcePort} > ${destinationPort}: `;
}

function addTree(ctx: DecodeContext, at: number): void {
  const r = ctx.r;
  const tree = ctx.tree!;
  tree.layer('udp', 'User Datagram Protocol', at);
  tree.add('udp.srcport', 'Source port', at, 2, r.u16(at));
  tree.add('udp.dstport', 'Destination port', at + 2, 2, r.u16(at + 2));
  tree.add('udp.length', 'Length', at + 4, 2, r.u16(at + 4));
  tree.add('udp.checksum', 'Checksum', at + 6, 2, r.u16(at + 6));
}

export function decodeUdp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'udp';
  if (!r.has(at + 2, 2)) {
    ctx.out += `${addressText(ctx, -1, -1)} [|udp]`;
    return;
  }
  const sourcePort = r.u16(at);
  const destinationPort = r.u16(at + 2);
  if (length < HEADER_LENGTH) {
    ctx.out += `${addressText(ctx, sourcePort, destinationPort)}truncated-udp ${length}`;
    return;
  }
  if (!r.has(at + 4, 2)) {
    ctx.out += `${addressText(ctx, sourcePort, destinationPort)} [|udp]`;
    return;
  }
  let udpLength = r.u16(at + 4);
  if (udpLength === 0 && length > 65535) udpLength = length;
  if (udpLength < HEADER_LENGTH) {
    ctx.out += `${addressText(ctx, sourcePort, destinationPort)}truncated-udplength ${udpLength}`;
    return;
  }
  udpLength -= HEADER_LENGTH;
  length -= HEADER_LENGTH;
  if (udpLength < length) length = udpLength;
  const payloadAt = at + HEADER_LENGTH;
  if (payloadAt > r.end) {
    ctx.out += `${addressText(ctx, sourcePort, destinationPort)} [|udp]`;
    return;
  }
  if (ctx.tree) addTree(ctx, at);

  ctx.out += addressText(ctx, sourcePort, destinationPort);
  if (ctx.verbose && !ctx.ipFragmented) {
    const stored = r.u16(at + 6);
    const covered = r.has(payloadAt, length);
    if (ctx.ipVersion === 4 && ctx.verbose > 1) {
      if (stored === 0) ctx.out += '[no cksum] ';
      else if (covered) printChecksum(ctx, stored, at, length + HEADER_LENGTH);
    } else if (ctx.ipVersion === 6 && covered) {
      printChecksum(ctx, stored, at, length + HEADER_LENGTH);
    }
  }

  const lengthText = udpLength > length && !ctx.ipFragmented
    ? `UDP, bad length ${udpLength} > ${length}`
    : `UDP, length ${udpLength}`;
  if (!ctx.quiet && printApplication(ctx, sourcePort, destinationPort, payloadAt, length)) {
    return;
  }
  ctx.out += lengthText;
}

/** The UDP services decoded here, chosen by port as tcpdump does; false for the rest. */
function printApplication(
  ctx: DecodeContext, sourcePort: number, destinationPort: number, at: number, length: number,
): boolean {
  const either = (port: number): boolean => sourcePort === port || destinationPort === port;
  if (either(DNS_PORT)) printDns(ctx, at, length, false);
  else if (either(BOOTP_SERVER_PORT) || either(BOOTP_CLIENT_PORT)) printBootp(ctx, at, length);
  else if (either(NTP_PORT)) printNtp(ctx, at, length);
  else if (either(MDNS_PORT)) printDns(ctx, at, length, false, true);
  else if (either(VXLAN_PORT)) printVxlan(ctx, at, length);
  else if (either(SYSLOG_PORT)) printSyslog(ctx, at, length);
  else if (either(DHCP6_CLIENT_PORT) || either(DHCP6_SERVER_PORT)) printDhcp6(ctx, at);
  else if (either(GENEVE_PORT)) printGeneve(ctx, at, length);
  else return false;
  return true;
}

function printChecksum(ctx: DecodeContext, stored: number, at: number, length: number): void {
  const sum = transportChecksum(ctx.r, ctx.ipVersion, ctx.ipAt, 17, at, length,
    ctx.ipv6DestinationAt);
  if (sum === 0) {
    ctx.out += '[udp sum ok] ';
    return;
  }
  const hex = (value: number): string => value.toString(16).padStart(4, '0');
  ctx.out += `[bad udp cksum 0x${hex(stored)} -> 0x${hex(checksumShouldBe(stored, sum))}!] `;
}
