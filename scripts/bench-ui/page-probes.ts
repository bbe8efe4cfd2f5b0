// Measurements that run inside the page: frame times while scrolling, time to show a packet.
/// <reference lib="dom" />

export interface ScrollRun {
  frames: number[];
  /** Frames in which some row in view still showed its placeholder. */
  blankFrames: number;
  /** From the last scroll step until every row in view was filled, in ms. */
  settleMs: number;
}

/**
 * Moves the packet list from its top to `toRow` in `steps` frames, one step per animation
 * frame, and records the time between frames. Runs in the page (passed to page.evaluate).
 */
export function scrollProbe(args: { fromRow: number; toRow: number; steps: number;
  rowHeight: number }): Promise<ScrollRun> {
  const viewport = document.querySelector<HTMLElement>('.packet-list-viewport')!;
  // A row in view is blank when the list has not drawn it yet or still shows its placeholder.
  const blanks = () => {
    const first = Math.floor(viewport.scrollTop / args.rowHeight);
    const count = Math.ceil(viewport.clientHeight / args.rowHeight) - 1;
    for (let index = first; index < first + count; index++) {
      if (!document.getElementById(`packet-row-${index}`)?.dataset.number) return true;
    }
    return false;
  };
  viewport.scrollTop = args.fromRow * args.rowHeight;
  const frames: number[] = [];
  let blankFrames = 0;
  return new Promise((done) => {
    let step = 0;
    let last = performance.now();
    const frame = (now: number) => {
      frames.push(now - last);
      last = now;
      if (blanks()) blankFrames++;
      step++;
      const row = args.fromRow + ((args.toRow - args.fromRow) * step) / args.steps;
      viewport.scrollTop = row * args.rowHeight;
      if (step < args.steps) return requestAnimationFrame(frame);
      const stopped = performance.now();
      const settle = () => {
        if (!blanks() || performance.now() - stopped > 120_000) {
          return done({ frames: frames.slice(1), blankFrames,
            settleMs: performance.now() - stopped });
        }
        requestAnimationFrame(settle);
      };
      requestAnimationFrame(settle);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(frame); });
  });
}

/** Clicks the row of packet `number` (in view) and waits until tree and bytes show it. */
export function selectProbe(number: number): Promise<number> {
  const row = document.querySelector<HTMLElement>(`.packet-row[data-number="${number}"]`);
  if (!row) return Promise.reject(new Error(`packet ${number} is not in view`));
  const filled = () => document.querySelector(`.hex-pane[data-packet="${number}"] .hex-row`) &&
    document.querySelector(`.detail-tree[data-packet="${number}"] [role=treeitem]`);
  return new Promise((done) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (!filled()) return;
      observer.disconnect();
      done(performance.now() - started);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    row.click();
  });
}
