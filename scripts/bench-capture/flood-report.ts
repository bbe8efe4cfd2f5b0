// Prints the flood bench's result: conditions first, then each figure beside its target,
// so a run read alone says what was measured and whether it met the bar.

import type { FloodResult } from './flood-sender';
import type { FrameRecord } from './frame-probe';
import { summaryCount } from './tcpdump-beside';

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

export function reportFrames(record: FrameRecord, limitMs: number): void {
  const frames = record.intervals;
  const slow = frames.filter((interval) => interval >= limitMs).length;
  console.log(`\nrenderer frames during the flood (${frames.length} frames, ` +
    'requestAnimationFrame intervals): ' +
    [50, 95, 99].map((p) => `p${p} ${ms(percentile(frames, p))}`).join(', ') +
    `, max ${ms(Math.max(...frames))}; ${slow} at or over ${limitMs} ms ` +
    `(target: all under ${limitMs} ms): ${verdict(frames.length > 0 && slow === 0)}`);
  const longest = record.longTasks.length ? Math.max(...record.longTasks) : 0;
  console.log(`renderer long tasks (over 50 ms): ${record.longTasks.length}, longest ` +
    `${ms(longest)}`);
  const gaps = record.countGaps;
  console.log(`status bar packet count changed ${gaps.length} times; longest wait between ` +
    `changes ${gaps.length ? ms(Math.max(...gaps)) : '-'} (the service sends at most ~10 a s)`);
}
