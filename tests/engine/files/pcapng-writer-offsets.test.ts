// The incremental pcapng writer: each packet's bytes are where add() said they would be.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PcapngWriter } from '../../../src/engine/files/pcapng-writer';
import { hasShared, parseCapture, sharedCaptureFiles } from './support';

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

describe.runIf(hasShared)('PcapngWriter', () => {
  const file = sharedCaptureFiles()
    .find((name) => name.endsWith('02-pipelining-multircpt-rset.pcap'))!;

  it('reports the offset of every packet it writes, across chunks', () => {
    const source = parseCapture(readFileSync(file));
    const writer = new PcapngWriter(source.interfaces);
    const chunks: Uint8Array[] = [];
    const offsets = source.records.map((record) => {
      const offset = writer.add(record);
      chunks.push(...writer.take());
      return offset;
    });
    chunks.push(...writer.flush());
    const output = concat(chunks);
    expect(writer.position).toBe(output.length);

    const reread = parseCapture(output);
    expect(reread.records.map((record) => record.fileOffset)).toEqual(offsets);
    source.records.forEach((record, i) => {
      expect(output.subarray(offsets[i], offsets[i] + record.capturedLength)).toEqual(record.data);
    });
  });
});
