// The ladder itself: the two hosts' lines and an arrow per segment, only the rows in view
// drawn, so five thousand segments scroll as smoothly as fifteen. Up/Down move between
// arrows; Enter or a click selects that arrow's packet in the packet list.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState,
  type KeyboardEvent } from 'react';
import type { Ladder } from '../../../../shared/conversation-api';
import { useAppStore } from '../../store/app-store';
import { LadderArrow, LadderMarkers } from './LadderArrow';
import {
  ARROW_HEIGHT, HEADING_HEIGHT, layoutLadder, PHASE_TITLES, scrollToShow, visibleRows,
} from './ladder-rows';

/** Selects a packet as the packet list would, scrolling the list to it when it is listed. */
function selectPacket(packet: number): void {
  const state = useAppStore.getState();
  state.select(packet);
  if (!state.status.displayFilter) state.revealRow(packet - 1);
}

const PAGE_ROWS = 10;

function nextIndex(key: string, current: number, count: number): number | null {
  const step: Record<string, number> = {
    ArrowDown: 1, ArrowUp: -1, PageDown: PAGE_ROWS, PageUp: -PAGE_ROWS,
    Home: -count, End: count,
  };
  if (!(key in step)) return null;
  return Math.min(count - 1, Math.max(0, current + step[key]));
}

export function LadderDiagram({ ladder, openedFrom }: { ladder: Ladder; openedFrom: number }) {
  const selected = useAppStore((s) => s.selected);
  const layout = useMemo(() => layoutLadder(ladder.segments), [ladder]);
  const indexOfPacket = useMemo(() => new Map(ladder.segments.map(
    (segment, index) => [segment.packet, index])), [ladder]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [active, setActive] = useState(() => indexOfPacket.get(openedFrom) ?? 0);
  const focusActive = useRef(false);

  /** Scrolls an arrow into view: just enough when stepping, to the middle when jumping. */
  const reveal = useCallback((index: number, centre: boolean) => {
    const element = scroller.current;
    const row = layout.rows[layout.rowOfSegment[index]];
    if (!element || !row) return;
    const { scrollTop, clientHeight } = element;
    const shown = scrollToShow(row, scrollTop, clientHeight);
    if (shown === null) return;
    if (centre) {
      element.scrollTop = Math.max(0, row.top - (clientHeight - ARROW_HEIGHT) / 2);
      return;
    }
    // Going up to an arrow that opens a phase shows the phase's heading too.
    const before = layout.rows[layout.rowOfSegment[index] - 1];
    const opensPhase = before?.kind === 'heading' && shown === row.top;
    element.scrollTop = opensPhase ? before.top : shown;
  }, [layout]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A packet chosen elsewhere (the list, Go to packet…) that is in this ladder comes into view.
  useEffect(() => {
    const index = indexOfPacket.get(selected);
    if (index === undefined) return;
    setActive(index);
    reveal(index, true);
  }, [selected, indexOfPacket, reveal]);

  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    scroller.current?.querySelector<HTMLElement>(`.ladder-arrow[data-index="${active}"]`)
      ?.focus({ preventScroll: true });
  }, [active]);

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextIndex(event.key, active, ladder.segments.length);
    if (next === null) return;
    event.preventDefault();
    focusActive.current = true;
    reveal(next, false);
    setActive(next);
  };

  const choose = useCallback((index: number) => {
    setActive(index);
    selectPacket(ladder.segments[index].packet);
  }, [ladder]);

  const { first, last } = visibleRows(layout, view.top, view.height);
  const shown = layout.rows.slice(first, last);
  // The focused arrow stays drawn while scrolled away, so the keyboard never loses it.
  const activeRow = layout.rows[layout.rowOfSegment[active]];
  if (activeRow && !shown.includes(activeRow)) shown.push(activeRow);

  return (
    <div className="ladder-scroller" ref={scroller} onKeyDown={onKeyDown}
      onScroll={(event) => setView({ top: event.currentTarget.scrollTop,
        height: event.currentTarget.clientHeight })}>
      <LadderMarkers />
      <div className="ladder-content" style={{ height: layout.height }}>
        <div className="ladder-lifeline client" aria-hidden="true" />
        <div className="ladder-lifeline server" aria-hidden="true" />
        {shown.map((row) => row.kind === 'heading'
          ? (
            <div key={`h${row.top}`} className="ladder-phase" data-phase={row.phase}
              role="heading" aria-level={3} style={{ top: row.top, height: HEADING_HEIGHT }}>
              {PHASE_TITLES[row.phase]}
            </div>
          )
          : (
            <LadderArrow key={row.index} segment={row.segment} index={row.index} top={row.top}
              selected={row.segment.packet === selected} active={row.index === active}
              onChoose={choose} />
          ))}
      </div>
    </div>
  );
}
