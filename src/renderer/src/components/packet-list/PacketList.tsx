// The packet list: a virtual grid that draws only the rows in view.

import {
  useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type ReactElement,
} from 'react';
import { flushSync } from 'react-dom';
import { compileRules, matchRule } from '../../format/colour-match';
import { listedCount, useAppStore } from '../../store/app-store';
import { useColourRules } from '../../store/colour-rules-store';
import { useMarks } from '../../store/marks-store';
import { usePrefs } from '../../store/prefs-store';
import type { TimeContext } from './columns';
import { ListHeader } from './ListHeader';
import { usePacketContextMenu } from './PacketContextMenu';
import { PacketRowView, ROW_HEIGHT } from './PacketRowView';
import { RowCache } from './row-cache';
import { useTimeOrigin } from './use-time-origin';

// Rows drawn beyond each edge of the view. Rows are drawn before the frame is painted (see
// onScroll), so a few suffice; each one more is style and layout in every scrolled frame.
const OVERSCAN = 4;

export function PacketList() {
  const packetCount = useAppStore((s) => listedCount(s.status));
  const generation = useAppStore((s) => s.generation);
  const selected = useAppStore((s) => s.selected);
  const select = useAppStore((s) => s.select);
  const report = useAppStore((s) => s.report);
  const reveal = useAppStore((s) => s.reveal);
  const documentId = useAppStore((s) => s.status.documentId);
  const allColumns = usePrefs((s) => s.columns);
  const timeFormat = usePrefs((s) => s.timeFormat);
  const rules = useColourRules((s) => s.rules);
  const colouring = useColourRules((s) => s.enabled);
  const marks = useMarks((s) => (s.documentId === documentId ? s.marked : undefined));
  const origin = useTimeOrigin();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(() => new RowCache(redraw, report), [report]);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const capturing = useAppStore((s) => s.status.capture?.running ?? false);
  // During a capture the list follows the newest packet until the user scrolls away.
  const following = useRef(true);
  const columns = useMemo(() => allColumns.filter((c) => !c.hidden), [allColumns]);
  const compiled = useMemo(() => (colouring ? compileRules(rules) : []), [rules, colouring]);

  useEffect(() => {
    cache.clear();
    redraw();
  }, [generation, cache]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = viewport.current;
    if (capturing && following.current && element) {
      element.scrollTop = element.scrollHeight;
    }
  }, [packetCount, capturing]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(packetCount - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => {
    if (packetCount > 0) cache.want(Math.max(0, first - 1), last, packetCount);
  });

  const scrollToRow = (index: number) => {
    const element = viewport.current;
    const top = index * ROW_HEIGHT;
    if (element && (top < element.scrollTop || top + ROW_HEIGHT > element.scrollTop + height)) {
      element.scrollTop = top - height / 2;
    }
  };

  // The selection is a packet number; keys move through the list's rows, filtered or not.
  const selectedRow = useRef(-1);
  const choose = useMemo(() => (index: number, number: number) => {
    selectedRow.current = index;
    select(number);
    useAppStore.setState({ selectedRow: index });
  }, [select]);

  useEffect(() => {
    if (!reveal) return;
    selectedRow.current = reveal.index;
    scrollToRow(reveal.index);
    // Only a new request scrolls; resizing the pane must not jump back.
  }, [reveal]);

  // A packet chosen elsewhere (a packet number in the SMTP view) is scrolled into view.
  // Known gap: under a display filter its row is not known here, so the list stays put.
  const filtered = useAppStore((s) => s.status.displayFilter !== undefined);
  useEffect(() => {
    if (selected === 0 || filtered || cache.row(selectedRow.current)?.number === selected) return;
    selectedRow.current = selected - 1;
    useAppStore.setState({ selectedRow: selected - 1 });
    scrollToRow(selected - 1);
  }, [selected, filtered, cache]);

  const menu = usePacketContextMenu(choose);
  const moveSelection = (event: KeyboardEvent) => {
    if (menu.onKey(event)) return;
    const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const steps: Record<string, number> = {
      ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows,
      Home: -packetCount, End: packetCount,
    };
    const step = steps[event.key];
    if (!step || packetCount === 0 || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    const next = Math.min(packetCount - 1, Math.max(0, selectedRow.current + step));
    scrollToRow(next);
    const row = cache.row(next);
    if (row) choose(next, row.number);
    // A row not loaded yet is selected once its page arrives.
    else cache.whenLoaded(next, (loaded) => choose(next, loaded.number));
  };

  // Stable between renders, so rows that did not change are not drawn again.
  const time: TimeContext = useMemo(() => ({ format: timeFormat, origin }),
    [timeFormat, origin]);
  const rows: ReactElement[] = [];
  // Keyed by slot, not by row: a row scrolled out hands its elements to the one scrolled in,
  // so scrolling updates text rather than building and dropping elements every frame.
  const slots = last - first + 1;
  for (let index = first; index <= last; index++) {
    const row = cache.row(index);
    rows.push(<PacketRowView key={index % slots} index={index} row={row} columns={columns}
      time={time}
      previous={timeFormat === 'delta' ? cache.row(index - 1)?.time : undefined}
      selected={row !== undefined && row.number === selected}
      marked={row !== undefined && (marks?.has(row.number) ?? false)}
      colour={row && compiled.length > 0 ? matchRule(compiled, row) : undefined}
      onSelect={choose} />);
  }
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const active = selectedRow.current >= first && selectedRow.current <= last
    ? `packet-row-${selectedRow.current}` : undefined;

  return (
    <div className="packet-list" role="grid" aria-label="Packets"
      aria-rowcount={packetCount} aria-colcount={columns.length}
      aria-activedescendant={active} tabIndex={0} onKeyDown={moveSelection}
      onContextMenu={menu.onContextMenu}>
      <div className="packet-list-viewport" ref={viewport}
        onScroll={(event) => {
          const element = event.currentTarget;
          // Drawn now, before this frame is painted: a later render shows a frame of rows
          // from the old position, blank where the new ones belong.
          flushSync(() => setScrollTop(element.scrollTop));
          following.current =
            element.scrollTop + element.clientHeight >= element.scrollHeight - 2 * ROW_HEIGHT;
        }}>
        <div className="packet-list-sticky" style={{ width }}>
          <ListHeader columns={columns} />
        </div>
        <div style={{ height: packetCount * ROW_HEIGHT, position: 'relative', minWidth: width }}>
          {rows}
        </div>
      </div>
      {menu.element}
    </div>
  );
}
