// The timestamp column against Debian's tcpdump, live, for every -t style with and without
// --nano, on the suite's time edge cases and on files with deliberately odd time fields.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import {
  TimestampFormatter, packetTime, timestampStyleForCount,
} from '../../../src/engine/print/timestamp';
import {
  conformanceDir, linesOf, readCapture, sharedDataMissing, tcpdump,
} from '../../cli/helpers/oracle';

const skip = sharedDataMissing();
const workDir = mkdtempSync(path.join(tmpdir(), 'tapline-timestamp-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A classic pcap whose records carry exactly the given raw 32-bit time fields. */
function craftPcap(name: string, nanoMagic: boolean, times: Array<[number, number]>): string {
  // An Ethernet header with an unknown EtherType: tcpdump prints it on one short line.
  const frame = new Uint8Array(14);
  frame[12] = 0x88;
  frame[13] = 0xb5;
  const bytes = new Uint8Array(24 + times.length * (16 + frame.length));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, nanoMagic ? 0xa1b23c4d : 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true);
  let at = 24;
  for (const [seconds, fraction] of times) {
    view.setUint32(at, seconds, true);
    view.setUint32(at + 4, fraction, true);
    view.setUint32(at + 8, frame.length, true);
    view.setUint32(at + 12, frame.length, true);
    bytes.set(frame, at + 16);
    at += 16 + frame.length;
  }
  const file = path.join(workDir, name);
  writeFileSync(file, bytes);
  return file;
}

function crafted(): string[] {
  return [
    // Signed seconds, gaps of more than a day, a time far past 2038, going backwards.
    craftPcap('signed-seconds.pcap', false, [
      [0x7fffffff, 5], [0x80000000, 3], [0xffffffff, 0], [10, 0], [100000, 0], [100, 999999],
    ]),
    // An all-zero time is "no reference yet" for the delta styles.
    craftPcap('zero-times.pcap', false, [[0, 0], [5, 0], [0, 0], [7, 0], [8, 1]]),
    // Nanosecond fields that are negative as signed values or larger than a second.
    craftPcap('odd-nanos.pcap', true, [
      [100, 5], [5, 0xffffff00], [200, 0x80000000], [300, 1999999999], [301, 0],
    ]),
    craftPcap('odd-micros.pcap', false, [
      [1000, 999999], [1000, 1000000], [1001, 0xfffffff0], [90000, 12], [1, 1],
    ]),
  ];
}

function suiteFiles(): string[] {
  const names = [
    'timestamp_invalid_micro.pcap', 'tcp-handshake-nano.pcap', 'time_2038.pcap',
    'time_2038_overflow.pcap', 'time_2039.pcap', 'time_2106.pcap', 'time_2106_max.pcap',
    'time_2106_overflow.pcapng',
  ];
  return names.map((name) => path.join(conformanceDir, name));
}

/**
 * Our column for every packet in every style, keyed "tCount nano", glued to tcpdump's -t
 * line (the packet without a time). Computed inside the parser's callback, where the record
 * is still the parser's own view, as it is in the CLI.
 */
function ourLines(file: string, rest: string[]): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const formatters: Array<[string, TimestampFormatter, boolean]> = [];
  for (let tCount = 0; tCount <= 5; tCount++) {
    for (const nano of [false, true]) {
      const style = timestampStyleForCount(tCount);
      formatters.push([`${tCount} ${nano}`, new TimestampFormatter({ style, nano }), nano]);
      lines.set(`${tCount} ${nano}`, []);
    }
  }
  let classicPcap = false;
  const ticks = new Map<number, number>();
  let index = 0;
  const parser = createCaptureParser({
    format(format) { classicPcap = format === 'pcap'; },
    interface(captureInterface) {
      ticks.set(captureInterface.id, captureInterface.ticksPerSecond);
    },
    packet(record) {
      const source = { classicPcap, ticksPerSecond: ticks.get(record.interfaceId) ?? 1e6 };
      for (const [key, formatter, nano] of formatters) {
        lines.get(key)!.push(formatter.format(packetTime(record, source, nano)) + rest[index]);
      }
      index += 1;
    },
  });
  parser.push(new Uint8Array(readFileSync(file)));
  parser.end();
  return lines;
}

describe.skipIf(skip)('timestamp column, compared live with tcpdump (TZ=UTC)', () => {
  const files = skip ? [] : [...suiteFiles(), ...crafted()];

  for (const file of files) {
    it(path.basename(file), (context) => {
      const capture = readCapture(file);
      if (capture.error && capture.records.length === 0) {
        // pcapng arrives with the pcapng parser; until then the file cannot be checked here.
        console.log(`${path.basename(file)}: our parser cannot read it yet ` +
          `(${capture.error.message}); skipped`);
        context.skip();
      }
      const rest = linesOf(tcpdump(['-n', '-t', '-r', file]).stdout);
      expect(rest.length).toBe(capture.records.length);

      const ours = ourLines(file, rest);
      for (let tCount = 0; tCount <= 5; tCount++) {
        for (const nano of [false, true]) {
          const args = ['-n', ...(tCount ? ['-' + 't'.repeat(tCount)] : [])];
          if (nano) args.push('--nano');
          const expected = linesOf(tcpdump([...args, '-r', file]).stdout);
          const label = `${args.join(' ')} ${path.basename(file)}`;
          expect(ours.get(`${tCount} ${nano}`), label).toEqual(expected);
        }
      }
    });
  }
});

describe('timestamp styles', () => {
  it('maps -t counts to tcpdump styles and clamps extra flags', () => {
    expect(timestampStyleForCount(0)).toBe('time');
    expect(timestampStyleForCount(4)).toBe('date-time');
    expect(timestampStyleForCount(9)).toBe('delta-first');
  });
});
