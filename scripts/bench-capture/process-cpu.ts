// CPU time used by the processes around the bench, read from /proc, so a run shows where
// the machine's time went during the flood (2 cores give 2 CPU-seconds per second).

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout)
  || 100;

interface ProcessTimes {
  pid: number;
  parent: number;
  name: string;
  seconds: number;
}

function readProcess(pid: number): ProcessTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; the fields after it are numbers.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      parent: Number(fields[1]),
      name: stat.slice(stat.indexOf('(') + 1, close),
      seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined; // it ended between listing and reading
  }
}

export function readParent(pid: number): number | undefined {
  return readProcess(pid)?.parent;
}

/** Whether `pid` is `root` or runs under it (other users' Chromiums are not ours). */
export function descendsFrom(pid: number, root: number): boolean {
  for (let at: number | undefined = pid; at && at > 1; at = readParent(at)) {
    if (at === root) return true;
  }
  return false;
}

/** Groups: a process belongs to the first group one of its ancestors (or itself) belongs to. */
export type CpuGroups = Record<string, (process: { pid: number; name: string }) => boolean>;

/** CPU seconds used so far by the live processes of each group. */
export function cpuByGroup(groups: CpuGroups): Record<string, number> {
  const all = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = readProcess(Number(entry));
    if (times) all.set(times.pid, times);
  }
  const totals: Record<string, number> = Object.fromEntries(
    Object.keys(groups).map((name) => [name, 0]));
  for (const times of all.values()) {
    const group = groupOf(times, all, groups);
    if (group) totals[group] += times.seconds;
  }
  return totals;
}

function groupOf(times: ProcessTimes, all: Map<number, ProcessTimes>, groups: CpuGroups):
  string | undefined {
  for (let at: ProcessTimes | undefined = times; at; at = all.get(at.parent)) {
    for (const [name, belongs] of Object.entries(groups)) if (belongs(at)) return name;
    if (at.parent <= 1) return undefined;
  }
  return undefined;
}

/** CPU seconds the whole machine has spent busy since boot, all cores together. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
    .slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields[7] ?? 0);
  return busy / TICKS_PER_SECOND;
}
