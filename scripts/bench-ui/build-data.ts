// Makes bench-data/ui-1m.pcap: the shared Ethernet captures repeated, times shifted, to 1M packets.

import { createWriteStream, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import type { CaptureInterface, PacketRecord } from '../../src/engine/files/packet-record';
import { writePcap } from '../../src/engine/files/pcap-writer';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const benchCapture = join(repoRoot, 'bench-data', 'ui-1m.pcap');
export const PACKETS = 1_000_000;
const sharedCaptures = resolve(repoRoot, '../shared/captures');

interface Held { seconds: number; nanoseconds: number; original: number; data: Uint8Array }

/** Every packet of the shared classic pcap files (all Ethernet), in file order. */
function readSources(): { iface: CaptureInterface; packets: Held[] } {
  let iface: CaptureInterface | undefined;
  const packets: Held[] = [];
  const files = readdirSync(sharedCaptures).filter((name) => name.endsWith('.pcap')).sort();
  for (const name of files) {
    const parser = createCaptureParser({
      interface: (found) => { iface ??= found; },
      packet: (record: PacketRecord) => packets.push({
        seconds: record.seconds, nanoseconds: record.nanoseconds,
        original: record.originalLength, data: record.data.slice(0, record.capturedLength),
      }),
    });
    parser.push(new Uint8Array(readFileSync(join(sharedCaptures, name))));
    parser.end();
  }
  if (!iface || packets.length === 0) throw new Error(`no packets in ${sharedCaptures}`);
  return { iface, packets };
}

/** The packets again and again, each round one millisecond after the previous one ended. */
function* repeated(source: Held[], count: number): Generator<PacketRecord> {
  const base = source[0].seconds * 1e9 + source[0].nanoseconds;
  const step = 1e6; // ns between consecutive packets of the bench file: times stay ordered
  for (let index = 0; index < count; index++) {
    const held = source[index % source.length];
    const at = base + index * step;
    yield {
      fileOffset: 0, interfaceId: 0, linkType: 1, hasTimestamp: true,
      seconds: Math.floor(at / 1e9), nanoseconds: at % 1e9,
      capturedLength: held.data.length, originalLength: held.original, data: held.data,
    };
  }
}

/** The bench file's path, written unless a complete one is already there. */
export async function ensureBenchCapture(): Promise<string> {
  if (existsSync(benchCapture) && statSync(benchCapture).size > 1e6) return benchCapture;
  const { iface, packets } = readSources();
  const partial = `${benchCapture}.partial`;
  const out = createWriteStream(partial);
  const interfaces = [{ ...iface, id: 0, ticksPerSecond: 1e6 }];
  for (const chunk of writePcap(interfaces, repeated(packets, PACKETS))) {
    if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) =>
    error ? fail(error) : done()));
  renameSync(partial, benchCapture);
  return benchCapture;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureBenchCapture().then((path) => console.log(`[bench-ui] capture ready: ${path}`));
}
