// Truncation against tcpdump: real packets cut at many capture lengths, written to a pcap,
// then printed by tcpdump and by us. The ` [|proto]` marks must fall in the same place.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { hasSharedData, sharedCapture } from '../../support/shared-data';
import { tcpdump } from '../../support/tcpdump';
import { optionsFromArgs, printCapture } from './print-support';

interface Frame {
  data: Uint8Array;
  originalLength: number;
}

function framesOf(path: string): { linkType: number; frames: Frame[] } {
  const frames: Frame[] = [];
  let linkType = 1;
  const parser = createCaptureParser({
    interface(i) {
      linkType = i.linkType;
    },
    packet(record) {
      frames.push({ data: record.data.slice(), originalLength: record.originalLength });
    },
  });
  parser.push(new Uint8Array(readFileSync(path)));
  parser.end();
  return { linkType, frames };
}

/** A little-endian microsecond pcap holding each frame cut to each of `lengths`. */
function truncatedPcap(linkType: number, frames: Frame[], lengths: number[]): Uint8Array {
  const records: Uint8Array[] = [];
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4, true);
  header.setUint16(4, 2, true);
  header.setUint16(6, 4, true);
  header.setUint32(16, 65535, true);
  header.setUint32(20, linkType, true);
  records.push(new Uint8Array(header.buffer));
  let second = 1;
  for (const frame of frames) {
    for (const cut of lengths) {
      if (cut >= frame.data.length) continue;
      const record = new DataView(new ArrayBuffer(16));
      record.setUint32(0, second++, true);
      record.setUint32(8, cut, true);
      record.setUint32(12, frame.originalLength, true);
      records.push(new Uint8Array(record.buffer), frame.data.subarray(0, cut));
    }
  }
  const total = records.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of records) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

const CUTS = [0, 1, 6, 13, 14, 15, 20, 30, 33, 34, 35, 40, 46, 50, 54, 58, 60, 62, 66, 70,
  74, 78, 80, 86, 90, 94, 100, 120];

const scratch = mkdtempSync(join(tmpdir(), 'tapline-trunc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!hasSharedData)('truncated packets print like tcpdump', () => {
  const sources = ['01-seed-postfix-relay.pcap', '06-ipv6.pcap', '08-two-ifaces.pcapng'];
  for (const source of sources) {
    for (const flags of [[], ['-v'], ['-e']]) {
      it(`${source} cut at ${CUTS.length} lengths ${flags.join(' ')}`, () => {
        const { linkType, frames } = framesOf(sharedCapture(source));
        const path = join(scratch, `${source}.cut.pcap`);
        writeFileSync(path, truncatedPcap(linkType, frames.slice(0, 12), CUTS));
        // Compared line by line: a packet cut inside its link header prints as " [|ether]",
        // whose leading blank would look like a continuation line.
        const expected = tcpdump(['-t', '-nn', ...flags, '-r', path]).split('\n');
        expected.pop();
        const ours = printCapture(path, optionsFromArgs(flags)).join('\n').split('\n');
        expect(expected.length).toBeGreaterThan(100);
        expect(ours.length).toBe(expected.length);
        const differing = expected
          .map((line, i) => ({ line: i + 1, tcpdump: line, ours: ours[i] }))
          .filter((row) => row.tcpdump !== row.ours);
        expect(differing.slice(0, 5)).toEqual([]);
      });
    }
  }
});
