// Damaged packets never crash the printer or dissect(): real packets with seeded random
// bit flips and cuts, under every link type and flag set.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dissect } from '../../../src/engine/decode/dissect';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { LinkType, type PacketRecord } from '../../../src/engine/files/packet-record';
import { PacketPrinter } from '../../../src/engine/print/packet-printer';
import { capturesDir, hasSharedData, sharedRoot } from '../../support/shared-data';
import { seededRandom } from '../../support/seeded-random';

function samplePackets(): PacketRecord[] {
  const folders = [capturesDir, join(sharedRoot, 'conformance', 'tcpdump')];
  const list: PacketRecord[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((file) => /\.pcap(ng)?$/.test(file))) {
      let taken = 0;
      const parser = createCaptureParser({
        packet(record) {
          if (taken++ < 60) list.push({ ...record, data: record.data.slice() });
        },
      });
      try {
        parser.push(new Uint8Array(readFileSync(join(folder, name))));
        parser.end();
      } catch {
        // Damaged files are part of the corpus; the packets before the damage still count.
      }
    }
  }
  return list;
}

const LINK_TYPES = Object.values(LinkType);
const FLAG_SETS = [{}, { verbose: 1 }, { verbose: 3, linkLevel: true }, { quiet: true }];

describe.skipIf(!hasSharedData)('printer and dissect() on damaged packets', () => {
  it('never throw, and always say something', () => {
    const packets = samplePackets();
    expect(packets.length).toBeGreaterThan(400);
    const next = seededRandom(20261203);
    const printers = FLAG_SETS.map((flags) => new PacketPrinter(flags));
    let printed = 0;
    for (let round = 0; round < 3; round++) {
      for (const original of packets) {
        const data = original.data.slice();
        const flips = Math.floor(next() * 6);
        for (let i = 0; i < flips && data.length > 0; i++) {
          data[Math.floor(next() * data.length)] = Math.floor(next() * 256);
        }
        const cut = next() < 0.5 ? Math.floor(next() * (data.length + 1)) : data.length;
        const linkType = next() < 0.2
          ? LINK_TYPES[Math.floor(next() * LINK_TYPES.length)]
          : original.linkType;
        const record: PacketRecord = {
          ...original, linkType, data: data.subarray(0, cut), capturedLength: cut,
        };
        for (const printer of printers) {
          const { text, networkOffset } = printer.print(record);
          expect(typeof text).toBe('string');
          expect(networkOffset).toBeGreaterThanOrEqual(0);
          expect(networkOffset).toBeLessThanOrEqual(Math.max(cut, 20));
          printed++;
        }
        expect(() => dissect(record, { verbose: 2 })).not.toThrow();
      }
    }
    expect(printed).toBeGreaterThan(5_000);
  });

  it('stops at a bounded depth of nested headers instead of exhausting the stack', () => {
    // 5000 IPv4-in-IPv4 headers, each 20 bytes, in one Ethernet frame.
    let packet: number[] = [1, 2, 3];
    for (let i = 0; i < 5000; i++) {
      const length = Math.min(20 + packet.length, 0xffff);
      packet = [0x45, 0, length >> 8, length & 0xff, 0, 0, 0, 0, 64, 4, 0, 0, 1, 1, 1, 1,
        2, 2, 2, 2, ...packet];
    }
    const data = new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 8, 0, ...packet]);
    const record: PacketRecord = {
      fileOffset: 0, interfaceId: 0, linkType: LinkType.ETHERNET, hasTimestamp: true,
      seconds: 0, nanoseconds: 0, capturedLength: data.length, originalLength: data.length, data,
    };
    const { text } = new PacketPrinter({ verbose: 1 }).print(record);
    expect(text.endsWith(' [|ip]')).toBe(true);
    expect(dissect(record).layers.length).toBeLessThan(100);
  });
});
