// Turns the UI benchmark's measurements into percentiles and prints them against the targets.

import type { ScrollRun } from './page-probes';
import type { TraceFigures } from './trace-breakdown';

export interface FrameSummary {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  blankFrames: number;
  settleMs: number;
}

export type TracedRun = FrameSummary & { trace: TraceFigures };

export interface BenchFigures {
  packets: number;
  /** One-minute load average before and after: other work on the machine skews frames. */
  load: [number, number];
  cores: number;
  firstRowsMs: number;
  idle: TracedRun;
  wheel: TracedRun;
  pages: TracedRun;
  sweep: TracedRun;
  /** ms from click to tree and bytes shown, one per selection. */
  selections: number[];
  /** Main-thread self time per group over the selections (scrolls to them included). */
  selectTrace: Record<string, number>;
  /** CPU ms of the renderer and the service processes per selection, every thread. */
  selectCpuMs: { renderer: number; service: number };
  /** The same selections again once the service's background work was done. */
  quiet: { afterMs: number; selections: number[]; serviceCpuMs: number };
  heapStart: { used: number; afterGc: number };
  heapEnd: { used: number; afterGc: number };
  /** Resident memory at the end: the page's renderer process and the web-mode service. */
  rendererMb: number;
  serviceMb: number;
  vsync: boolean;
  chromium: string;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(run: ScrollRun): FrameSummary {
  return {
    frames: run.frames.length, p50: percentile(run.frames, 50), p95: percentile(run.frames, 95),
    max: Math.max(...run.frames), blankFrames: run.blankFrames, settleMs: run.settleMs,
  };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** The figures as Markdown lines, for the console and docs/BENCHMARK.md. */
export function writeReport(f: BenchFigures): string {
  // With vsync a frame on time is one 16.7 ms interval, which the target means by 16 ms.
  const onTime = f.vsync ? 1000 / 60 + 0.5 : 16;
  // Standing still is the floor the other rows are read against, not a target.
  const frames = (name: string, s: TracedRun, floor = false) => {
    const cpu = s.trace.frameCpu;
    return `| ${name} | ${s.frames} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ` +
      `${floor ? '(floor)' : verdict(s.p95 < onTime)} | ${ms(percentile(cpu, 50))} | ` +
      `${ms(percentile(cpu, 95))} | ` +
      `${ms(Math.max(...cpu))} | ${s.blankFrames} | ${ms(s.settleMs)} |`;
  };
  const perFrame = (s: TracedRun) => Object.entries(s.trace.groups)
    .map(([group, total]) => `${group} ${(total / s.frames).toFixed(1)} ms`).join(', ');
  const select95 = percentile(f.selections, 95);
  const heap = Math.max(f.heapStart.used, f.heapEnd.used);
  return [
    `Packets: ${f.packets.toLocaleString('en-US')}; open to first rows: ${f.firstRowsMs} ms; ` +
      `load average ${f.load[0].toFixed(1)} → ${f.load[1].toFixed(1)} on ${f.cores} cores; ` +
      `headless Chromium ${f.chromium}, software rendering, ` +
      (f.vsync ? 'vsync on' : 'vsync off and no frame-rate limit'),
    '',
    `| scroll | frames | frame p50 | frame p95 | frame max | p95 < ${onTime.toFixed(0)} ms | ` +
      'main-thread CPU p50 | CPU p95 | CPU max | frames with blank rows | rows filled after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    frames('none: the list standing still', f.idle, true),
    frames('wheel: 3 rows a frame, rows 1–1,800', f.wheel),
    frames('fling: 33 rows a frame, rows 1–20,000', f.pages),
    frames('sweep, top to bottom', f.sweep),
    '',
    `Main thread per frame (traced, self thread time): wheel ${perFrame(f.wheel)}; ` +
      `fling ${perFrame(f.pages)}; sweep ${perFrame(f.sweep)}`,
    '',
    `Select a packet until tree and bytes are shown (${f.selections.length} selections, ` +
      `top, middle, bottom): p50 ${ms(percentile(f.selections, 50))}, p95 ${ms(select95)}, ` +
      `max ${ms(Math.max(...f.selections))}: p95 < 50 ms ${verdict(select95 < 50)}; ` +
      `CPU per selection: renderer ${ms(f.selectCpuMs.renderer)}, ` +
      `service ${ms(f.selectCpuMs.service)}; renderer main thread per selection (traced, ` +
      `scrolls to them included): ` + Object.entries(f.selectTrace).map(([group, total]) =>
      `${group} ${(total / f.selections.length).toFixed(1)} ms`).join(', '),
    `The same once the service was quiet (${(f.quiet.afterMs / 1000).toFixed(1)} s later): ` +
      `p50 ${ms(percentile(f.quiet.selections, 50))}, ` +
      `p95 ${ms(percentile(f.quiet.selections, 95))}, ` +
      `max ${ms(Math.max(...f.quiet.selections))}; service CPU per selection ` +
      `${ms(f.quiet.serviceCpuMs)}`,
    `JS heap: ${f.heapStart.used.toFixed(1)} MB after opening ` +
      `(${f.heapStart.afterGc.toFixed(1)} MB after GC), ${f.heapEnd.used.toFixed(1)} MB at the ` +
      `end (${f.heapEnd.afterGc.toFixed(1)} MB after GC); renderer process ` +
      `${f.rendererMb.toFixed(0)} MB resident: < 300 MB ` +
      `${verdict(heap < 300 && f.rendererMb < 300)}`,
    `Web-mode service (the packet index of the file): ${f.serviceMb.toFixed(0)} MB resident`,
  ].join('\n');
}
