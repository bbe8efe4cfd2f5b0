// The -x/-xx/-X/-XX/-A/-AA dumps against Debian's tcpdump, live, on Ethernet captures.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../src/engine/files/packet-record';
import { formatDump, type DumpStyle } from '../../../src/engine/print/hex-dump';
import {
  capturesDir, conformanceDir, linesOf, readCapture, sharedDataMissing, tcpdump,
  writeEthernetPcap,
} from '../../cli/helpers/oracle';

const skip = sharedDataMissing();
const ETHERNET_HEADER_LENGTH = 14;

const flags: Array<[string, DumpStyle, boolean]> = [
  ['-x', 'hex', false], ['-xx', 'hex', true],
  ['-X', 'hex-ascii', false], ['-XX', 'hex-ascii', true],
  ['-A', 'ascii', false], ['-AA', 'ascii', true],
];

/** Plain Ethernet files, where the link-layer header is always 14 bytes. */
function ethernetFiles(): string[] {
  const captures = readdirSync(capturesDir)
    .filter((name) => name.endsWith('.pcap'))
    .map((name) => path.join(capturesDir, name));
  return [path.join(conformanceDir, 'print-flags.pcap'), ...captures];
}

/**
 * tcpdump's output predicted from its own dump-less lines: each packet line, then our
 * dump of the same packet, then the newline that ends the packet.
 */
function predicted(file: string, style: DumpStyle, fromStart: boolean): string {
  const capture = readCapture(file);
  const packetLines = linesOf(tcpdump(['-n', '-r', file]).stdout);
  expect(packetLines.length).toBe(capture.records.length);
  return capture.records.map((record, index) => {
    const start = fromStart ? 0 : Math.min(ETHERNET_HEADER_LENGTH, record.data.length);
    return packetLines[index] + formatDump(record.data.subarray(start), style) + '\n';
  }).join('');
}

describe.skipIf(skip)('packet dumps, compared live with tcpdump', () => {
  const files = skip ? [] : ethernetFiles();
  for (const file of files) {
    it(path.basename(file), () => {
      expect(readCapture(file).records.every((r) => r.linkType === LinkType.ETHERNET)).toBe(true);
      for (const [flag, style, fromStart] of flags) {
        const expected = tcpdump(['-n', flag, '-r', file]).stdout;
        expect(predicted(file, style, fromStart), `${flag} ${path.basename(file)}`)
          .toBe(expected);
      }
    });
  }
});

/**
 * Ethernet frames carrying IPv4 with an unassigned protocol (253), which tcpdump prints on
 * one line without dumping it: payloads of every length from 0 to 40 bytes (every -x/-X
 * line layout), then text with lone and paired CRs, and bytes around the printable range.
 */
function edgeFrames(): Uint8Array[] {
  const ethernet = [0, 0, 0x5e, 0, 0x53, 1, 0, 0, 0x5e, 0, 0x53, 2, 0x08, 0x00];
  const ipv4 = (length: number): number[] => [0x45, 0, (20 + length) >> 8, (20 + length) & 0xff,
    0, 0, 0, 0, 64, 253, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2];
  const payloads: number[][] = [];
  for (let length = 0; length <= 40; length++) {
    payloads.push(Array.from({ length }, (_, i) => (i * 37 + length) & 0xff));
  }
  payloads.push([...new TextEncoder().encode('a\rb\r\nc\r\r\n\td\x0b \r')]);
  payloads.push([0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x80, 0xff, 0x0d, 0x0a, 0x0a, 0x0d]);
  return payloads.map((payload) =>
    new Uint8Array([...ethernet, ...ipv4(payload.length), ...payload]));
}

describe.skipIf(skip)('packet dump edge cases, compared live with tcpdump', () => {
  it('lays out every line length and character class as tcpdump does', () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'tapline-dump-'));
    try {
      const file = path.join(workDir, 'edges.pcap');
      writeEthernetPcap(file, edgeFrames());
      for (const [flag, style, fromStart] of flags) {
        const expected = tcpdump(['-n', flag, '-r', file]).stdout;
        expect(predicted(file, style, fromStart), flag).toBe(expected);
      }
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('prints nothing for no bytes', () => {
    for (const [, style] of flags) expect(formatDump(new Uint8Array(0), style)).toBe('');
  });
});
