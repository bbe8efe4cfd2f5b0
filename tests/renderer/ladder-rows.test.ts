// The ladder's rows for a real lossy conversation: headings where the phase changes, and the
// rows drawn for any scroll position cover the view and no more than a few rows around it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import {
  ARROW_HEIGHT, HEADING_HEIGHT, layoutLadder, scrollToShow, segmentLabel, visibleRows,
  type LadderLayout,
} from '../../src/renderer/src/components/conversation/ladder-rows';
import type { Ladder, LadderSegment } from '../../src/shared/conversation-api';
import { seededRandom } from '../support/seeded-random';
import { hasSharedData, sharedCapture } from '../support/shared-data';

function bottom(layout: LadderLayout, row: number): number {
  const each = layout.rows[row];
  return each.top + (each.kind === 'heading' ? HEADING_HEIGHT : ARROW_HEIGHT);
}

describe.runIf(hasSharedData)('ladder rows', () => {
  const service = new TaplineService();
  let ladder: Ladder;
  let layout: LadderLayout;

  beforeAll(async () => {
    const { loaded } = await service.openPath(sharedCapture('09-lossy-dev.pcap'));
    await loaded;
    ladder = await service.conversations.ladder((await service.conversations.forPacket(1))!);
    layout = layoutLadder(ladder.segments);
  });
  afterAll(() => service.close());

  it('puts a heading before each run of one phase, and every segment once, in order', () => {
    const headings = layout.rows.flatMap((row) => (row.kind === 'heading' ? [row.phase] : []));
    const runs = ladder.segments.map((segment) => segment.phase)
      .filter((phase, index, all) => index === 0 || all[index - 1] !== phase);
    expect(headings).toEqual(runs);
    expect(headings).toEqual(['handshake', 'data', 'teardown']);
    const arrows = layout.rows.flatMap((row) => (row.kind === 'arrow' ? [row.segment] : []));
    expect(arrows).toEqual(ladder.segments);
    layout.rowOfSegment.forEach((row, index) => {
      expect(layout.rows[row]).toMatchObject({ kind: 'arrow', index });
    });
    expect(layout.height).toBe(bottom(layout, layout.rows.length - 1));
  });

  it('draws the rows that cover the view, with at most the overscan around them', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 500; trial++) {
      const viewHeight = 50 + Math.floor(random() * 900);
      const scrollTop = Math.floor(random() * Math.max(1, layout.height - viewHeight));
      const { first, last } = visibleRows(layout, scrollTop, viewHeight, 0);
      expect(layout.rows[first].top).toBeLessThanOrEqual(scrollTop);
      expect(bottom(layout, last - 1)).toBeGreaterThanOrEqual(
        Math.min(layout.height, scrollTop + viewHeight));
      expect(last - first).toBeLessThanOrEqual(Math.ceil(viewHeight / HEADING_HEIGHT) + 2);
      const padded = visibleRows(layout, scrollTop, viewHeight, 8);
      expect(first - padded.first).toBeLessThanOrEqual(8);
      expect(padded.last - last).toBeLessThanOrEqual(8);
    }
  });

  it('scrolls just enough to show a row, and not at all when it is in view', () => {
    const row = layout.rows[layout.rowOfSegment[100]];
    expect(scrollToShow(row, row.top, 400)).toBeNull();
    expect(scrollToShow(row, row.top + 1, 400)).toBe(row.top);
    expect(scrollToShow(row, 0, row.top)).toBe(ARROW_HEIGHT);
  });

  it('labels arrows with tcpdump\'s words', () => {
    const base: Omit<LadderSegment, 'flags' | 'seq' | 'ack' | 'length'> =
      { packet: 1, time: 0, fromClient: true, phase: 'data', notes: [] };
    expect(segmentLabel({ ...base, flags: 'P.', seq: 1, ack: 1, length: 34 }))
      .toBe('P. seq 1:35 ack 1 len 34');
    expect(segmentLabel({ ...base, flags: '.', seq: 35, ack: 24, length: 0 }))
      .toBe('. ack 24 len 0');
    expect(segmentLabel({ ...base, flags: 'S', seq: 0, ack: 0, length: 0 }))
      .toBe('S seq 0 len 0');
    expect(segmentLabel({ ...base, flags: 'F.', seq: 737, ack: 275, length: 0 }))
      .toBe('F. seq 737 ack 275 len 0');
    // Relative numbers wrap at 2^32 as TCP's do.
    expect(segmentLabel({ ...base, flags: 'P.', seq: 0xfffffff0, ack: 1, length: 32 }))
      .toBe(`P. seq ${0xfffffff0}:16 ack 1 len 32`);
  });
});
