// Written copies must read back, in tshark, capinfos and tcpdump, exactly as their sources.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePcap } from '../../../src/engine/files/pcap-writer';
import { writePcapng } from '../../../src/engine/files/pcapng-writer';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { writeFileAtomically } from '../../../src/main/service/atomic-write';
import {
  conformanceRoot, hasShared, manifestRows, parseCapture, runOracle, sharedRoot, tsharkFields,
  type ParseResult,
} from './support';

const folder = mkdtempSync(path.join(tmpdir(), 'tapline-writers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const CAPTURES = ['01-seed-postfix-relay.pcap', '02-pipelining-multircpt-rset.pcap',
  '03-starttls.pcap', '06-ipv6.pcap', '08-two-ifaces.pcapng', '09-lossy-dev.pcap'];
const FIELDS = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.encap_type'];

type Writer = (parsed: ParseResult, packets: PacketRecord[]) => Generator<Uint8Array>;

const writers: Record<string, Writer> = {
  pcap: (parsed, packets) => writePcap(parsed.interfaces, packets),
  'pcap big-endian': (parsed, packets) =>
    writePcap(parsed.interfaces, packets, { littleEndian: false }),
  pcapng: (parsed, packets) =>
    writePcapng(parsed.interfaces, packets, { section: parsed.sections[0] }),
  'pcapng big-endian': (parsed, packets) =>
    writePcapng(parsed.interfaces, packets, { section: parsed.sections[0], littleEndian: false }),
};

async function writeCopy(source: string, name: string, writer: Writer, packets?: PacketRecord[]) {
  const parsed = parseCapture(readFileSync(source));
  expect(parsed.error).toBeUndefined();
  const target = path.join(folder, `${path.basename(source)}.${name.replace(/ /g, '-')}`);
  await writeFileAtomically(target, writer(parsed, packets ?? parsed.records), { source });
  return { parsed, target };
}

const sourceCache = new Map<string, unknown>();

/** The oracle's view of an unchanging source file, computed once per test file. */
function once<T>(key: string, compute: () => T): T {
  if (!sourceCache.has(key)) sourceCache.set(key, compute());
  return sourceCache.get(key) as T;
}

/** capinfos' packet count, section comment, and interface names and descriptions. */
function capinfosSummary(file: string): string[] {
  return runOracle('capinfos', ['-M', file]).split('\n').filter((line) =>
    /^(Number of packets|Capture comment):|^\s+(Name|Description|Encapsulation) =/.test(line));
}

function tcpdumpText(file: string): string {
  return runOracle('tcpdump', ['-nn', '-xx', '--nano', '-r', file]);
}

describe.skipIf(!hasShared)('writers against the oracles', () => {
  for (const capture of CAPTURES) {
    const source = path.join(sharedRoot, 'captures', capture);
    for (const [name, writer] of Object.entries(writers)) {
      // Byte order is a property of the writer, not of the capture: two captures suffice.
      if (name.endsWith('big-endian') && !/^0[18]-/.test(capture)) continue;
      it(`${capture} as ${name}: tshark, tcpdump and capinfos see the same packets`, async () => {
        const { target } = await writeCopy(source, name, writer);
        expect(tsharkFields(target, FIELDS))
          .toEqual(once(`tshark ${source}`, () => tsharkFields(source, FIELDS)));
        expect(tcpdumpText(target)).toBe(once(`tcpdump ${source}`, () => tcpdumpText(source)));
        const summary = capinfosSummary(target);
        const expected = once(`capinfos ${source}`, () => capinfosSummary(source));
        expect(summary[0]).toBe(expected[0]);
        if (name.startsWith('pcapng') && capture.endsWith('.pcapng')) {
          expect(summary).toEqual(expected);
          const ids = ['frame.interface_id'];
          expect(tsharkFields(target, ids)).toEqual(tsharkFields(source, ids));
        }
      });
    }
  }

  // The corpus files with several sections, interfaces, SPBs and custom blocks.
  const varied = /test(011|012|018|100|102|200|202)\.pcapng$/;
  for (const row of manifestRows().filter((entry) => varied.test(entry.file))) {
    const source = path.join(conformanceRoot, row.file);
    it(`${row.file} as pcapng: tshark sees the same packets`, async () => {
      const { parsed, target } = await writeCopy(source, 'pcapng', writers.pcapng);
      // Custom blocks are not packets and are not copied. tshark numbers interfaces within
      // a section (and names them from the wrong section), so ids are checked against ours,
      // which the conformance test checks against tshark.
      const fields = [...FIELDS, 'frame.interface_id', 'frame.md5_hash'];
      const packetsOf = (file: string) => tsharkFields(file, fields,
        ['-o', 'frame.generate_md5_hash:TRUE']).filter((cells) => cells[4] !== '');
      const copied = packetsOf(target);
      const original = packetsOf(source);
      // Lengths, link type and a hash of the packet bytes.
      const same = (cells: string[]) => [...cells.slice(1, 4), cells[5]];
      expect(original.every((cells) => /^[0-9a-f]{32}$/.test(cells[5]))).toBe(true);
      expect(copied.map(same)).toEqual(original.map(same));
      expect(copied.map((cells) => Number(cells[4])))
        .toEqual(parsed.records.map((record) => record.interfaceId));
      // An untimed packet (SPB) stays untimed only on the first interface; a single-section
      // copy cannot express it elsewhere, so it gets time 0 there.
      copied.forEach((cells, at) => {
        const untimedElsewhere = original[at][0] === '' && parsed.records[at].interfaceId !== 0;
        expect(cells[0]).toBe(untimedElsewhere ? '0.000000000' : original[at][0]);
      });
    });
  }

  it('pcap refuses interfaces of different link types and leaves no file', async () => {
    const source = path.join(conformanceRoot, 'output_le/basic/test006.pcapng');
    const before = readdirSync(folder).length;
    await expect(writeCopy(source, 'mixed-pcap', writers.pcap))
      .rejects.toMatchObject({ code: 'PCAP_MIXED_LINK_TYPES' });
    expect(readdirSync(folder).length).toBe(before);
  });

  it('packet comments, in any script, reach tshark and come back', async () => {
    const source = path.join(sharedRoot, 'captures/01-seed-postfix-relay.pcap');
    const parsed = parseCapture(readFileSync(source));
    const comments = [['first look'], [], ['naïve café ✓', 'second 🦊']];
    const packets = parsed.records.map((record, at) =>
      (comments[at]?.length ? { ...record, comments: comments[at] } : record));
    const { target } = await writeCopy(source, 'comments', writers.pcapng, packets);

    const seen = tsharkFields(target, ['frame.comment']).map((cells) => cells[0] ?? '');
    expect(seen.slice(0, 3)).toEqual(comments.map((list) => list.join(',')));
    const back = parseCapture(readFileSync(target));
    expect(back.records.slice(0, 3).map((record) => record.comments ?? []))
      .toEqual(comments);
  });

  it('interface name, description, filter and OS reach capinfos and come back', async () => {
    const source = path.join(sharedRoot, 'captures/08-two-ifaces.pcapng');
    const parsed = parseCapture(readFileSync(source));
    const interfaces = parsed.interfaces.map((found, at) =>
      ({ ...found, filter: `tcp port ${25 + at}`, os: `Débian ${at}` }));
    const target = path.join(folder, 'interface-options.pcapng');
    await writeFileAtomically(target, writePcapng(interfaces, parsed.records));

    const text = runOracle('capinfos', ['-M', target]);
    const values = (label: string) => [...text.matchAll(new RegExp(`^\\s+${label} = (.*)$`,
      'gm'))].map((match) => match[1]);
    expect(values('Name')).toEqual(interfaces.map((found) => found.name));
    expect(values('Description')).toEqual(interfaces.map((found) => found.description));
    expect(values('Filter string')).toEqual(['tcp port 25', 'tcp port 26']);
    expect(values('Operating system')).toEqual(['Débian 0', 'Débian 1']);
    const back = parseCapture(readFileSync(target));
    expect(back.interfaces.map(({ name, description, filter, os }) =>
      ({ name, description, filter, os }))).toEqual(interfaces.map(
      ({ name, description, filter, os }) => ({ name, description, filter, os })));
  });
});
