// Out-of-order, overlap, gap and memory-cap handling, built from real packets of the lossy
// capture; the expected bytes are the client's stream as tshark's follow,tcp,raw gives it.

import { describe, expect, it } from 'vitest';
import {
  type StreamSink, StreamReassembler,
} from '../../../src/engine/conversation/stream-reassembler';
import { hasFlag, TcpFlag, type TcpSegment } from '../../../src/engine/conversation/tcp-segment';
import { extractTcpSegment } from '../../../src/engine/conversation/tcp-segment-extractor';
import { readCapture, sharedAvailable, tsharkFollow } from './shared-captures';

const LOSSY = '09-lossy-dev.pcap';
const CLIENT_PORT = 57253;

interface Output {
  bytes: Buffer[];
  /** [stream offset where the hole starts, its length], in delivery order. */
  gaps: Array<[number, number]>;
  ends: string[];
  /** Gaps reported while packets were still arriving (before finish). */
  gapsBeforeFinish: number;
}

function collect(): { sink: StreamSink; output: Output } {
  const output: Output = { bytes: [], gaps: [], ends: [], gapsBeforeFinish: 0 };
  let offset = 0;
  const sink: StreamSink = {
    data(bytes) {
      output.bytes.push(Buffer.from(bytes));
      offset += bytes.length;
    },
    gap(length) {
      output.gaps.push([offset, length]);
      offset += length;
    },
    end(how) {
      output.ends.push(how);
    },
  };
  return { sink, output };
}

function loadClientSegments(): { segments: TcpSegment[]; expected: Buffer } {
  const segments: TcpSegment[] = [];
  let frame = 0;
  readCapture(LOSSY, (record) => {
    const segment = extractTcpSegment(record, ++frame);
    if (segment && segment.sourcePort === CLIENT_PORT) segments.push(segment);
  });
  const follow = tsharkFollow(LOSSY, 0);
  const expected = Buffer.concat(follow.turns.filter((turn) => turn.node === 0)
    .map((turn) => turn.bytes));
  return { segments, expected };
}

function run(segments: TcpSegment[], maxHeld?: number): Output {
  const { sink, output } = collect();
  const reassembler = new StreamReassembler(sink, maxHeld);
  for (const segment of segments) reassembler.accept(segment);
  output.gapsBeforeFinish = output.gaps.length;
  const last = segments.at(-1)!;
  reassembler.finish(last.frame, last.time);
  return output;
}

/** A segment carrying `payload` from stream offset `offset` of `base`'s connection. */
function reshaped(base: TcpSegment, isn: number, offset: number, payload: Uint8Array):
  TcpSegment {
  return { ...base, seq: (isn + 1 + offset) >>> 0, length: payload.length, payload,
    flags: TcpFlag.ACK | TcpFlag.PSH };
}

/** Deterministic shuffle (a small LCG), so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe.skipIf(!sharedAvailable)('stream reassembly on real segments', () => {
  const { segments, expected } = sharedAvailable ? loadClientSegments()
    : { segments: [], expected: Buffer.alloc(0) };
  const syn = segments.find((segment) => hasFlag(segment, TcpFlag.SYN))!;
  const data = segments.filter((segment) => segment.length > 0);
  const fin = segments.find((segment) => hasFlag(segment, TcpFlag.FIN))!;

  it('rebuilds the client stream from the capture order, retransmissions included', () => {
    expect(expected.length).toBeGreaterThan(200_000);
    const output = run(segments);
    expect(Buffer.concat(output.bytes).equals(expected)).toBe(true);
    expect(output.gaps).toEqual([]);
    expect(output.ends).toEqual(['fin']);
  });

  it('places segments that arrive in any order', () => {
    for (const seed of [1, 7, 42]) {
      const output = run([syn, ...shuffled(data, seed), fin]);
      expect(Buffer.concat(output.bytes).equals(expected)).toBe(true);
      expect(output.gaps).toEqual([]);
      expect(output.ends).toEqual(['fin']);
    }
  });

  it('resolves overlaps: each byte once, the copy delivered first wins', () => {
    const isn = syn.seq;
    const pieces: TcpSegment[] = [];
    const seen = new Set<number>();
    for (const segment of data) {
      if (seen.has(segment.seq)) continue;
      seen.add(segment.seq);
      const start = (segment.seq - isn - 1) >>> 0;
      const real = segment.payload;
      const third = Math.floor(segment.length / 3);
      if (third === 0) {
        pieces.push(segment);
        continue;
      }
      // The second copy overlaps the first by a third, and its overlapping bytes are
      // altered: they must never reach the output.
      const second = new Uint8Array(real.subarray(third));
      for (let i = 0; i < third; i++) second[i] ^= 0xff;
      pieces.push(reshaped(segment, isn, start, real.subarray(0, 2 * third)));
      pieces.push(reshaped(segment, isn, start + third, second));
    }
    const output = run([syn, ...pieces, fin]);
    expect(pieces.length).toBeGreaterThan(250);
    expect(output.gaps).toEqual([]);
    expect(Buffer.concat(output.bytes).equals(expected)).toBe(true);

    // Shuffled, the altered copies are often held first; they still lose the overlap,
    // because no altered byte sits at the start of a piece.
    const mixed = run([syn, ...shuffled(pieces, 3), fin]);
    expect(Buffer.concat(mixed.bytes).equals(expected)).toBe(true);
  });

  it('reports a hole as missing bytes and goes on after it', () => {
    const isn = syn.seq;
    const victim = data[40];
    const start = (victim.seq - isn - 1) >>> 0;
    const kept = segments.filter((segment) => segment.seq !== victim.seq || segment.length === 0);
    const output = run(kept);
    expect(output.gaps).toEqual([[start, victim.length]]);
    const rebuilt = Buffer.concat(output.bytes);
    expect(rebuilt.length).toBe(expected.length - victim.length);
    expect(rebuilt.subarray(0, start).equals(expected.subarray(0, start))).toBe(true);
    expect(rebuilt.subarray(start).equals(expected.subarray(start + victim.length))).toBe(true);
    expect(output.ends).toEqual(['fin']);
  });

  it('reports a hole at once when the receiver acknowledges past it', () => {
    const isn = syn.seq;
    const victim = data[40];
    const start = (victim.seq - isn - 1) >>> 0;
    const before = segments.filter((segment) => segment.seq !== victim.seq &&
      segment.frame < victim.frame + 40);
    const { sink, output } = collect();
    const reassembler = new StreamReassembler(sink);
    for (const segment of before) reassembler.accept(segment);
    expect(output.gaps).toEqual([]);
    const last = before.at(-1)!;
    // An ACK for bytes not yet seen is no proof of loss: the capture may hold it late.
    reassembler.acknowledge((last.seq + last.length + 5000) >>> 0, last.frame, last.time);
    expect(output.gaps).toEqual([[start, victim.length]]);
    const delivered = Buffer.concat(output.bytes).length + victim.length;
    expect(delivered).toBe(((last.seq + last.length - isn - 1) >>> 0));
  });

  it('gives up a hole once the held bytes pass the cap', () => {
    const isn = syn.seq;
    const victim = data[10];
    const start = (victim.seq - isn - 1) >>> 0;
    const kept = segments.filter((segment) => segment.seq !== victim.seq || segment.length === 0);
    const output = run(kept, 16 * 1024);
    expect(output.gapsBeforeFinish).toBe(1);
    expect(output.gaps).toEqual([[start, victim.length]]);
    expect(Buffer.concat(output.bytes).length).toBe(expected.length - victim.length);
  });

  it('ends a direction at RST, delivering what waited behind a hole', () => {
    const victim = data[5];
    const upTo = data.slice(0, 20).filter((segment) => segment.seq !== victim.seq);
    const last = upTo.at(-1)!;
    const reset = { ...last, flags: TcpFlag.RST | TcpFlag.ACK, length: 0,
      payload: new Uint8Array(0), seq: (last.seq + last.length) >>> 0 };
    const output = run([syn, ...upTo, reset]);
    expect(output.ends).toEqual(['rst']);
    expect(output.gaps.length).toBe(1);
    expect(output.gaps[0][1]).toBe(victim.length);
  });
});
