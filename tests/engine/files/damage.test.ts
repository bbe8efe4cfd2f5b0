// Damaged files: every packet before the damage, then exactly one error that says where.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparable, fileUnits, hasShared, parseCapture, sharedRoot, type FileUnit, type ParseResult,
} from './support';

const FILES = [
  'captures/01-seed-postfix-relay.pcap',
  'captures/09-lossy-dev.pcap',
  'captures/08-two-ifaces.pcapng',
  'conformance/pcapng/output_le/difficult/test202.pcapng',
  'conformance/pcapng/output_be/difficult/test202.pcapng',
  'conformance/pcapng/output_be/advanced/test102.pcapng',
];

/** Parses whole and in 7-byte chunks; both must agree, and the error must be a single one. */
function parseBoth(bytes: Uint8Array): ParseResult {
  const whole = parseCapture(bytes);
  const cuts = Array.from({ length: Math.floor(bytes.length / 7) }, (_, at) => (at + 1) * 7);
  expect(comparable(parseCapture(bytes, cuts))).toEqual(comparable(whole));
  return whole;
}

/** Packets before `unit` were delivered as in the intact file; then one error at `unit`. */
function expectDamageAt(
  result: ParseResult, intact: ParseResult, units: FileUnit[], unit: FileUnit, code: string,
) {
  const packetsBefore = units.filter((other) => other.isPacket && other.offset < unit.offset);
  expect(comparable({ ...result, error: undefined })).toEqual(comparable({
    ...intact, records: intact.records.slice(0, packetsBefore.length),
    names: result.names, interfaces: result.interfaces, sections: result.sections,
    statistics: result.statistics,
  }));
  expect(result.error?.code).toBe(code);
  expect(result.error?.offset).toBe(unit.offset);
  expect(result.error?.message).toContain(`${unit.name} at byte offset ${unit.offset}`);
}

describe.skipIf(!hasShared)('damaged real files', () => {
  for (const name of FILES) {
    const bytes = hasShared ? readFileSync(path.join(sharedRoot, name)) : new Uint8Array(0);
    const units = fileUnits(bytes);
    const packets = units.filter((unit) => unit.isPacket);
    const target = packets[Math.floor(packets.length / 2)];
    const pcapng = name.endsWith('.pcapng');
    const intact = parseCapture(bytes);

    const damaged = (change: (copy: DataView) => void): Uint8Array => {
      const copy = Uint8Array.from(bytes);
      change(new DataView(copy.buffer));
      return copy;
    };
    const littleEndian = (unit: FileUnit) => {
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      return view.getUint32(unit.offset + 4, true) === unit.length;
    };

    it(`${name}: intact file parses cleanly`, () => {
      expect(intact.error).toBeUndefined();
      expect(intact.records.length).toBe(packets.length);
    });

    it(`${name}: cut in the middle of a packet`, () => {
      const cut = bytes.subarray(0, target.offset + Math.floor(target.length / 2));
      const code = pcapng ? 'PCAPNG_TRUNCATED_BLOCK' : 'PCAP_TRUNCATED_RECORD';
      expectDamageAt(parseBoth(cut), intact, units, target, code);
    });

    if (!pcapng) {
      it(`${name}: a record claiming 4 GiB`, () => {
        const bad = damaged((view) => view.setUint32(target.offset + 8, 0xffffffff));
        expectDamageAt(parseBoth(bad), intact, units, target, 'PCAP_BAD_RECORD');
      });
      continue;
    }

    const lengths: Array<[string, number]> = [
      ['not a multiple of 4', target.length + 1],
      ['below 12', 8],
      ['zero', 0],
      ['above 16 MiB', 0x7ffffff0],
      ['the largest 32-bit value', 0xffffffff],
    ];
    for (const [why, length] of lengths) {
      it(`${name}: block length ${why}`, () => {
        const bad = damaged((view) =>
          view.setUint32(target.offset + 4, length, littleEndian(target)));
        expectDamageAt(parseBoth(bad), intact, units, target, 'PCAPNG_BAD_BLOCK');
      });
    }

    it(`${name}: trailing length differs from the leading one`, () => {
      const bad = damaged((view) => view.setUint32(target.offset + target.length - 4,
        target.length + 4, littleEndian(target)));
      expectDamageAt(parseBoth(bad), intact, units, target, 'PCAPNG_BAD_BLOCK');
    });

    const laterSection = units.find((unit) => unit.name === 'SHB' && unit.offset > 0);
    if (laterSection) {
      it(`${name}: bad byte-order magic in a later section`, () => {
        const bad = damaged((view) => view.setUint32(laterSection.offset + 8, 0x12345678));
        expectDamageAt(parseBoth(bad), intact, units, laterSection, 'PCAPNG_BAD_BLOCK');
      });
    }
  }

  it('bad magic number: no packets, one error at offset 0', () => {
    for (const name of FILES) {
      const bad = Uint8Array.from(readFileSync(path.join(sharedRoot, name)));
      bad.set([0x58, 0x58, 0x58, 0x58], 0);
      const result = parseBoth(bad);
      expect(result.records).toEqual([]);
      expect(result.error?.code).toBe('CAPTURE_UNKNOWN_FORMAT');
      expect(result.error?.message).toContain('byte offset 0');
    }
  });

  it('a packet before any Interface Description Block', () => {
    const bytes = readFileSync(path.join(sharedRoot,
      'conformance/pcapng/output_le/basic/test001.pcapng'));
    const units = fileUnits(bytes);
    const idb = units.find((unit) => unit.name === 'IDB')!;
    const withoutIdb = Buffer.concat([bytes.subarray(0, idb.offset),
      bytes.subarray(idb.offset + idb.length)]);
    const firstPacket = fileUnits(withoutIdb).find((unit) => unit.isPacket)!;
    const result = parseBoth(withoutIdb);
    expect(result.records).toEqual([]);
    expect(result.error?.code).toBe('PCAPNG_NO_INTERFACE');
    expect(result.error?.offset).toBe(firstPacket.offset);
    expect(result.error?.message).toContain(`EPB at byte offset ${firstPacket.offset}`);
  });
});
