// Runs in the page (through page.evaluate): records the time between animation frames and
// when the status bar's packet count changed, until asked for the result.
/// <reference lib="dom" />

export interface FrameRecord {
  /** Milliseconds between consecutive animation frames. */
  intervals: number[];
  /** Milliseconds between consecutive changes of the packet count the page shows. */
  countGaps: number[];
  /** Main-thread tasks over 50 ms that Chromium reported, in ms. */
  longTasks: number[];
  /** Chromium's long animation frames (over 50 ms): what the page's main thread did in them. */
  longFrames: LongFrame[];
}

/** Milliseconds of a long animation frame, and of the page's own work within it. */
export interface LongFrame {
  duration: number;
  /** Scripts run in the frame (event handlers, callbacks, timers), forced layout included. */
  script: number;
  /** Of `script`, style and layout that the scripts forced. */
  forcedLayout: number;
  /** Rendering the frame at its end: animation callbacks, style, layout, paint. */
  render: number;
  /** What started the longest script: an event, a callback, a promise. */
  longestScript: string;
}

interface LongFrameEntry extends PerformanceEntry {
  renderStart: number;
  scripts: {
    duration: number; forcedStyleAndLayoutDuration: number; invoker: string;
    sourceFunctionName: string;
  }[];
}

interface ProbeWindow extends Window {
  floodProbe?: { record: FrameRecord; running: boolean; observer: PerformanceObserver };
}

export function startFrameProbe(): void {
  const record: FrameRecord = { intervals: [], countGaps: [], longTasks: [], longFrames: [] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === 'longtask') {
        record.longTasks.push(entry.duration);
        continue;
      }
      const frame = entry as LongFrameEntry;
      const sum = (pick: (s: LongFrameEntry['scripts'][number]) => number) =>
        frame.scripts.reduce((total, script) => total + pick(script), 0);
      record.longFrames.push({
        duration: frame.duration, script: sum((s) => s.duration),
        forcedLayout: sum((s) => s.forcedStyleAndLayoutDuration),
        render: frame.renderStart > 0 ? frame.startTime + frame.duration - frame.renderStart : 0,
        longestScript: frame.scripts.reduce<LongFrameEntry['scripts'][number] | undefined>(
          (a, b) => (!a || b.duration > a.duration ? b : a), undefined)?.invoker ?? '',
      });
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  const probe = { record, running: true, observer };
  (window as ProbeWindow).floodProbe = probe;
  const shownCount = () => document.querySelector('[data-testid="packet-count"]')?.textContent;
  let shown = shownCount();
  let lastFrame = -1;
  let lastChange = performance.now();
  const frame = (now: number) => {
    if (lastFrame >= 0) record.intervals.push(now - lastFrame);
    lastFrame = now;
    // Reading the text each frame costs little and shows when the page last heard news.
    const text = shownCount();
    if (text !== shown) {
      shown = text;
      record.countGaps.push(now - lastChange);
      lastChange = now;
    }
    if (probe.running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export function stopFrameProbe(): FrameRecord {
  const probe = (window as ProbeWindow).floodProbe;
  if (!probe) throw new Error('the frame probe was not started');
  probe.running = false;
  probe.observer.disconnect();
  return probe.record;
}

/** The highest packet number among the rows drawn now: the list follows when it is the last. */
export function lastDrawnRow(): number {
  const rows = document.querySelectorAll<HTMLElement>('.packet-row[data-number]');
  let highest = 0;
  for (const row of rows) highest = Math.max(highest, Number(row.dataset.number));
  return highest;
}

/** Scrolls the packet list to its top, which makes it stop following the newest packet. */
export function scrollListToTop(): void {
  const viewport = document.querySelector('.packet-list-viewport');
  if (!viewport) throw new Error('no packet list in the page');
  viewport.scrollTop = 0;
}
