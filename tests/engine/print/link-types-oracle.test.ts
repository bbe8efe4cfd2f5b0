// The link types other than Ethernet (Linux cooked v1 and v2, BSD null and loop, raw IP),
// built around real packets of a shared capture and printed by tcpdump live and by us.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { hasSharedData, sharedCapture } from '../../support/shared-data';
import { tcpdump } from '../../support/tcpdump';
import { pcap } from './packet-builder';
import { optionsFromArgs, printCapture } from './print-support';

/** Ethernet frames of a capture, as plain arrays. */
function framesOf(path: string): number[][] {
  const frames: number[][] = [];
  const parser = createCaptureParser({
    packet(record) {
      frames.push([...record.data]);
    },
  });
  parser.push(new Uint8Array(readFileSync(path)));
  parser.end();
  return frames;
}

const be16 = (value: number): number[] => [(value >> 8) & 0xff, value & 0xff];
const be32 = (value: number): number[] => [...be16(value >>> 16), ...be16(value & 0xffff)];

interface Wrapper {
  linkType: number;
  /** Re-wraps an Ethernet frame's payload (the i-th frame) in this link's header. */
  wrap: (frame: number[], i: number) => number[];
}

const WRAPPERS: Record<string, Wrapper> = {
  'LINUX_SLL': {
    linkType: 113,
    wrap: (frame, i) => [...be16([0, 4, 1, 2, 3][i % 5]), 0, 1, 0, 6, ...frame.slice(6, 12),
      0, 0, ...frame.slice(12)],
  },
  'LINUX_SLL2': {
    linkType: 276,
    wrap: (frame, i) => [...frame.slice(12, 14), 0, 0, ...be32(1), 0, 1, [0, 4, 1][i % 3], 6,
      ...frame.slice(6, 12), 0, 0, ...frame.slice(14)],
  },
  'NULL': {
    linkType: 0,
    wrap: (frame) => [frame[12] === 0x86 ? 30 : 2, 0, 0, 0, ...frame.slice(14)],
  },
  'LOOP': {
    linkType: 108,
    wrap: (frame) => [0, 0, 0, frame[12] === 0x86 ? 24 : 2, ...frame.slice(14)],
  },
  'RAW': { linkType: 101, wrap: (frame) => frame.slice(14) },
};

const scratch = mkdtempSync(join(tmpdir(), 'tapline-links-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasSharedData)('other link types print like tcpdump', () => {
  const frames = [
    ...framesOf(sharedCapture('06-ipv6.pcap')),
    ...framesOf(sharedCapture('01-seed-postfix-relay.pcap')).slice(0, 8),
  ];
  for (const [name, { linkType, wrap }] of Object.entries(WRAPPERS)) {
    for (const flags of [[], ['-e'], ['-q'], ['-v'], ['-e', '-q']]) {
      it(`${name} ${flags.join(' ') || '(default)'}`, () => {
        // Only IP payloads: BSD loopback and raw IP carry nothing else.
        const ip = frames.filter((frame) => frame[12] === 0x08 || frame[12] === 0x86);
        const path = join(scratch, `${name}.pcap`);
        writeFileSync(path, pcap(ip.map(wrap), linkType));
        const expected = tcpdump(['-t', '-nn', ...flags, '-r', path]).split('\n');
        expected.pop();
        // Interface index 1 is the loopback interface on Linux, as tcpdump finds it.
        const options = { ...optionsFromArgs(flags), interfaceName: (index: number) =>
          index === 1 ? 'lo' : undefined };
        const ours = printCapture(path, options).join('\n').split('\n');
        expect(expected.length).toBeGreaterThan(20);
        const differing = expected
          .map((line, i) => ({ line: i + 1, tcpdump: line, ours: ours[i] }))
          .filter((row) => row.tcpdump !== row.ours);
        expect(differing.slice(0, 4)).toEqual([]);
      });
    }
  }
});
