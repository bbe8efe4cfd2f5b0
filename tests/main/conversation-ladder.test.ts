// The conversation.* requests against tcpdump's own lines for the same packets.

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, toErrorShape } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import type { Ladder } from '../../src/shared/conversation-api';
import { hasSharedData, sharedCapture } from '../support/shared-data';

const relay = hasSharedData ? sharedCapture('01-seed-postfix-relay.pcap') : '';
const lossy = hasSharedData ? sharedCapture('09-lossy-dev.pcap') : '';

interface TcpdumpSegment { flags: string; seq?: number; ack?: number; length: number }

/** tcpdump -nn's flags, relative seq start, ack and length of every TCP packet, by number. */
function tcpdumpSegments(file: string): Map<number, TcpdumpSegment> {
  const text = execFileSync('tcpdump', ['-nn', '-#', '-r', file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  const found = new Map<number, TcpdumpSegment>();
  const pattern =
    /^\s*(\d+)\s.*Flags \[([^\]]+)\](?:, seq (\d+)(?::\d+)?)?(?:, ack (\d+))?.*, length (\d+)/;
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, number, flags, seq, ack, length] = match;
    found.set(Number(number), {
      flags, length: Number(length),
      ...(seq !== undefined ? { seq: Number(seq) } : {}),
      ...(ack !== undefined ? { ack: Number(ack) } : {}),
    });
  }
  return found;
}

describe.runIf(hasSharedData)('conversation ladder', () => {
  const service = new TaplineService();
  const dispatch = createDispatcher(service, { mode: 'web', version: 'test' });
  let ladder: Ladder;

  beforeAll(async () => {
    const { loaded } = await service.openPath(relay);
    await loaded;
    const { conversation } = await dispatch('conversation.forPacket', { number: 4 }) as
      { conversation: number };
    ladder = await dispatch('conversation.ladder', { conversation }) as Ladder;
  });
  afterAll(() => service.close());

  it('names the client and server and what each offered in its SYN', () => {
    expect(ladder.client).toBe('198.51.100.110.55166');
    expect(ladder.server).toBe('198.51.100.112.25');
    expect(ladder.clientOffer).toBe('mss 1460, wscale 10, sackOK, TS');
    expect(ladder.serverOffer).toBe('mss 1460, wscale 10, sackOK, TS');
    // SYN at .645767, the client's ACK at .645802.
    expect(ladder.handshakeMs).toBeCloseTo(0.035, 3);
  });

  it('marks the handshake, the data and the teardown in order', () => {
    const phases = ladder.segments.map((segment) => segment.phase);
    expect(phases.slice(0, 3)).toEqual(['handshake', 'handshake', 'handshake']);
    expect(phases[3]).toBe('data');
    expect(phases.at(-1)).toBe('teardown');
    const firstTeardown = phases.indexOf('teardown');
    expect(phases.slice(firstTeardown).every((phase) => phase === 'teardown')).toBe(true);
    expect(ladder.segments[0]).toMatchObject({ fromClient: true, flags: 'S', seq: 0 });
    expect(ladder.segments[1]).toMatchObject({ fromClient: false, flags: 'S.', ack: 1 });
  });

  it('gives every segment the flags, relative numbers and length tcpdump prints', () => {
    const expected = tcpdumpSegments(relay);
    expect(ladder.segments.length).toBeGreaterThan(10);
    for (const segment of ladder.segments) {
      const line = expected.get(segment.packet)!;
      expect(line, `packet ${segment.packet}`).toBeDefined();
      expect(segment.flags, `packet ${segment.packet}`).toBe(line.flags);
      expect(segment.length, `packet ${segment.packet}`).toBe(line.length);
      // tcpdump prints SYNs' numbers absolute; the ladder starts every side at 0.
      if (line.seq !== undefined && !line.flags.includes('S')) {
        expect(segment.seq, `packet ${segment.packet}`).toBe(line.seq);
      }
      if (line.ack !== undefined && !line.flags.includes('S')) {
        expect(segment.ack, `packet ${segment.packet}`).toBe(line.ack);
      }
    }
  });

  it('answers a clear error for a conversation that does not exist', async () => {
    const error = await dispatch('conversation.ladder', { conversation: 9999 })
      .catch(toErrorShape);
    expect(error).toMatchObject({ code: 'NO_SUCH_CONVERSATION' });
  });
});

describe.runIf(hasSharedData)('expert notes on a lossy link', () => {
  const service = new TaplineService();
  afterAll(() => service.close());

  it('puts reassembly notes in the detail tree and on the ladder', async () => {
    const { loaded } = await service.openPath(lossy);
    await loaded;
    await service.conversations.forPacket(1);
    const count = service.status().packetCount;
    const noted: number[] = [];
    for (let number = 1; number <= count; number++) {
      const layers = await service.packetDetail(number);
      if (layers.some((layer) => layer.name === 'tcp.analysis')) noted.push(number);
    }
    expect(noted.length).toBeGreaterThan(0);
    const conversation = (await service.conversations.forPacket(noted[0]))!;
    const ladder = await service.conversations.ladder(conversation);
    const segment = ladder.segments.find((each) => each.packet === noted[0])!;
    expect(segment.notes.length).toBeGreaterThan(0);
  });
});
