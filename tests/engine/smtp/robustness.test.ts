// Damaged input: flipped bytes, a short snapshot length, shuffled packets. No crash, no hang.

import { describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/engine/conversation/conversation-tracker';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { SmtpAnalyzer } from '../../../src/engine/smtp/smtp-analyzer';
import { sessionDialogue } from '../../../src/engine/smtp/smtp-session-text';
import {
  captureNames, readCapture, sharedAvailable, tsharkFollow,
} from '../conversation/shared-captures';
import { seededRandom } from '../../support/seeded-random';

function recordsOf(name: string): PacketRecord[] {
  const records: PacketRecord[] = [];
  readCapture(name, (record) => records.push({ ...record, data: record.data.slice() }));
  return records;
}

function analyze(records: PacketRecord[]) {
  const smtp = new SmtpAnalyzer();
  const tracker = new ConversationTracker(smtp);
  for (const record of records) tracker.packet(record);
  tracker.finish();
  const sessions = smtp.sessions();
  for (const session of sessions) sessionDialogue(session);
  return { sessions, conversations: tracker.conversations };
}

describe.skipIf(!sharedAvailable)('damaged captures', () => {
  for (const name of captureNames()) {
    it(`${name}: flipped bytes and shuffled packets end cleanly`, () => {
      const records = recordsOf(name);
      expect(records.length).toBeGreaterThan(10);
      for (const seed of [1, 2, 3]) {
        const next = seededRandom(seed);
        const damaged = records.map((record) => {
          const data = record.data.slice();
          for (let i = 0; i < 4; i++) data[Math.floor(next() * data.length)] ^= 0xff;
          return { ...record, data };
        });
        const shuffled = [...damaged].sort(() => next() - 0.5);
        const started = Date.now();
        expect(() => analyze(damaged)).not.toThrow();
        expect(() => analyze(shuffled)).not.toThrow();
        expect(Date.now() - started).toBeLessThan(5000);
      }
    });
  }

  it('09 cut to 200 bytes a packet: delivered plus missing equals the stream', () => {
    const name = '09-lossy-dev.pcap';
    const cut = recordsOf(name).map((record) => ({
      ...record, data: record.data.subarray(0, 200), capturedLength: 200,
    }));
    const { conversations, sessions } = analyze(cut);
    const follow = tsharkFollow(name, 0);
    const total = (node: number) => follow.turns.filter((turn) => turn.node === node)
      .reduce((sum, turn) => sum + turn.bytes.length, 0);
    const [conversation] = conversations;
    expect(conversation.missingBytes).toBeGreaterThan(150_000);
    expect(conversation.clientBytes + conversation.serverBytes + conversation.missingBytes)
      .toBe(total(0) + total(1));
    expect(sessions.length).toBeLessThanOrEqual(1);
  });
});
