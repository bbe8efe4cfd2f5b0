// Conversation numbers, handshake facts and reassembled streams against tshark, on real captures.

import { describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/engine/conversation/conversation-tracker';
import { handshakeRtt } from '../../../src/engine/conversation/handshake';
import type { Side, TcpConversation } from '../../../src/engine/conversation/tcp-conversation';
import {
  captureNames, readCapture, sharedAvailable, tsharkFields, tsharkFollow,
} from './shared-captures';

interface Turn {
  side: Side;
  bytes: Buffer;
}

function track(name: string) {
  const frameStream = new Map<number, number>();
  const turns = new Map<TcpConversation, Turn[]>();
  const gaps: number[] = [];
  let frame = 0;
  const tracker = new ConversationTracker({
    data(conversation, side, bytes) {
      const list = turns.get(conversation) ?? [];
      turns.set(conversation, list);
      const last = list.at(-1);
      if (last && last.side === side) last.bytes = Buffer.concat([last.bytes, bytes]);
      else list.push({ side, bytes: Buffer.from(bytes) });
    },
    gap(_conversation, _side, length) {
      gaps.push(length);
    },
  });
  const supported = readCapture(name, (record) => {
    frame++;
    const conversation = tracker.packet(record);
    if (conversation) frameStream.set(frame, conversation.number);
  });
  tracker.finish();
  return { supported, frameStream, turns, gaps, conversations: tracker.conversations };
}

function endpointText(point: { address: string; port: number }): string {
  return point.address.includes(':') ? `[${point.address}]:${point.port}`
    : `${point.address}:${point.port}`;
}

describe.skipIf(!sharedAvailable)('TCP conversations against tshark', () => {
  for (const name of captureNames()) {
    it(`${name}: every TCP frame has tshark's tcp.stream number`, (context) => {
      const ours = track(name);
      if (!ours.supported) return context.skip(`${name}: our capture parser cannot read it yet`);
      const rows = tsharkFields(name, ['frame.number', 'tcp.stream'], 'tcp');
      expect(rows.length).toBeGreaterThan(0);
      const theirs = new Map(rows.map((row) => [Number(row['frame.number']),
        Number(row['tcp.stream'])]));
      expect(ours.frameStream).toEqual(theirs);
    });

    it(`${name}: handshake options and initial RTT equal tshark's`, (context) => {
      const ours = track(name);
      if (!ours.supported) return context.skip(`${name}: our capture parser cannot read it yet`);
      const syns = tsharkFields(name, ['tcp.stream', 'tcp.flags.ack', 'tcp.options.mss_val',
        'tcp.options.wscale.shift', 'tcp.options.sack_perm', 'tcp.options.timestamp.tsval'],
      'tcp.flags.syn == 1');
      expect(syns.length).toBeGreaterThan(0);
      for (const syn of syns) {
        const conversation = ours.conversations[Number(syn['tcp.stream'])];
        const facts = conversation.handshake;
        const offer = syn['tcp.flags.ack'] === '1' ? facts.server : facts.client;
        expect(offer?.mss).toBe(Number(syn['tcp.options.mss_val']));
        expect(offer?.windowScale).toBe(syn['tcp.options.wscale.shift'] === '' ? undefined
          : Number(syn['tcp.options.wscale.shift']));
        expect(offer?.sackPermitted).toBe(syn['tcp.options.sack_perm'] !== '');
        expect(offer?.timestamps).toBe(syn['tcp.options.timestamp.tsval'] !== '');
      }
      const rtts = tsharkFields(name, ['tcp.stream', 'tcp.analysis.initial_rtt'],
        'tcp.analysis.initial_rtt');
      const seen = new Set<number>();
      for (const row of rtts) {
        const stream = Number(row['tcp.stream']);
        if (seen.has(stream)) continue;
        seen.add(stream);
        const rtt = handshakeRtt(ours.conversations[stream].handshake);
        expect(rtt).toBeCloseTo(Number(row['tcp.analysis.initial_rtt']), 6);
      }
      expect(seen.size).toBeGreaterThan(0);
    });

    it(`${name}: reassembled bytes, turn by turn, equal tshark's follow,tcp,raw`, (context) => {
      const ours = track(name);
      if (!ours.supported) return context.skip(`${name}: our capture parser cannot read it yet`);
      expect(ours.gaps).toEqual([]);
      for (const conversation of ours.conversations) {
        const follow = tsharkFollow(name, conversation.number);
        const nodeOfClient = follow.nodes[0] === endpointText(conversation.client) ? 0 : 1;
        expect(follow.nodes[nodeOfClient]).toBe(endpointText(conversation.client));
        const expected = follow.turns.map((turn) => ({
          side: turn.node === nodeOfClient ? 'client' : 'server',
          bytes: turn.bytes.toString('hex'),
        }));
        const actual = (ours.turns.get(conversation) ?? []).map((turn) => ({
          side: turn.side, bytes: turn.bytes.toString('hex'),
        }));
        expect(actual.length).toBe(expected.length);
        expect(actual).toEqual(expected);
      }
    });
  }
});
