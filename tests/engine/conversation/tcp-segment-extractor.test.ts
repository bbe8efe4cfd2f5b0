// Every TCP segment reassembly extracts, field by field against tshark's reading of the same
// frame: the real SMTP captures, and tcpdump's own test files that hold TCP.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TcpSegment } from '../../../src/engine/conversation/tcp-segment';
import { extractTcpSegment } from '../../../src/engine/conversation/tcp-segment-extractor';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { capturesDir, sharedDir } from './shared-captures';

const conformanceDir = path.join(sharedDir, 'conformance', 'tcpdump');
const FIELDS = ['frame.number', 'ip.src', 'ip.dst', 'ipv6.src', 'ipv6.dst', 'tcp.srcport',
  'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.window_size_value',
  'tcp.len', 'tcp.options.mss_val', 'tcp.options.wscale.shift',
  'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr'];

/** Our segments by frame number, as far as the capture parser could read the file. */
function ourSegments(file: string): Map<number, TcpSegment> {
  const segments = new Map<number, TcpSegment>();
  let frame = 0;
  try {
    const parser = createCaptureParser({
      packet(record) {
        const segment = extractTcpSegment(record, ++frame);
        if (segment) segments.set(frame, segment);
      },
    });
    parser.push(new Uint8Array(readFileSync(file)));
    parser.end();
  } catch {
    // Damaged files are the capture parser's tests; what was read before still counts.
  }
  return segments;
}

const run = promisify(execFile);
/** tshark runs at once: each spends most of its time starting up. */
const TSHARK_AT_ONCE = 4;

/** tshark's first (outermost) TCP layer of every frame that has one, by frame number. */
async function tsharkSegments(file: string): Promise<Map<number, string[]>> {
  const { stdout: out } = await run('tshark', ['-r', file, '-Y', 'tcp', '-T', 'fields',
    '-E', 'occurrence=f', ...FIELDS.flatMap((field) => ['-e', field])],
  { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const rows = new Map<number, string[]>();
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const values = line.split('\t');
    rows.set(Number(values[0]), values);
  }
  return rows;
}

/** Our segment written as tshark's fields, empty where tshark shows nothing. */
function asTsharkRow(frame: number, segment: TcpSegment): string[] {
  const v4 = segment.ipVersion === 4;
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return [String(frame), v4 ? segment.source : '', v4 ? segment.destination : '',
    v4 ? '' : segment.source, v4 ? '' : segment.destination, String(segment.sourcePort),
    String(segment.destinationPort), String(segment.seq), String(segment.ack),
    `0x${segment.flags.toString(16).padStart(3, '0')}`, String(segment.window),
    String(segment.length), text(segment.options.mss), text(segment.options.windowScale),
    text(segment.options.timestamp?.value), text(segment.options.timestamp?.echoReply)];
}

async function compare(file: string, everyFrame: boolean): Promise<number> {
  const ours = ourSegments(file);
  const theirs = await tsharkSegments(file);
  for (const [frame, segment] of ours) {
    // tshark 4.0 shows the reserved bits with the flags; we keep the eight flag bits.
    const row = theirs.get(frame)?.map((value, i) =>
      (FIELDS[i] === 'tcp.flags' ? `0x${(Number(value) & 0xff).toString(16)
        .padStart(3, '0')}` : value));
    expect(row, `${path.basename(file)} frame ${frame}`).toEqual(asTsharkRow(frame, segment));
  }
  // In the real captures every TCP frame is whole: nothing tshark reads may be missed.
  if (everyFrame) expect([...ours.keys()]).toEqual([...theirs.keys()]);
  return ours.size;
}

/** Compares every file, a few tshark runs at a time; the number of segments compared. */
async function compareAll(files: string[], everyFrame: boolean): Promise<number> {
  let segments = 0;
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      // Awaited first: `segments += await …` would add to a total read before the wait.
      const compared = await compare(file, everyFrame);
      segments += compared;
    }
  };
  await Promise.all(Array.from({ length: TSHARK_AT_ONCE }, worker));
  return segments;
}

function pcapsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => /\.pcap(ng)?$/.test(name)).sort()
    .map((name) => path.join(dir, name));
}

describe.skipIf(!existsSync(capturesDir))('TCP segments against tshark', () => {
  it('real SMTP captures: every TCP frame, every field', async () => {
    const segments = await compareAll(pcapsIn(capturesDir), true);
    expect(segments).toBeGreaterThan(500);
  });

  it.skipIf(!existsSync(conformanceDir))(
    "tcpdump's test files (VLAN, cooked, raw IP, IPv6 options, malformed): the same fields",
    async () => {
      // Only files where we find TCP go to tshark, to keep this test to seconds; frames
      // we skip (fragments, TCP quoted in ICMP, tunnels, cut headers) are not compared.
      const files = pcapsIn(conformanceDir).filter((file) => ourSegments(file).size > 0);
      const segments = await compareAll(files, false);
      expect(files.length).toBeGreaterThan(10);
      expect(segments).toBeGreaterThan(300);
    });
});
