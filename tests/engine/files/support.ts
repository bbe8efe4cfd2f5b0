// Shared by the capture-file tests: where the shared data is, parsing, and the oracles.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CaptureFileError } from '../../../src/engine/files/capture-file-error';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { hasSharedData as hasShared, sharedRoot } from '../../support/shared-data';
import type {
  CaptureInterface, InterfaceStatistics, NameRecord, PacketRecord, SectionDetails,
} from '../../../src/engine/files/packet-record';

export { hasSharedData as hasShared, repoRoot, sharedRoot } from '../../support/shared-data';
export { seededRandom } from '../../support/seeded-random';

export const conformanceRoot = path.join(sharedRoot, 'conformance/pcapng');

/** Every pcap and pcapng under captures/ and the pcapng conformance corpus. */
export function sharedCaptureFiles(): string[] {
  if (!hasShared) return [];
  const captures = path.join(sharedRoot, 'captures');
  const direct = readdirSync(captures).filter((name) => /\.pcap(ng)?$/.test(name))
    .map((name) => path.join(captures, name));
  return [...direct, ...manifestRows().map((row) => path.join(conformanceRoot, row.file))];
}

/** A packet record with its bytes copied, so it outlives the parser callback. */
export type KeptRecord = Omit<PacketRecord, 'data'> & { data: Uint8Array };

export interface ParseResult {
  records: KeptRecord[];
  interfaces: CaptureInterface[];
  sections: SectionDetails[];
  names: NameRecord[];
  statistics: InterfaceStatistics[];
  error?: CaptureFileError;
}

/**
 * Parses `bytes` fed in pieces cut at `cuts` (sorted offsets). A CaptureFileError ends the
 * parse and is returned; anything else thrown is a bug and propagates. With `scribble`, each
 * piece goes through one scratch buffer that is overwritten after every push, as a file
 * reader's buffer would be.
 */
export function parseCapture(
  bytes: Uint8Array, cuts: readonly number[] = [], scribble = false,
): ParseResult {
  const result: ParseResult = {
    records: [], interfaces: [], sections: [], names: [], statistics: [],
  };
  const parser = createCaptureParser({
    format: (_format, details) => result.sections.push(details),
    interface: (found) => result.interfaces.push(found),
    packet: (record) => result.records.push({ ...record, data: record.data.slice() }),
    names: (records) => result.names.push(...records),
    statistics: (statistics) => result.statistics.push(statistics),
  });
  let scratch = new Uint8Array(0);
  const pushPiece = (piece: Uint8Array) => {
    if (!scribble) return parser.push(piece);
    if (scratch.length < piece.length) scratch = new Uint8Array(piece.length);
    scratch.set(piece);
    parser.push(scratch.subarray(0, piece.length));
    scratch.fill(0xee);
  };
  try {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      if (cut > from) pushPiece(bytes.subarray(from, cut));
      from = Math.max(from, cut);
    }
    parser.end();
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    result.error = error;
  }
  return result;
}

/** A parse result in a form that compares quickly: packet bytes as base64. */
export function comparable(result: ParseResult): object {
  const records = result.records.map((record) => ({
    ...record, data: Buffer.from(record.data).toString('base64'),
  }));
  return { ...result, records, error: result.error && String(result.error) };
}

/** Seconds since the epoch to the nanosecond, as tshark prints frame.time_epoch. */
export function epochText(record: KeptRecord): string {
  if (!record.hasTimestamp) return '';
  return `${record.seconds}.${String(record.nanoseconds).padStart(9, '0')}`;
}

/** Runs an oracle (tshark, capinfos, tcpdump) in UTC and returns its stdout. */
export function runOracle(command: string, args: string[]): string {
  return execFileSync(command, args, {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** tshark's -T fields output as rows of columns. */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = ['-r', file, ...extra, '-T', 'fields',
    ...fields.flatMap((field) => ['-e', field])];
  const lines = runOracle('tshark', args).split('\n');
  // Only the final newline ends nothing; an empty line is a row whose fields are all empty.
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split('\t'));
}

export interface ManifestRow { [column: string]: string }

/** ../shared/conformance/pcapng/manifest.tsv, one object per row keyed by column name. */
export function manifestRows(): ManifestRow[] {
  if (!hasShared) return [];
  const text = readFileSync(path.join(conformanceRoot, 'manifest.tsv'), 'utf8');
  const [header, ...lines] = text.split('\n').filter((line) => line !== '');
  const columns = header.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, at) => [column, cells[at] ?? '']));
  });
}

/** The bytes of each packet as `tcpdump -xx` prints them. */
export function tcpdumpBytes(file: string): Uint8Array[] {
  const output = runOracle('tcpdump', ['-nn', '-xx', '-r', file]);
  const packets: number[][] = [];
  for (const line of output.split('\n')) {
    const match = /^\t0x[0-9a-f]+:\s+((?:[0-9a-f]{2,4} ?)+)/.exec(line);
    if (!match) {
      if (line !== '') packets.push([]);
      continue;
    }
    const hex = match[1].replace(/ /g, '');
    for (let at = 0; at < hex.length; at += 2) {
      packets.at(-1)!.push(parseInt(hex.slice(at, at + 2), 16));
    }
  }
  return packets.map((bytes) => Uint8Array.from(bytes));
}

export interface FileUnit { offset: number; length: number; name: string; isPacket: boolean }

/**
 * The file cut into its units (pcap records, pcapng blocks), walked here from the format's
 * definition rather than by the parser under test, to say where damage lands.
 */
export function fileUnits(bytes: Uint8Array): FileUnit[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const units: FileUnit[] = [];
  if (view.getUint32(0) === 0x0a0d0d0a) {
    const names: Record<number, string> = {
      0x0a0d0d0a: 'SHB', 1: 'IDB', 2: 'PB', 3: 'SPB', 4: 'NRB', 5: 'ISB', 6: 'EPB',
      0xbad: 'CB', 0x40000bad: 'DCB',
    };
    let little = true;
    for (let at = 0; at + 12 <= bytes.length;) {
      if (view.getUint32(at) === 0x0a0d0d0a) little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      const type = view.getUint32(at, little);
      const length = view.getUint32(at + 4, little);
      units.push({ offset: at, length, name: names[type], isPacket: [2, 3, 6].includes(type) });
      at += length;
    }
    return units;
  }
  const little = view.getUint32(0, true) === 0xa1b2c3d4 || view.getUint32(0, true) === 0xa1b23c4d;
  for (let at = 24; at + 16 <= bytes.length;) {
    const length = 16 + view.getUint32(at + 8, little);
    units.push({ offset: at, length, name: 'packet record', isPacket: true });
    at += length;
  }
  return units;
}
