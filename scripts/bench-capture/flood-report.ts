// Prints the flood bench's result: conditions first, then each figure beside its target,
// so a run read alone says what was measured and whether it met the bar.

import type { FloodResult } from './flood-sender';
import type { FrameRecord, LongFrame } from './frame-probe';
import { summaryCount } from './tcpdump-beside';

export interface CpuUse {
  /** CPU seconds each group of processes used from the flood's start to the end of drain. */
  groups: Record<string, number>;
  /** CPU seconds the whole machine was busy meanwhile, and the wall-clock seconds. */
  machine: number;
  wall: number;
}

export interface CaptureCounts {
  captured: number;
  received: number;
  droppedByKernel: number;
}

export function countsOf(summary: string): CaptureCounts {
  return {
    captured: summaryCount(summary, 'captured'),
    received: summaryCount(summary, 'received by filter'),
    droppedByKernel: summaryCount(summary, 'dropped by kernel'),
  };
}

const grouped = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '?');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The rate the captures actually saw. On lo the kernel hands every packet to a packet socket
 * twice (once leaving, once arriving); tcpdump's "received by filter" counts both and
 * libpcap keeps one, so the packets on the wire are half that count.
 */
export function reportRate(flood: FloodResult, tcpdump: CaptureCounts, target: number): void {
  const onWire = tcpdump.received / 2;
  const achieved = onWire / flood.seconds;
  console.log(`flood: the sender sent ${grouped(flood.sent)} packets in ` +
    `${flood.seconds.toFixed(2)} s (${grouped(flood.sent / flood.seconds)} pps; at worst ` +
    `${ms(flood.worstLagSeconds * 1000)} behind its schedule; ${flood.failedSends} sends ` +
    'retried)');
  console.log(`       tcpdump: ${grouped(tcpdump.received)} received by filter = ` +
    `${grouped(onWire)} packets (lo counts each twice, leaving and arriving)`);
  console.log(`       rate achieved: ${grouped(achieved)} pps over ${flood.seconds.toFixed(2)} s ` +
    `(target ${grouped(target)}): ${achieved >= target * 0.995 ? 'met' : 'MISSED'}`);
}

export function reportCaptures(ours: CaptureCounts, theirs: CaptureCounts, who: string): void {
  const rows: [string, number, number][] = [
    ['packets captured', ours.captured, theirs.captured],
    ['received by filter', ours.received, theirs.received],
    ['dropped by kernel', ours.droppedByKernel, theirs.droppedByKernel],
  ];
  console.log(`\n${''.padEnd(20)} ${who.padEnd(26)} tcpdump -w`);
  for (const [label, a, b] of rows) {
    console.log(`${label.padEnd(20)} ${grouped(a).padEnd(26)} ${grouped(b)}`);
  }
  const met = ours.droppedByKernel <= theirs.droppedByKernel &&
    ours.captured >= theirs.captured;
  console.log(`drops: Tapline ${grouped(ours.droppedByKernel)}, tcpdump ` +
    `${grouped(theirs.droppedByKernel)} (target: no more than tcpdump, and as many captured): ` +
    verdict(met));
}

function frameLine(record: FrameRecord, limitMs: number): string {
  const frames = record.intervals;
  const slow = frames.filter((interval) => interval >= limitMs).length;
  const longest = record.longTasks.length ? Math.max(...record.longTasks) : 0;
  return `${frames.length} frames: ` +
    [50, 95, 99].map((p) => `p${p} ${ms(percentile(frames, p))}`).join(', ') +
    `, max ${ms(Math.max(...frames))}; ${slow} at or over ${limitMs} ms; ` +
    `${record.longTasks.length} long tasks (over 50 ms), longest ${ms(longest)}` +
    longFramesLine(record);
}

/**
 * The page's own work in Chromium's long animation frames: a frame far longer than its
 * scripts and rendering waited for a core, or for another process, rather than worked.
 * Chromium lists only scripts of 5 ms or more, so `scripts` is a lower bound.
 */
function longFramesLine(record: FrameRecord): string {
  const frames = record.longFrames;
  if (frames.length === 0) return '; no long animation frames';
  const worked = (f: LongFrame) => f.script + f.render;
  const longest = frames.reduce((a, b) => (b.duration > a.duration ? b : a));
  const busiest = frames.reduce((a, b) => (worked(b) > worked(a) ? b : a));
  const describe = (f: LongFrame) => `${ms(f.duration)} (scripts ${ms(f.script)}, of which ` +
    `forced layout ${ms(f.forcedLayout)}; rendering ${ms(f.render)}` +
    (f.longestScript ? `; longest script from ${f.longestScript})` : ')');
  return `;\n    ${frames.length} long animation frames (over 50 ms): ` +
    `longest ${describe(longest)}, most work ${describe(busiest)}`;
}

/**
 * Frame times during the flood against the target, and before it (capture running, no
 * traffic) so that a slow frame can be told apart from a machine that is busy anyway.
 */
export function reportFrames(flood: FrameRecord, baseline: FrameRecord | undefined,
  limitMs: number): void {
  const slow = flood.intervals.filter((interval) => interval >= limitMs).length;
  console.log('\nrenderer frames (requestAnimationFrame intervals):');
  if (baseline) console.log(`  before the flood, ${frameLine(baseline, limitMs)}`);
  console.log(`  during the flood, ${frameLine(flood, limitMs)}`);
  console.log(`  target: every frame under ${limitMs} ms during the flood: ` +
    verdict(flood.intervals.length > 0 && slow === 0));
  const gaps = flood.countGaps;
  console.log(`status bar packet count changed ${gaps.length} times; longest wait between ` +
    `changes ${gaps.length ? ms(Math.max(...gaps)) : '-'} (the service sends at most ~10 a s)`);
}

/** Where the CPU went during the flood: ours, and everyone else's on a shared machine. */
export function reportCpu(cpu: CpuUse, flood: FloodResult): void {
  const ours = Object.values(cpu.groups).reduce((sum, seconds) => sum + seconds, 0) +
    flood.cpuSeconds;
  const parts = [`sender ${flood.cpuSeconds.toFixed(1)} (with most of lo's kernel work)`,
    ...Object.entries(cpu.groups).map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`),
    `everything else on the machine ${Math.max(0, cpu.machine - ours).toFixed(1)}`];
  console.log(`\nCPU seconds during the flood and drain (${cpu.wall.toFixed(1)} s wall; the ` +
    `machine was busy ${cpu.machine.toFixed(1)} CPU-s in all): ${parts.join(', ')}`);
}
