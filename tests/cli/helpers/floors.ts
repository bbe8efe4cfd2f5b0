// Floors for oracle comparisons: the fewest identical lines a case may have without failing.
// TAPLINE_UPDATE_FLOORS=1 raises them to today's counts (never lowers them).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type Floors = Record<string, number>;

export function readFloors(file: string): Floors {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Floors : {};
}

export function raiseFloors(file: string, counts: Floors): void {
  if (process.env.TAPLINE_UPDATE_FLOORS !== '1') return;
  const floors = readFloors(file);
  for (const [name, count] of Object.entries(counts)) {
    floors[name] = Math.max(floors[name] ?? 0, count);
  }
  const sorted = Object.fromEntries(Object.entries(floors).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
}
