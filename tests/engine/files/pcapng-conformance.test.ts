// The pcapng reader against tshark, run now, on every file of the conformance corpus.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conformanceRoot, epochText, hasShared, manifestRows, parseCapture, runOracle, sharedRoot,
  tcpdumpBytes, tsharkFields, type ParseResult,
} from './support';

const FIELDS = [
  'frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.interface_id',
  'frame.section_number',
];

/**
 * Our records and tshark's rows, in the same shape. tshark numbers interfaces within their
 * section, we number them across sections (as capinfos does): ours are turned into tshark's
 * with the section of each interface. tshark also lists Custom Blocks, with no interface:
 * those rows are dropped, after checking their number.
 */
function compare(file: string, parsed: ParseResult, customBlocks?: number) {
  const rows = tsharkFields(file, FIELDS);
  const packetRows = rows.filter((row) => row[4] !== '');
  if (customBlocks !== undefined) expect(rows.length - packetRows.length).toBe(customBlocks);

  const firstOfSection = new Map<number, number>();
  for (const found of parsed.interfaces) {
    if (!firstOfSection.has(found.section ?? 0)) firstOfSection.set(found.section ?? 0, found.id);
  }
  const ours = parsed.records.map((record) => {
    const section = parsed.interfaces[record.interfaceId].section ?? 0;
    const localId = record.interfaceId - firstOfSection.get(section)!;
    return [epochText(record), String(record.originalLength), String(record.capturedLength),
      String(localId), String(section + 1)];
  });
  expect(ours).toEqual(packetRows.map((row) => row.slice(1)));
}

describe.skipIf(!hasShared)('pcapng conformance corpus against tshark', () => {
  const rows = manifestRows();

  it('the manifest lists every pcapng file of the corpus', () => {
    const onDisk = ['output_le', 'output_be'].flatMap((order) =>
      readdirSync(path.join(conformanceRoot, order), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.pcapng'))
        .map((name) => `${order}/${name}`));
    expect(rows.map((row) => row.file).sort()).toEqual(onDisk.sort());
  });

  for (const row of rows) {
    it(`${row.file}: ${row.description}`, () => {
      const file = path.join(conformanceRoot, row.file);
      const parsed = parseCapture(readFileSync(file));
      expect(parsed.error).toBeUndefined();

      compare(file, parsed, Number(row.records_without_interface));
      expect(parsed.records.length).toBe(Number(row.capinfos_packets));
      expect(parsed.sections.length).toBe(Number(row.sections));
      const interfaces = parsed.interfaces.map((found) => `${found.id}:${found.linkType}`);
      const expected = row.interfaces === '' ? [] : row.interfaces.split(',')
        .map((entry) => entry.replace(/:.*\(LINKTYPE (\d+)\)$/, ':$1'));
      expect(interfaces).toEqual(expected);
      for (const record of parsed.records) {
        expect(record.linkType).toBe(parsed.interfaces[record.interfaceId].linkType);
        expect(record.data.length).toBe(record.capturedLength);
      }
    });
  }
});

describe.skipIf(!hasShared)('08-two-ifaces.pcapng against tshark', () => {
  const file = path.join(sharedRoot, 'captures/08-two-ifaces.pcapng');
  const parsed = hasShared ? parseCapture(readFileSync(file)) : undefined;

  it('reads every packet with tshark\'s times, lengths and interfaces', () => {
    expect(parsed!.error).toBeUndefined();
    expect(parsed!.records.length).toBeGreaterThan(0);
    compare(file, parsed!);
  });

  it('keeps nanosecond timestamps whole', () => {
    expect(parsed!.interfaces.map((found) => found.ticksPerSecond)).toEqual([1e9, 1e9]);
    const subMicro = parsed!.records.filter((record) => record.nanoseconds % 1000 !== 0);
    expect(subMicro.length).toBeGreaterThan(0);
  });

  it('keeps the bytes tcpdump sees', () => {
    expect(parsed!.records.map((record) => record.data)).toEqual(tcpdumpBytes(file));
  });

  it('keeps the section comment and interface names and descriptions', () => {
    const text = runOracle('capinfos', ['-M', file]);
    const comment = /^Capture comment:\s+(.*)$/m.exec(text)?.[1];
    const names = [...text.matchAll(/^\s+Name = (.*)$/gm)].map((match) => match[1]);
    const descriptions = [...text.matchAll(/^\s+Description = (.*)$/gm)]
      .map((match) => match[1]);
    expect(comment).toBeDefined();
    expect(parsed!.sections.map((section) => section.sectionComment)).toEqual([comment]);
    expect(parsed!.interfaces.map((found) => found.name)).toEqual(names);
    expect(parsed!.interfaces.map((found) => found.description)).toEqual(descriptions);
  });
});
