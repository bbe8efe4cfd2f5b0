// The -x/-xx/-X/-XX/-A/-AA dumps against Debian's tcpdump, live, on Ethernet captures.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../src/engine/files/packet-record';
import { formatDump, type DumpStyle } from '../../../src/engine/print/hex-dump';
import {
  capturesDir, conformanceDir, linesOf, readCapture, sharedDataMissing, tcpdump,
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

describe('packet dump edge cases', () => {
  it('prints nothing for no bytes', () => {
    for (const [, style] of flags) expect(formatDump(new Uint8Array(0), style)).toBe('');
  });

  it('shows a lone CR as a dot, drops one before LF or at the very end', () => {
    const bytes = new TextEncoder().encode('a\rb\r\nc\r');
    expect(formatDump(bytes, 'ascii')).toBe('\na.b\nc');
  });
});
