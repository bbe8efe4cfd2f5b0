// `tapline stats` on the pcapng conformance files (../shared/conformance/pcapng/manifest.tsv):
// packet and interface counts as capinfos and tshark recorded them for each file.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCliAsync, type BuiltCli } from './helpers/cli';
import { linesOf, mapLimited, sharedDataMissing, sharedDir } from './helpers/oracle';

const skip = sharedDataMissing();
const pcapngDir = path.join(sharedDir, 'conformance', 'pcapng');

interface Row {
  file: string;
  packets: number;
  interfaces: number;
}

function manifest(): Row[] {
  const [header, ...rows] = linesOf(readFileSync(path.join(pcapngDir, 'manifest.tsv'), 'utf8'));
  const columns = header.split('\t');
  return rows.map((line) => line.split('\t')).map((cells) => {
    const cell = (name: string): string => cells[columns.indexOf(name)] ?? '';
    const interfaces = cell('interfaces');
    return {
      file: cell('file'),
      packets: Number(cell('capinfos_packets')),
      interfaces: interfaces === '' ? 0 : interfaces.split(',').length,
    };
  });
}

describe.skipIf(skip)('tapline stats on the pcapng conformance files', () => {
  let cli: BuiltCli;
  beforeAll(() => { cli = buildCli(); });
  afterAll(() => cli?.dispose());

  it('counts packets and interfaces as capinfos does', async () => {
    const rows = manifest();
    expect(rows.length).toBeGreaterThan(30);
    const results = await mapLimited(rows, 4, (row) =>
      runCliAsync(cli, ['stats', path.join(pcapngDir, row.file)]));
    rows.forEach((row, index) => {
      const result = results[index];
      expect(result.status, `${row.file}: ${result.stderr}`).toBe(0);
      const field = (label: string): string | undefined =>
        new RegExp(`^${label}:\\s+(\\S+)`, 'm').exec(result.stdout)?.[1];
      expect(field('Packets'), row.file).toBe(String(row.packets));
      expect(field('Interfaces'), row.file).toBe(String(row.interfaces));
    });
  });
});
