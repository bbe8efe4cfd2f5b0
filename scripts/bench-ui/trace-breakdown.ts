// Where the renderer's main thread spent a run's time, from a Chromium trace: script, style,
// layout, paint. Says why frames are long without guessing.

import type { Browser, Page } from 'playwright-core';

const GROUPS: Record<string, string> = {
  FunctionCall: 'script', EvaluateScript: 'script', TimerFire: 'script',
  FireAnimationFrame: 'script', EventDispatch: 'script', RunMicrotasks: 'script',
  UpdateLayoutTree: 'style', ScheduleStyleRecalculation: 'style',
  Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint',
  UpdateLayer: 'paint', CompositeLayers: 'paint', Commit: 'paint',
  RasterTask: 'raster',
};

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number;
  tid: number; pid: number }

export interface TraceFigures {
  /** Main-thread self time (thread time) per group over the run, in ms. */
  groups: Record<string, number>;
  /**
   * CPU time of the renderer's main thread in each frame (from one animation frame to the
   * next), in ms: the work a frame costs, apart from time the thread waited for a core.
   */
  frameCpu: number[];
}

const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/** Thread time of the main thread's top-level tasks, summed between animation frames. */
function frameCpu(events: TraceEvent[]): number[] {
  const frames = events.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts)
    .sort((a, b) => a - b);
  const tasks = events.filter((e) => TASKS.has(e.name) && e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const cpu = new Array<number>(Math.max(0, frames.length - 1)).fill(0);
  let frame = 0;
  let lastEnd = -Infinity;
  for (const task of tasks) {
    if (task.ts < lastEnd) continue; // nested in a task already counted
    lastEnd = task.ts + (task.dur ?? 0);
    while (frame < frames.length - 1 && task.ts >= frames[frame + 1]) frame++;
    if (frame < cpu.length && task.ts >= frames[0]) cpu[frame] += task.tdur! / 1000;
  }
  return cpu;
}

/**
 * Each event's self time (its thread time less that of the grouped events inside it), so a
 * layout forced by script counts once, as layout, and nested script calls count once. Thread
 * time, not wall time: on a loaded machine the wall time also holds waits for a core.
 */
function selfTimes(events: TraceEvent[], totals: Record<string, number>): void {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const open: { end: number; group: string }[] = [];
  for (const event of sorted) {
    while (open.length > 0 && open[open.length - 1].end <= event.ts) open.pop();
    const group = GROUPS[event.name];
    const parent = open[open.length - 1];
    const cpu = (event.tdur ?? event.dur!) / 1000;
    if (parent) totals[parent.group] -= cpu;
    totals[group] = (totals[group] ?? 0) + cpu;
    open.push({ end: event.ts + event.dur!, group });
  }
}

/** The page's main thread: of the renderers' main threads, the one that did the most. */
function mainThread(events: TraceEvent[], grouped: TraceEvent[]):
  { pid: number; tid: number } | undefined {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' &&
    (e as TraceEvent & { args?: { name?: string } }).args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number; count: number } | undefined;
  for (const { pid, tid } of mains) {
    const count = grouped.filter((e) => e.pid === pid && e.tid === tid).length;
    if (!best || count > best.count) best = { pid, tid, count };
  }
  return best;
}

/** Runs `work` under tracing; returns where the page's main thread spent its time. */
export async function traceBreakdown(browser: Browser, page: Page, work: () => Promise<void>):
  Promise<TraceFigures> {
  await browser.startTracing(page, { categories: ['devtools.timeline',
    'disabled-by-default-devtools.timeline', 'toplevel'] });
  await work();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  const grouped = traceEvents.filter((e) => GROUPS[e.name] && e.ph === 'X' &&
    e.dur !== undefined);
  const main = mainThread(traceEvents, grouped);
  const totals: Record<string, number> = {};
  selfTimes(grouped.filter((e) => GROUPS[e.name] !== 'raster' && e.pid === main?.pid &&
    e.tid === main?.tid), totals);
  for (const event of grouped) {
    if (GROUPS[event.name] !== 'raster') continue;
    totals.raster = (totals.raster ?? 0) + event.dur! / 1000;
  }
  const onMain = traceEvents.filter((e) => e.pid === main?.pid && e.tid === main?.tid);
  return { groups: totals, frameCpu: frameCpu(onMain) };
}
