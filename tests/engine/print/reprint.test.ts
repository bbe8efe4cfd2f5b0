// A packet printed again, in any order, gets the very line it got in file order: what the
// packet list needs when the user jumps back in a large capture.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { PacketPrinter } from '../../../src/engine/print/packet-printer';
import { seededRandom } from '../../support/seeded-random';
import { capturesDir, hasSharedData, sharedRoot } from '../../support/shared-data';

function records(file: string): PacketRecord[] {
  const kept: PacketRecord[] = [];
  const parser = createCaptureParser({
    packet: (record) => kept.push({ ...record, data: record.data.slice() }),
  });
  try {
    parser.push(readFileSync(file));
    parser.end();
  } catch {
    // A damaged conformance file: the packets before the damage are enough here.
  }
  return kept;
}

const files = hasSharedData ? [
  ...readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name))
    .map((name) => join(capturesDir, name)),
  ...readdirSync(join(sharedRoot, 'conformance/tcpdump')).filter((name) => name.endsWith('.pcap'))
    .map((name) => join(sharedRoot, 'conformance/tcpdump', name)),
] : [];

/**
 * The seed session twice on the same ports, the second time with other initial sequence
 * numbers: tcpdump restarts the connection at the second SYN, so each copy has its own
 * relative numbers. (Ethernet, IPv4 without options: TCP's seq at 38, ack at 42.)
 */
function reusedPorts(): PacketRecord[] {
  const first = records(join(capturesDir, '01-seed-postfix-relay.pcap'));
  const second = first.map((record) => {
    const data = record.data.slice();
    const view = new DataView(data.buffer);
    view.setUint32(38, (view.getUint32(38) + 1_000_000) >>> 0);
    if (view.getUint32(42) !== 0) view.setUint32(42, (view.getUint32(42) + 1_000_000) >>> 0);
    return { ...record, seconds: record.seconds + 60, data };
  });
  return [...first, ...second];
}

describe.runIf(hasSharedData)('reprint', () => {
  it('keeps each copy of a reused connection on its own relative numbers', () => {
    const packets = reusedPorts();
    const printer = new PacketPrinter();
    const inOrder = packets.map((record) => printer.print(record).text);
    expect(inOrder[3]).toBe(inOrder[3 + packets.length / 2]);
    for (let index = packets.length - 1; index >= 0; index--) {
      expect(printer.reprint(packets[index], index).text).toBe(inOrder[index]);
    }
  });

  it('prints every packet of every capture again, shuffled, as it did in order', () => {
    const random = seededRandom(7);
    let compared = 0;
    for (const file of files) {
      const packets = records(file);
      for (const options of [{}, { verbose: 1 }, { absoluteSequence: true }]) {
        const printer = new PacketPrinter(options);
        const inOrder = packets.map((record) => printer.print(record).text);
        const order = packets.map((_, index) => index).sort(() => random() - 0.5);
        for (const index of order) {
          expect(printer.reprint(packets[index], index).text, `${file} #${index + 1}`)
            .toBe(inOrder[index]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(9_000);
  });
});
