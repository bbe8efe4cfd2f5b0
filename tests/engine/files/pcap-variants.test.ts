// Classic pcap: all four variants (micro/nano magic x byte order) and the real shared files.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  epochText, hasShared, parseCapture, sharedCaptureFiles, tcpdumpBytes, tsharkFields,
} from './support';

interface Packet { seconds: number; fraction: number; original: number; data: number[] }

const packets: Packet[] = [
  // An Ethernet frame (broadcast ARP-like bytes), a cut one, and one at a fraction's edge.
  { seconds: 1_700_000_000, fraction: 123_456, original: 42, data: frame(42) },
  { seconds: 1_700_000_001, fraction: 999_999, original: 1514, data: frame(64) },
  { seconds: 4_000_000_000, fraction: 0, original: 60, data: frame(60) },
];

function frame(length: number): number[] {
  return Array.from({ length }, (_, at) => (at < 6 ? 0xff : (at * 7 + 3) & 0xff));
}

/** A pcap file written field by field, independent of Tapline's writer. */
function buildPcap(nano: boolean, littleEndian: boolean): Uint8Array {
  const words: Array<[number, number]> = [];
  const put32 = (value: number) => words.push([value >>> 0, 4]);
  const put16 = (value: number) => words.push([value, 2]);
  put32(nano ? 0xa1b23c4d : 0xa1b2c3d4);
  put16(2);
  put16(4);
  put32(0);
  put32(0);
  put32(65535);
  put32(1);
  const bytes: number[] = [];
  const flush = () => {
    for (const [value, size] of words.splice(0)) {
      const field = size === 4
        ? [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
        : [value >>> 8, value & 0xff];
      bytes.push(...(littleEndian ? field.reverse() : field));
    }
  };
  flush();
  for (const packet of packets) {
    put32(packet.seconds);
    put32(nano ? packet.fraction * 1000 + 789 : packet.fraction);
    put32(packet.data.length);
    put32(packet.original);
    flush();
    bytes.push(...packet.data);
  }
  return Uint8Array.from(bytes);
}

describe('classic pcap variants against tshark and tcpdump', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tapline-pcap-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  for (const nano of [false, true]) {
    for (const littleEndian of [true, false]) {
      const name = `${nano ? 'nano' : 'micro'}-${littleEndian ? 'le' : 'be'}`;
      it(`${name}: times, lengths and bytes`, () => {
        const bytes = buildPcap(nano, littleEndian);
        const file = path.join(folder, `${name}.pcap`);
        writeFileSync(file, bytes);

        const parsed = parseCapture(bytes);
        expect(parsed.error).toBeUndefined();
        expect(parsed.interfaces).toMatchObject([{ linkType: 1, snapLength: 65535 }]);
        expect(parsed.interfaces[0].ticksPerSecond).toBe(nano ? 1e9 : 1e6);
        const rows = tsharkFields(file, ['frame.time_epoch', 'frame.len', 'frame.cap_len']);
        expect(parsed.records.map((record) => [epochText(record),
          String(record.originalLength), String(record.capturedLength)])).toEqual(rows);
        expect(parsed.records.map((record) => record.data)).toEqual(tcpdumpBytes(file));
      });
    }
  }
});

describe.skipIf(!hasShared)('real shared pcap files against tshark and tcpdump', () => {
  for (const file of sharedCaptureFiles().filter((name) => name.endsWith('.pcap'))) {
    it(path.basename(file), () => {
      const parsed = parseCapture(readFileSync(file));
      expect(parsed.error).toBeUndefined();
      const rows = tsharkFields(file, ['frame.time_epoch', 'frame.len', 'frame.cap_len']);
      expect(rows.length).toBeGreaterThan(0);
      expect(parsed.records.map((record) => [epochText(record),
        String(record.originalLength), String(record.capturedLength)])).toEqual(rows);
      expect(parsed.records.map((record) => record.data)).toEqual(tcpdumpBytes(file));
    });
  }
});
