// The bounds-checked reader: reads inside the captured bytes, throws TRUNCATED past them.

import { describe, expect, it } from 'vitest';
import { ByteReader, TRUNCATED } from '../../../src/engine/decode/byte-reader';

function reader(bytes: number[], offset = 0): ByteReader {
  const backing = new Uint8Array(offset + bytes.length);
  backing.set(bytes, offset);
  const r = new ByteReader();
  r.reset(backing.subarray(offset));
  return r;
}

describe('ByteReader', () => {
  it('reads big-endian fields at absolute offsets of a view into a larger buffer', () => {
    const r = reader([0x45, 0x00, 0x00, 0x3c, 0xde, 0xad, 0xbe, 0xef], 5);
    expect(r.u8(0)).toBe(0x45);
    expect(r.u16(2)).toBe(60);
    expect(r.u24(1)).toBe(0x00003c);
    expect(r.u32(4)).toBe(0xdeadbeef);
    expect(r.u16le(2)).toBe(0x3c00);
    expect(r.u32le(4)).toBe(0xefbeadde);
  });

  it('throws the shared TRUNCATED for any read that reaches past the end', () => {
    const r = reader([1, 2, 3]);
    expect(() => r.u8(3)).toThrow(TRUNCATED);
    expect(() => r.u16(2)).toThrow(TRUNCATED);
    expect(() => r.u24(1)).toThrow(TRUNCATED);
    expect(() => r.u32(0)).toThrow(TRUNCATED);
    expect(() => r.u8(-1)).toThrow(TRUNCATED);
    expect(() => r.need(1, 3)).toThrow(TRUNCATED);
    expect(() => r.need(0, 3)).not.toThrow();
  });

  it('answers has() and left() without throwing', () => {
    const r = reader([1, 2, 3, 4]);
    expect(r.has(0, 4)).toBe(true);
    expect(r.has(1, 4)).toBe(false);
    expect(r.has(-1, 1)).toBe(false);
    expect(r.left(1)).toBe(3);
    expect(r.left(9)).toBe(0);
  });

  it('narrows its end to a header-announced length and can be restored', () => {
    const r = reader([1, 2, 3, 4, 5, 6]);
    const old = r.narrow(1, 2);
    expect(old).toBe(6);
    expect(r.u8(2)).toBe(3);
    expect(() => r.u8(3)).toThrow(TRUNCATED);
    expect(r.narrow(0, 10)).toBe(3);
    expect(r.end).toBe(3);
    r.end = old;
    expect(r.u8(5)).toBe(6);
  });
});
