// pcapng features the corpus lacks (Packet Block, power-of-2 clock, if_tsoffset, packet
// comments), in a file built here field by field and read by tshark as the oracle.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { epochText, parseCapture, tcpdumpBytes, tsharkFields } from './support';

/** Little helpers that lay out pcapng fields in one byte order. */
function layout(littleEndian: boolean) {
  const u16 = (value: number) => {
    const bytes = new Uint8Array(2);
    new DataView(bytes.buffer).setUint16(0, value, littleEndian);
    return bytes;
  };
  const u32 = (value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, littleEndian);
    return bytes;
  };
  const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
  const option = (code: number, value: Uint8Array) =>
    join(u16(code), u16(value.length), value, new Uint8Array((4 - (value.length % 4)) % 4));
  const block = (type: number, ...body: Uint8Array[]) => {
    const inner = join(...body);
    return join(u32(type), u32(12 + inner.length), inner, u32(12 + inner.length));
  };
  return { u16, u32, join, option, block, end: new Uint8Array(4) };
}

const TICKS = 2n ** 20n;
const STAMP = 1_700_000_000n * TICKS + 123_456n;
const OFFSET = 1000;
const text = (value: string) => new TextEncoder().encode(value);

function buildFile(littleEndian: boolean): Uint8Array {
  const { u16, u32, join, option, block, end } = layout(littleEndian);
  const data = Uint8Array.from({ length: 60 }, (_, at) => (at < 6 ? 0xff : at));
  const stamp = (extra: bigint) => join(u32(Number((STAMP + extra) >> 32n)),
    u32(Number((STAMP + extra) & 0xffffffffn)));
  const offset = new Uint8Array(8);
  new DataView(offset.buffer).setBigInt64(0, BigInt(OFFSET), littleEndian);
  return join(
    block(0x0a0d0d0a, u32(0x1a2b3c4d), u16(1), u16(0), u32(0xffffffff), u32(0xffffffff),
      option(1, text('hand made')), end),
    // if_tsresol 0x94: 2^-20 seconds per tick.
    block(1, u16(1), u16(0), u32(0), option(9, Uint8Array.of(0x80 | 20)),
      option(14, offset), end),
    block(2, u16(0), u16(0), stamp(0n), u32(60), u32(60), data, end),
    block(6, u32(0), stamp(1n), u32(60), u32(80), data,
      option(1, text('naïve ✓')), option(1, text('second')), end),
  );
}

describe('a hand-made pcapng file against tshark', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tapline-handmade-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  for (const littleEndian of [true, false]) {
    it(`${littleEndian ? 'little' : 'big'}-endian: PB, 2^-20 clock, offset, comments`, () => {
      const bytes = buildFile(littleEndian);
      const file = path.join(folder, `hand-${littleEndian}.pcapng`);
      writeFileSync(file, bytes);

      const parsed = parseCapture(bytes);
      expect(parsed.error).toBeUndefined();
      expect(parsed.interfaces[0]).toMatchObject({ ticksPerSecond: 2 ** 20,
        timestampOffset: OFFSET });
      const fields = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id',
        'frame.comment'];
      const rows = tsharkFields(file, fields);
      expect(rows.length).toBe(2);
      expect(parsed.records.map((record) => [epochText(record), String(record.originalLength),
        String(record.capturedLength), String(record.interfaceId),
        (record.comments ?? []).join(',')])).toEqual(rows);
      expect(parsed.records.map((record) => record.data)).toEqual(tcpdumpBytes(file));
      expect(parsed.sections[0].sectionComment).toBe('hand made');
    });
  }
});
