// The ladder as a column of fixed-height rows: a heading where the phase changes, then one
// row per segment. Fixed heights let the diagram draw only the rows in view.

import type { LadderSegment } from '../../../../shared/conversation-api';

export const HEADING_HEIGHT = 22;
export const ARROW_HEIGHT = 40;

export type Phase = LadderSegment['phase'];

export const PHASE_TITLES: Record<Phase, string> = {
  handshake: 'Handshake',
  data: 'Data',
  teardown: 'Teardown',
};

export type LadderRow =
  | { kind: 'heading'; phase: Phase; top: number }
  | { kind: 'arrow'; segment: LadderSegment; index: number; top: number };

export interface LadderLayout {
  rows: LadderRow[];
  /** The row of each segment, by the segment's index. */
  rowOfSegment: number[];
  height: number;
}

export function layoutLadder(segments: readonly LadderSegment[]): LadderLayout {
  const rows: LadderRow[] = [];
  const rowOfSegment: number[] = [];
  let top = 0;
  let phase: Phase | null = null;
  segments.forEach((segment, index) => {
    if (segment.phase !== phase) {
      phase = segment.phase;
      rows.push({ kind: 'heading', phase, top });
      top += HEADING_HEIGHT;
    }
    rowOfSegment.push(rows.length);
    rows.push({ kind: 'arrow', segment, index, top });
    top += ARROW_HEIGHT;
  });
  return { rows, rowOfSegment, height: top };
}

function rowHeight(row: LadderRow): number {
  return row.kind === 'heading' ? HEADING_HEIGHT : ARROW_HEIGHT;
}

/** The first row whose bottom is below `y`: rows are sorted by `top`. */
function rowAt(rows: readonly LadderRow[], y: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle].top + rowHeight(rows[middle]) <= y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Rows [first, last) to draw for a viewport, with a few extra on each side for scrolling. */
export function visibleRows(layout: LadderLayout, scrollTop: number, viewHeight: number,
  overscan = 8): { first: number; last: number } {
  const first = Math.max(0, rowAt(layout.rows, scrollTop) - overscan);
  const last = Math.min(layout.rows.length,
    rowAt(layout.rows, scrollTop + viewHeight) + 1 + overscan);
  return { first, last };
}

/** The scroll position that brings a row fully into view, or null when it already is. */
export function scrollToShow(row: LadderRow, scrollTop: number, viewHeight: number):
  number | null {
  const bottom = row.top + rowHeight(row);
  if (row.top < scrollTop) return row.top;
  if (bottom > scrollTop + viewHeight) return Math.max(0, bottom - viewHeight);
  return null;
}

/**
 * The arrow's words, as tcpdump puts them: "P. seq 1:35 ack 1 len 34". Like tcpdump, a bare
 * ACK shows no sequence number; unlike it, SYNs' numbers are relative too (0).
 */
export function segmentLabel(segment: LadderSegment): string {
  const { flags, seq, ack, length } = segment;
  const parts = [flags];
  if (length > 0) parts.push(`seq ${seq}:${(seq + length) >>> 0}`);
  else if (/[SFR]/.test(flags)) parts.push(`seq ${seq}`);
  if (flags.includes('.')) parts.push(`ack ${ack}`);
  parts.push(`len ${length}`);
  return parts.join(' ');
}

/** Seconds since the conversation began, to the microsecond, as "+0.014954". */
export function segmentTime(seconds: number): string {
  return `+${seconds.toFixed(6)}`;
}
