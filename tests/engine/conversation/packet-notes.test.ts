// Per-packet notes on the lossy capture against tshark's TCP analysis flags.

import { describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/engine/conversation/conversation-tracker';
import type { PacketNote } from '../../../src/engine/conversation/packet-note';
import { captureNames, readCapture, sharedAvailable, tsharkFields } from './shared-captures';

function framesWith(notes: Map<number, PacketNote[]>, wanted: PacketNote[]): number[] {
  return [...notes].filter(([, list]) => list.some((note) => wanted.includes(note)))
    .map(([frame]) => frame).sort((a, b) => a - b);
}

function tsharkFrames(name: string, filter: string): number[] {
  return tsharkFields(name, ['frame.number'], filter).map((row) => Number(row['frame.number']));
}

describe.skipIf(!sharedAvailable)('packet notes against tshark', () => {
  for (const name of captureNames()) {
    it(`${name}: retransmissions, duplicate ACKs, missing segments as tshark flags them`,
      (context) => {
        const notes = new Map<number, PacketNote[]>();
        const tracker = new ConversationTracker({
          segment(_conversation, segment, _from, list) {
            if (list.length > 0) notes.set(segment.frame, [...list]);
          },
        });
        if (!readCapture(name, (record) => tracker.packet(record))) {
          return context.skip(`${name}: our capture parser cannot read it yet`);
        }
        tracker.finish();

        // tshark tells a retransmission from an out-of-order segment by timing; the capture
        // point decides which one it really was, so the two are compared together.
        const resent = tsharkFrames(name, 'tcp.analysis.retransmission or ' +
          'tcp.analysis.fast_retransmission or tcp.analysis.spurious_retransmission or ' +
          'tcp.analysis.out_of_order');
        expect(framesWith(notes, ['retransmission', 'out-of-order'])).toEqual(resent);
        expect(framesWith(notes, ['duplicate-ack']))
          .toEqual(tsharkFrames(name, 'tcp.analysis.duplicate_ack'));
        expect(framesWith(notes, ['missing-segment']))
          .toEqual(tsharkFrames(name, 'tcp.analysis.lost_segment'));
        expect(framesWith(notes, ['zero-window']))
          .toEqual(tsharkFrames(name, 'tcp.analysis.zero_window'));
        if (name.startsWith('09-')) expect(resent.length).toBeGreaterThan(20);
      });
  }
});
