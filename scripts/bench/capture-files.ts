// Reads and writes the benchmark's pcap files through the engine's parser and pcap writer.

import { closeSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import type { CaptureInterface, PacketRecord } from '../../src/engine/files/packet-record';
import { writePcap } from '../../src/engine/files/pcap-writer';

const READ_CHUNK = 1024 * 1024;

/** A pcap or pcapng file read record by record, with copies of the bytes that may be kept. */
export class CaptureReader {
  readonly interfaces: CaptureInterface[] = [];
  private readonly queue: PacketRecord[] = [];
  private readonly fd: number;
  private ended = false;
  private readonly parser = createCaptureParser({
    interface: (found) => { this.interfaces.push(found); },
    packet: (record) => { this.queue.push({ ...record, data: record.data.slice() }); },
  });

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    while (this.interfaces.length === 0 && !this.ended) this.fill();
  }

  *records(): Generator<PacketRecord> {
    try {
      for (;;) {
        yield* this.queue.splice(0);
        if (this.ended) return;
        this.fill();
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    closeSync(this.fd);
  }

  private fill(): void {
    // A fresh buffer per read: the parser may keep using a chunk it was given.
    const chunk = new Uint8Array(READ_CHUNK);
    const count = readSync(this.fd, chunk, 0, READ_CHUNK, null);
    if (count === 0) {
      this.parser.end();
      this.close();
      return;
    }
    this.parser.push(chunk.subarray(0, count));
  }
}

/**
 * Writes `packets` as a pcap file at `path`, through a temporary name so that a file under
 * the final name is always complete. Returns the number of packets written.
 */
export function writeCapture(path: string, interfaces: readonly CaptureInterface[],
  packets: Iterable<PacketRecord>): number {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let count = 0;
  function* counted() {
    for (const packet of packets) {
      count++;
      yield packet;
    }
  }
  try {
    for (const chunk of writePcap(interfaces, counted())) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return count;
}

/** The same packet, later by `seconds`. */
export function shifted(record: PacketRecord, seconds: number): PacketRecord {
  return { ...record, seconds: record.seconds + seconds };
}

export function countPackets(path: string): number {
  const records = new CaptureReader(path).records();
  let count = 0;
  while (!records.next().done) count++;
  return count;
}
