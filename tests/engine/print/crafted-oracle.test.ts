// Packets the shared captures lack (ICMP errors, MLD, router advertisements, DNS answers,
// fragments, HTTP, TCP SACK), built here and printed by tcpdump live and by us.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tcpdump } from '../../support/tcpdump';
import {
  bytes, ethernet, ipv4, ipv6, pcap, udp, withChecksum,
} from './packet-builder';
import { optionsFromArgs, printCapture } from './print-support';

const text = (value: string): number[] => [...value].map((c) => c.charCodeAt(0));

const innerUdp = ipv4(17, udp(5353, 53, text('abcdefgh')), [198, 51, 100, 2], [192, 0, 2, 1]);
const innerTcp = ipv4(6, bytes('c0010050 00000001 00000000 5002ffff 00000000'),
  [198, 51, 100, 2], [192, 0, 2, 1]);
const icmp = (type: number, code: number, rest: number[], quoted: number[]): number[] =>
  [type, code, 0, 0, ...rest, ...quoted];
/** ICMPv4 and IGMP have no pseudo-header: their checksum covers the message alone. */
const icmpPseudoFree = (segment: number[]): number[] => {
  const copy = segment.slice();
  let sum = 0;
  for (let i = 0; i < copy.length; i += 2) sum += (copy[i] << 8) | (copy[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  copy[2] = (~sum >> 8) & 0xff;
  copy[3] = ~sum & 0xff;
  return copy;
};
const icmp6 = (message: number[], dst?: number[]): number[] =>
  ethernet(0x86dd, ipv6(58, withChecksum(6, 58, message, 2, dst), dst));
const dnsResponse = bytes(`
  1234 8180 0001 0003 0000 0000
  03777777 076578616d706c65 03636f6d 00 0001 0001
  c00c 0005 0001 00000e10 0006 03777777 c010
  c02d 0001 0001 00000e10 0004 c0000201
  c02d 001c 0001 00000e10 0010 20010db8000000000000000000000001`);
const dnsNxdomain = bytes(`
  4321 8183 0001 0000 0001 0000
  04686f7374 076578616d706c65 03636f6d 00 001c 0001
  c011 0006 0001 00000e10 0016 026e73 c011 0561646d696e c011 00000001`);

const ntpClient = bytes(`23000000 00000000 00000000 00000000 00000000 00000000 00000000
  00000000 00000000 e9a1b2c3 d4e5f607`);
const ntpServers = [
  bytes(`24020aec 00000123 00000456 c0000201 e9a1b2c0 11111111 e9a1b2c3 d4e5f607
    e9a1b2c3 e0000000 e9a1b2c3 f0000000`),
  bytes(`1c010aec 00000123 00000456 47505300 e9a1b2c0 11111111 00000000 00000000
    e9a1b2c3 e0000000 e9a1b2c3 f0000000`),
];
const dhcpDiscover = [...bytes(`01010600 3903f326 0000 0000 00000000 00000000 00000000 00000000
  00005e005310 00000000000000000000`), ...new Array(192).fill(0),
...bytes('63825363 350101 ff')];
const mdnsQuery = bytes(`0000 0000 0001 0000 0000 0000
  05 5f68747470 04 5f746370 056c6f63616c 00 000c 8001`);
const mdnsAnswer = bytes(`0000 8400 0000 0001 0000 0000
  07 7072696e746572 056c6f63616c 00 0001 8001 00000078 0004 c0000205`);

/** MX, TXT, NS, SRV, PTR, a type 4.99 does not name (65), authority and EDNS records. */
const dnsVariety = bytes(`abcd 8580 0001 0006 0001 0001
  076578616d706c65 03636f6d 00 00ff 0001
  c00c 000f 0001 00000e10 0009 000a 046d61696c c00c
  c00c 0010 0001 00000e10 000c 0568656c6c6f 05776f726c64
  c00c 0002 0001 00000e10 0006 036e7331 c00c
  c00c 0021 0001 00000e10 000c 0001 0002 01bb 03737276 c00c
  c00c 000c 0001 00000e10 0002 c00c
  c00c 0041 0001 00000e10 0003 000100
  c00c 0002 0001 00000e10 0006 036e7332 c00c
  0000 0029 04d0 00008000 0000`);
/** A query with an EDNS cookie, a CHAOS-class query, and a SERVFAIL. */
const dnsOthers = [
  bytes(`1111 0120 0001 0000 0000 0001 076578616d706c65 03636f6d 00 0001 0001
    0000 2904d0 00000000 000c 000a 0008 0102030405060708`),
  bytes('4444 0100 0001 0000 0000 0000 0776657273696f6e 0462696e64 00 0010 0003'),
  bytes('3333 8182 0001 0000 0000 0000 076578616d706c65 03636f6d 00 0001 0001'),
];

/** TCP corners: ECN flags, zero window, urgent data, SACK, reset text, no and all flags, DNS
 * over TCP, IPv6, and the rarer options (uto, mptcp, tfo, md5, exp, a bad mss length). */
const tcpSegments: [string, number[]][] = [
  ['c0000050 00000100 00000000 a0c2ffff 00000000 020405b4 0402080a 00000001 00000000 01030307',
    []],
  ['c0000050 00000101 00000901 50180000 00000000', text('GET / HTTP/1.0\r\n\r\n')],
  ['c0000050 00000113 00000901 5038ffff 00000005', text('URGENT')],
  ['c0000050 00000119 00000901 50000000 00000000', []],
  ['c0000050 00000119 00000901 50ff0000 00000000', []],
  ['c0010035 00000001 00000000 50180100 00000000',
    bytes('0011 1234 0100 0001 0000 0000 0000 0161 00 0001 0001')],
  ['c0000050 00000100 00000000 7002ffff 00000000 1c040064 1e0c0081 0102030405060708 22020000',
    []],
  ['c0000050 00000100 00000000 7002ffff 00000000 1312 0102030405060708090a0b0c0d0e0f10 0000',
    []],
  ['c0000050 00000100 00000000 6002ffff 00000000 fe06f989 1234', []],
  ['c0000050 00000100 00000000 6002ffff 00000000 02050000', []],
];
const tcpReplies: [string, number[]][] = [
  ['0050c000 00000900 00000101 a052ffff 00000000 020405b4 0402080a 00000002 00000001 01030307',
    []],
  ['0050c000 00000901 00000113 80100100 00000000 0101050a 00000200 00000300', []],
  ['0050c000 00000901 00000000 50040000 00000000',
    text('reset because nobody listens here, sorry')],
];
const server6 = bytes('20010db8000000000000000000000002');

const FRAMES: number[][] = [
  ...tcpSegments.map(([header, data]) => ethernet(0x0800, ipv4(6, [...bytes(header), ...data]))),
  ...tcpReplies.map(([header, data]) => ethernet(0x0800, ipv4(6, [...bytes(header), ...data],
    [198, 51, 100, 2], [192, 0, 2, 1]))),
  ethernet(0x86dd, ipv6(6, withChecksum(6, 6, bytes(`c0000050 00000100 00000000 6002ffff
    00000000 020405a0`), 16, server6), server6)),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(3, 3, [0, 0, 0, 0], innerUdp)))),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(3, 1, [0, 0, 0, 0], innerUdp)))),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(3, 4, [0, 0, 0x05, 0xdc], innerTcp)))),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(11, 0, [0, 0, 0, 0], innerTcp)))),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(8, 0, [0, 7, 0, 1], text('ping!ping'))))),
  ethernet(0x0800, ipv4(1, icmpPseudoFree(icmp(0, 0, [0, 7, 0, 1], text('ping!ping'))))),
  // MLDv1 report and done, MLDv2 report with two records, MLDv2 query.
  icmp6(bytes('83000000 0000 0000 ff020000000000000000000000000fb')),
  icmp6(bytes('84000000 0000 0000 ff020000000000000000000000000fb')),
  icmp6(bytes(`8f000000 0000 0002
    04000000 ff0200000000000000000001ff000001
    03000001 ff0200000000000000000000000000fb 20010db8000000000000000000000009`)),
  icmp6(bytes('82000000 2710 0000 00000000000000000000000000000000 027d 0000')),
  // Router advertisement with source link-layer, MTU and prefix options.
  icmp6(bytes(`86000000 40c0 0708 00000000 00000000
    0101 00005e005312
    0501 0000 000005dc
    0304 40c0 00278d00 00093a80 00000000 20010db8000100000000000000000000`)),
  icmp6(bytes('80000000 0001 0002 6869')),
  icmp6(bytes('81000000 0001 0002 6869')),
  // DNS answers: CNAME, A, AAAA; and an NXDOMAIN with an SOA.
  ethernet(0x0800, ipv4(17, udp(53, 40000, dnsResponse), [198, 51, 100, 2], [192, 0, 2, 1])),
  ethernet(0x0800, ipv4(17, udp(53, 40001, dnsNxdomain), [198, 51, 100, 2], [192, 0, 2, 1])),
  ethernet(0x0800, ipv4(17, udp(53, 40002, dnsVariety), [198, 51, 100, 2], [192, 0, 2, 1])),
  ...dnsOthers.map((message) => ethernet(0x0800, ipv4(17, udp(40003, 53, message)))),
  // An unknown UDP port, and an IPv4 datagram in two fragments.
  ethernet(0x0800, ipv4(17, udp(40000, 40001, text('hello')))),
  ethernet(0x0800, (() => {
    const packet = ipv4(17, udp(40000, 40002, text('0123456789abcdef')));
    packet[6] = 0x20;
    return packet;
  })()),
  ethernet(0x0800, (() => {
    const packet = ipv4(17, text('tail-of-it'));
    packet[6] = 0x00;
    packet[7] = 0x03;
    return packet;
  })()),
  // GRE, which is printed by protocol number.
  ethernet(0x0800, ipv4(47, bytes('00000800 45000014'))),
  // HTTP request and response on port 80; TCP with SACK blocks and an unknown option.
  ethernet(0x0800, ipv4(6, [...bytes('c0020050 00001000 00002000 5018ffff 00000000'),
    ...text('GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n')])),
  ethernet(0x0800, ipv4(6, [...bytes('0050c002 00002000 00001030 5018ffff 00000000'),
    ...text('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')], [198, 51, 100, 2],
  [192, 0, 2, 1])),
  ethernet(0x0800, ipv4(6, bytes(`c0030016 00003000 00004000 8010ffff 00000000
    0101050a 00004100 00004200 fe040102`))),
  // IGMP: queries v1 to v3, reports v2 and v3, a leave (its checksum is computed like ICMP's).
  ...['11640000 00000000', '11140000 efffffff', '11ff0000 00000000 027d0000',
    '11140000 efffff01 027d0002 c0000201 c0000202', '16000000 effffffa', '17000000 effffffa',
    '22000000 00000002 04000000 effffffa 01000001 e00000fb c0000209',
  ].map((hex) => ethernet(0x0800, ipv4(2, icmpPseudoFree(bytes(hex)), [192, 0, 2, 1],
    [224, 0, 0, 1]))),
  // Syslog, and a datagram to its port that is not syslog.
  ethernet(0x0800, ipv4(17, udp(514, 514, text('<34>Oct 11 22:14:15 host su: fail')))),
  ethernet(0x0800, ipv4(17, udp(514, 514, text('hello')))),
  // NTP: a client (too short for the time fields), a stratum-2 and a stratum-1 server.
  ...[ntpClient, ...ntpServers].map((message) => ethernet(0x0800, ipv4(17,
    udp(123, 123, message)))),
  // Ethernet in UDP tunnels: VXLAN and Geneve around a DNS query.
  ...[[4789, '08000000 00006400'], [6081, '00006558 00006400']].map(([port, header]) =>
    ethernet(0x0800, ipv4(17, udp(40000, port as number, [...bytes(header as string),
      ...ethernet(0x0800, ipv4(17, udp(1000, 53, bytes(`1234 0100 0001 0000 0000 0000
        03777777 00 0001 0001`))))])))),
  // 802.1Q, 802.1ad and 0x9100 tags, an unknown EtherType behind a tag, a cut tag.
  [...bytes('00005e005312 00005e005310 8100 2064 0800'),
    ...ipv4(17, udp(40000, 40001, [1, 2, 3]))],
  [...bytes('00005e005312 00005e005310 88a8 00c8 8100 300a 0800'),
    ...ipv4(17, udp(40000, 40001, [1, 2, 3]))],
  bytes(`00005e005312 00005e005310 9100 f001 86dd 6000000000083b40
    20010db8000000000000000000000001 20010db8000000000000000000000002 0000000000000000`),
  bytes('00005e005312 00005e005310 8100 0005 88b5 01020304'),
  bytes('00005e005312 00005e005310 8100 0005'),
  // IPsec: ESP over IPv4 and IPv6, AH around TCP, an AH cut in its ICV; and ICMP, IGMP and
  // ICMPv6 under the wrong IP version.
  ...[[4, 50, '0000abcd 00000007 0102030405060708090a0b0c0d0e0f10'],
    [6, 50, '0000abcd 00000007 0102030405060708090a0b0c0d0e0f10'],
    [4, 51, `06040000 00001234 00000009 aabbccddeeff001122334455 c0000050 00000100 00000000
      5002ffff 00000000`],
    [6, 51, `06040000 00001234 00000009 aabbccddeeff001122334455 c0000050 00000100 00000000
      5002ffff 00000000`],
    [4, 51, '06040000 00001234 00000009 aabbcc'], [6, 1, '08000000'], [6, 2, '16000000'],
    [4, 58, '80000000']].map(([version, protocol, hex]) => (version === 4
    ? ethernet(0x0800, ipv4(protocol as number, bytes(hex as string)))
    : ethernet(0x86dd, ipv6(protocol as number, bytes(hex as string))))),
  // Spanning tree: an 802.1D configuration BPDU and a rapid one, in 802.3/LLC frames.
  bytes(`0180c2000000 00005e005312 0026 424203 0000 00 00 00 8000 00005e005301 00000000
    8000 00005e005312 8001 0000 1400 0200 0f00 00000000 0000 0000`),
  bytes(`0180c2000000 00005e005312 0027 424203 0000 02 02 3c 8000 00005e005301 00000000
    8000 00005e005312 8001 0000 1400 0200 0f00 00 00000000 0000`),
  // Multicast DNS, an FTP reply and an RTSP request.
  ethernet(0x0800, ipv4(17, udp(5353, 5353, mdnsQuery), [192, 0, 2, 1], [224, 0, 0, 251])),
  ethernet(0x0800, ipv4(17, udp(5353, 5353, mdnsAnswer), [192, 0, 2, 5], [224, 0, 0, 251])),
  ethernet(0x0800, ipv4(6, [...bytes('0015c004 00005000 00006000 5018ffff 00000000'),
    ...text('220 (vsFTPd 3.0.3)\r\n')], [198, 51, 100, 2], [192, 0, 2, 1])),
  ethernet(0x0800, ipv4(6, [...bytes('c005022a 00007000 00008000 5018ffff 00000000'),
    ...text('OPTIONS rtsp://example.com/media RTSP/1.0\r\nCSeq: 1\r\n\r\n')])),
];

/** DHCP, DHCPv6, LLDP: their -v details are not decoded, so only one-line forms are compared. */
const ONE_LINE_FRAMES: number[][] = [
  ethernet(0x86dd, ipv6(17, udp(546, 547, bytes(`01abcdef 0001000e 00010001 2b3c4d5e
    00005e005310 0008 0002 0000`)), bytes('ff020000000000000000000000010002'))),
  bytes(`0180c200000e 00005e005312 88cc 0207 04 00005e005312 0403 05 6531 0602 0078
    0a06 737769746368 0000`),
  ethernet(0x0800, ipv4(17, udp(68, 67, dhcpDiscover), [0, 0, 0, 0], [255, 255, 255, 255])),
];

const FLAG_SETS = [[], ['-v'], ['-vv'], ['-e'], ['-q'], ['-S'], ['-S', '-v']];
const ONE_LINE_FLAG_SETS = [[], ['-e'], ['-q']];
const scratch = mkdtempSync(join(tmpdir(), 'tapline-crafted-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('crafted packets print like tcpdump', () => {
  const path = join(scratch, 'crafted.pcap');
  writeFileSync(path, pcap(FRAMES));
  const oneLinePath = join(scratch, 'one-line.pcap');
  writeFileSync(oneLinePath, pcap(ONE_LINE_FRAMES));
  const runs = [
    ...FLAG_SETS.map((flags) => ({ flags, path, count: FRAMES.length })),
    ...ONE_LINE_FLAG_SETS.map((flags) => ({ flags, path: oneLinePath, count: 3 })),
  ];
  for (const { flags, path, count } of runs) {
    it(`${count} packets ${flags.join(' ') || '(default)'}`, () => {
      const expected = tcpdump(['-t', '-nn', ...flags, '-r', path]).split('\n');
      expected.pop();
      const ours = printCapture(path, optionsFromArgs(flags)).join('\n').split('\n');
      expect(expected.length).toBeGreaterThanOrEqual(count);
      const differing = expected
        .map((line, i) => ({ line: i + 1, tcpdump: line, ours: ours[i] }))
        .filter((row) => row.tcpdump !== row.ours);
      expect(differing).toEqual([]);
      expect(ours.length).toBe(expected.length);
    });
  }
});
