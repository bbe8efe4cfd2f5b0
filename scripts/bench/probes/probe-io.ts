// What every probe shares: its one result line, garbage collection and memory samples.

/** The marker the runner looks for, so that log lines on stdout cannot be mistaken for it. */
export const RESULT_MARK = 'BENCH-RESULT ';

export function report(result: object): void {
  process.stdout.write(RESULT_MARK + JSON.stringify(result) + '\n');
}

/** Collects garbage when node runs with --expose-gc; the memory figures need it. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run this probe with node --expose-gc');
  gc();
  gc();
}

export interface MemorySample {
  rss: number;
  /** V8 heap plus ArrayBuffer storage: what our objects and typed arrays hold. */
  heapAndBuffers: number;
}

export function sampleMemory(): MemorySample {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapAndBuffers: usage.heapUsed + usage.arrayBuffers };
}

export function argument(index: number, what: string): string {
  const value = process.argv[2 + index];
  if (value === undefined) throw new Error(`missing argument ${index + 1}: ${what}`);
  return value;
}

/** Wall-clock and CPU time (user plus system, every thread of the process), in ms. */
export interface Sample {
  ms: number;
  cpuMs: number;
}

/** Starts a stopwatch; calling the result reads both clocks. */
export function startClock(): () => Sample {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
