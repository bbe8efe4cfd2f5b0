// Real frames cut at every length and with bytes flipped: extraction never throws, never
// reads past the captured bytes, and a cut frame gives what its whole frame gave, or nothing.

import { describe, expect, it } from 'vitest';
import type { TcpSegment } from '../../../src/engine/conversation/tcp-segment';
import { extractTcpSegment } from '../../../src/engine/conversation/tcp-segment-extractor';
import { DecodeContext } from '../../../src/engine/decode/decode-context';
import { locateTcp } from '../../../src/engine/decode/tcp-locate';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { captureNames, readCapture, sharedAvailable } from './shared-captures';

/** Frames per capture: enough for every kind of segment, few enough to stay fast. */
const FRAMES_PER_CAPTURE = 40;
const FLIPS_PER_FRAME = 200;

function tcpFrames(): PacketRecord[] {
  const frames: PacketRecord[] = [];
  for (const name of captureNames()) {
    let kept = 0;
    readCapture(name, (record) => {
      if (kept >= FRAMES_PER_CAPTURE || !extractTcpSegment(record, 1)) return;
      frames.push({ ...record, data: record.data.slice() });
      kept++;
    });
  }
  return frames;
}

/** Where the payload starts and the captured payload ends in the whole frame. */
function payloadSpan(record: PacketRecord): { start: number; end: number } {
  const ctx = new DecodeContext();
  ctx.begin(record.data);
  const tcp = locateTcp(ctx, record.linkType)!;
  const start = tcp.tcpAt + tcp.tcpHeaderLength;
  return { start, end: Math.min(ctx.r.end, tcp.tcpAt + tcp.tcpLength) };
}

/** Everything but the payload, which is compared as a prefix. */
function headerOf(segment: TcpSegment): Omit<TcpSegment, 'payload'> & { payload?: unknown } {
  return { ...segment, payload: undefined };
}

describe.skipIf(!sharedAvailable)('TCP segments from cut and damaged frames', () => {
  const frames = tcpFrames();

  it('a frame cut anywhere gives the whole header and a prefix of the payload, or nothing',
    () => {
      expect(frames.length).toBeGreaterThan(100);
      for (const record of frames) {
        const whole = extractTcpSegment(record, 1)!;
        const span = payloadSpan(record);
        for (let cut = 0; cut <= record.data.length; cut++) {
          const segment = extractTcpSegment({ ...record, data: record.data.subarray(0, cut) }, 1);
          if (cut < span.start) {
            expect(segment).toBeUndefined();
            continue;
          }
          expect(headerOf(segment!)).toEqual(headerOf(whole));
          const kept = Math.min(cut, span.end) - span.start;
          expect(Buffer.from(segment!.payload).equals(Buffer.from(whole.payload.subarray(0, kept))))
            .toBe(true);
        }
      }
    });

  it('flipped bytes never make it throw or reach past what was captured', () => {
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state;
    };
    let extracted = 0;
    for (const record of frames) {
      for (let round = 0; round < FLIPS_PER_FRAME; round++) {
        const data = record.data.slice(0, 1 + (next() % record.data.length));
        // Damage falls in the first 80 bytes, where the headers are.
        for (let i = 0; i < 3; i++) data[next() % Math.min(80, data.length)] = next() & 0xff;
        const segment = extractTcpSegment({ ...record, data }, 1);
        if (!segment) continue;
        extracted++;
        expect(segment.payload.length).toBeLessThanOrEqual(segment.length);
        expect(segment.payload.length).toBeLessThanOrEqual(data.length);
      }
    }
    // Most damage leaves a readable header: the loop really exercised extraction.
    expect(extracted).toBeGreaterThan(frames.length * FLIPS_PER_FRAME / 10);
  });
});
