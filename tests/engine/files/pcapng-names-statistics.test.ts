// Name Resolution and Interface Statistics Blocks, against tshark's hosts and capinfos.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conformanceRoot, hasShared, manifestRows, parseCapture, runOracle, sharedRoot,
} from './support';

/** An address as tshark prints it (IPv6 in its shortest form, which URL also produces). */
function addressText(type: string, bytes: Uint8Array): string {
  if (type === 'ipv4') return [...bytes].join('.');
  const groups = [];
  for (let at = 0; at < 16; at += 2) groups.push(((bytes[at] << 8) | bytes[at + 1]).toString(16));
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}

describe.skipIf(!hasShared)('pcapng NRB and ISB', () => {
  const withNames = manifestRows().filter((row) => row.block_sequence.includes('NRB'));

  it('finds files with name resolution blocks', () => {
    expect(withNames.length).toBeGreaterThan(4);
  });

  for (const row of withNames) {
    it(`${row.file}: every name tshark learned, and no address it did not`, () => {
      const file = path.join(conformanceRoot, row.file);
      const parsed = parseCapture(readFileSync(file));
      expect(parsed.error).toBeUndefined();
      const ours = new Map<string, string[]>();
      for (const record of parsed.names) {
        if (record.addressType !== 'ipv4' && record.addressType !== 'ipv6') continue;
        const key = addressText(record.addressType, record.address);
        ours.set(key, [...(ours.get(key) ?? []), ...record.names]);
      }
      const hosts = runOracle('tshark', ['-r', file, '-q', '-z', 'hosts']).split('\n')
        .filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split('\t'));
      expect(hosts.length).toBeGreaterThan(0);
      for (const [address, name] of hosts) expect(ours.get(address)).toContain(name);
      expect([...ours.keys()].sort()).toEqual(hosts.map(([address]) => address).sort());
    });
  }

  const singleSection = [
    ...manifestRows().filter((row) => row.sections === '1' && row.block_sequence.includes('ISB'))
      .map((row) => path.join(conformanceRoot, row.file)),
    path.join(sharedRoot, 'captures/08-two-ifaces.pcapng'),
  ];
  for (const file of singleSection) {
    it(`${path.basename(file)}: statistics blocks per interface as capinfos counts them`, () => {
      const parsed = parseCapture(readFileSync(file));
      const counts = parsed.interfaces.map((found) =>
        parsed.statistics.filter((entry) => entry.interfaceId === found.id).length);
      const capinfos = [...runOracle('capinfos', ['-M', file])
        .matchAll(/Number of stat entries = (\d+)/g)].map((match) => Number(match[1]));
      expect(counts).toEqual(capinfos);
      expect(counts.some((count) => count > 0)).toBe(true);
    });
  }
});
