// A large capture for tests that need one: the packets of a shared capture written again and
// again with the engine's pcap writer, each copy a millisecond after the one before.

import { createWriteStream, readFileSync } from 'node:fs';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import type { CaptureInterface, PacketRecord } from '../../src/engine/files/packet-record';
import { writePcap } from '../../src/engine/files/pcap-writer';

function readPackets(source: string): { link: CaptureInterface; packets: PacketRecord[] } {
  let link: CaptureInterface | undefined;
  const packets: PacketRecord[] = [];
  const parser = createCaptureParser({
    interface: (found) => { link ??= found; },
    packet: (record) => packets.push({ ...record, data: record.data.slice() }),
  });
  parser.push(new Uint8Array(readFileSync(source)));
  parser.end();
  if (!link || packets.length === 0) throw new Error(`${source} holds no packets`);
  return { link, packets };
}

function* copies(packets: PacketRecord[], count: number): Generator<PacketRecord> {
  const first = packets[0].seconds;
  for (let index = 0; index < count; index++) {
    const packet = packets[index % packets.length];
    const at = packet.nanoseconds + index * 1e6; // ns past the first packet's second
    yield { ...packet, seconds: first + Math.floor(at / 1e9), nanoseconds: at % 1e9 };
  }
}

/** Writes `count` packets, `source`'s repeated in order, to `target` (classic pcap). */
export async function writeRepeatedCapture(source: string, target: string, count: number,
): Promise<void> {
  const { link, packets } = readPackets(source);
  const out = createWriteStream(target);
  for (const chunk of writePcap([{ ...link, id: 0, ticksPerSecond: 1e6 }],
    copies(packets, count))) {
    if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) =>
    (error ? fail(error) : done())));
}
