// The packet list: a virtual grid that draws only the rows in view.

import {
  useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent,
  type ReactElement,
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
  const absoluteSequence = usePrefs((s) => s.absoluteSequence);
  const rules = useColourRules((s) => s.rules);
  const colouring = useColourRules((s) => s.enabled);
  const marks = useMarks((s) => (s.documentId === documentId ? s.marked : undefined));
  const origin = useTimeOrigin();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const cache = useMemo(() => new RowCache(redraw, report), [report]);
  const viewport = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const headerHeight = useRef(0);
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
    cache.setAbsoluteSequence(absoluteSequence);
    redraw();
  }, [absoluteSequence, cache]);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      headerHeight.current = header.current?.offsetHeight ?? 0;
      setHeight(element.clientHeight);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The scroll position that shows the last of `count` rows, from the count alone: reading
  // the list's layout to find it would lay out the grown list once more in every update.
  const bottomTop = (count: number) =>
    Math.max(0, count * ROW_HEIGHT + headerHeight.current - height);
  const windowAt = (top: number, count: number) => ({
    first: Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN),
    last: Math.min(count - 1, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN),
  });

  // Following a capture, the list moves to a newer tail once its rows are held, so no frame
  // shows the tail's rows as placeholders; until then it stays on the last tail shown. The
  // tail asked for is kept until it arrives, not replaced by every newer count: when rows
  // take longer to come than the counts do, the list still moves once per round trip.
  const followed = useRef(0);
  const tailAsked = useRef(0);
  const follow = capturing && following.current;
  const tailHeld = (count: number) => {
    const tail = windowAt(bottomTop(count), count);
    return cache.holds(Math.max(0, tail.first - 1), tail.last, count);
  };
  let shownCount = packetCount;
  if (follow && followed.current > 0 && followed.current < packetCount &&
    !tailHeld(packetCount)) {
    const asked = tailAsked.current;
    shownCount = asked > followed.current && asked < packetCount && tailHeld(asked)
      ? asked : followed.current;
  }
  followed.current = follow ? shownCount : 0;
  const top = follow ? bottomTop(shownCount) : scrollTop;
  const { first, last } = windowAt(top, shownCount);
  useEffect(() => {
    // The rows either side of a followed tail would be fetched again at every move.
    if (shownCount > 0) cache.want(Math.max(0, first - 1), last, shownCount, !follow);
    if (shownCount < packetCount) {
      // Asked again once shown, or when a new capture's count is below an old one's.
      if (tailAsked.current <= shownCount || tailAsked.current > packetCount) {
        tailAsked.current = packetCount;
      }
      const count = tailAsked.current;
      const tail = windowAt(bottomTop(count), count);
      cache.want(Math.max(0, tail.first - 1), tail.last, count, false);
    }
  });

  // One scroll, set before paint, to where the rows just drawn are; the scroll event it
  // raises finds the list still following and draws nothing more.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (follow && element && Math.abs(element.scrollTop - top) >= 1) element.scrollTop = top;
  }, [follow, top]);

  // When the capture stops, the list draws from its own scroll position again.
  useLayoutEffect(() => {
    if (!capturing && viewport.current) setScrollTop(viewport.current.scrollTop);
  }, [capturing]);

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
          const position = event.currentTarget.scrollTop;
          following.current = position >= bottomTop(shownCount) - 2 * ROW_HEIGHT;
          // Following a capture, the rows for the bottom are drawn already.
          if (capturing && following.current) return;
          // Drawn now, before this frame is painted: a later render shows a frame of rows
          // from the old position, blank where the new ones belong.
          flushSync(() => {
            setScrollTop(position);
            // Leaving the bottom of a capture: the rows drawn were the newest, not these.
            if (capturing) redraw();
          });
        }}>
        <div className="packet-list-sticky" ref={header} style={{ width }}>
          <ListHeader columns={columns} />
        </div>
        <div style={{ height: shownCount * ROW_HEIGHT, position: 'relative', minWidth: width }}>
          {rows}
        </div>
      </div>
      {menu.element}
    </div>
  );
}
