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
}

interface ProbeWindow extends Window {
  floodProbe?: { record: FrameRecord; running: boolean; observer: PerformanceObserver };
}

export function startFrameProbe(): void {
  const record: FrameRecord = { intervals: [], countGaps: [], longTasks: [] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
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
