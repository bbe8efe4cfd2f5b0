// The pass over a whole capture that the detail tree's TCP notes start must keep out of the
// way of the page's requests (a selection on two shared cores took twice as long beside it),
// yet finish with the same answer, and run at full speed once a conversation.* request
// waits for it. Timings are compared with the same pass run alone, never with fixed ms.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import { writeRepeatedCapture } from '../support/repeated-capture';
import { hasSharedData, sharedCapture } from '../support/shared-data';

const PACKETS = 200_000;
const PROBES = [1, 1_234, PACKETS / 2 + 17, PACKETS - 3, PACKETS];

describe.runIf(hasSharedData)('the background conversation pass', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tapline-background-pass-'));
  const file = join(folder, 'lossy-200k.pcap');
  const service = new TaplineService();
  const dispatch = createDispatcher(service, { mode: 'web', version: 'test' });
  /** What the pass finds when awaited from the start, and how long it took alone. */
  let reference: unknown[] = [];
  let aloneMs = 0;

  const open = async () => { await (await service.openPath(file)).loaded; };
  const conversationsOf = () => Promise.all(PROBES.map((number) =>
    dispatch('conversation.forPacket', { number })));
  /** Asks for packet details one after another for `ms`; each one's time to answer. */
  const selectFor = async (ms: number) => {
    const times: number[] = [];
    for (const until = performance.now() + ms; performance.now() < until;) {
      const started = performance.now();
      await dispatch('packets.detail', { number: 1 + (times.length * 7_919) % PACKETS });
      times.push(performance.now() - started);
    }
    return times;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

  beforeAll(async () => {
    // The lossy capture has retransmissions and duplicate ACKs: notes to find.
    await writeRepeatedCapture(sharedCapture('09-lossy-dev.pcap'), file, PACKETS);
    await open();
    const started = performance.now();
    reference = await conversationsOf();
    aloneMs = performance.now() - started;
  }, 120_000);
  afterAll(async () => {
    await service.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('waits while packets are being selected, then finishes with the same answer',
    async () => {
      await open();
      await dispatch('packets.detail', { number: 1 }); // starts the pass, as the page does
      expect(service.conversations.notesReady()).toBe(false);

      // Twice as long as the whole pass takes alone, the service answers one selection after
      // another: had the pass run beside them it would be done by the end.
      const times = await selectFor(Math.max(2 * aloneMs, 1_000));
      expect(service.conversations.notesReady()).toBe(false);
      expect(times.length).toBeGreaterThan(10);
      expect(median(times)).toBeLessThan(aloneMs / 10);

      const quietFrom = performance.now();
      while (!service.conversations.notesReady()) {
        expect(performance.now() - quietFrom).toBeLessThan(20 * aloneMs + 10_000);
        await new Promise((done) => setTimeout(done, 20));
      }
      expect(await conversationsOf()).toEqual(reference);
      // And the detail tree now has reassembly's notes: the lossy capture has some in each copy.
      const noted = [];
      for (let number = 1; number <= 400; number++) {
        const { layers } = await dispatch('packets.detail', { number }) as
          { layers: { name: string }[] };
        if (layers.some((layer) => layer.name === 'tcp.analysis')) noted.push(number);
      }
      expect(noted.length).toBeGreaterThan(0);
    }, 180_000);

  it('runs at full speed once a conversation request waits for it, selections or not',
    async () => {
      await open();
      await dispatch('packets.detail', { number: 1 });
      let settled = false;
      const awaited = conversationsOf().finally(() => { settled = true; });
      const started = performance.now();
      while (!settled && performance.now() - started < 10 * aloneMs + 5_000) {
        await selectFor(50);
      }
      expect(settled).toBe(true);
      expect(await awaited).toEqual(reference);
    }, 180_000);
});
