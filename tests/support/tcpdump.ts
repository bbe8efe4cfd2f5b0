// Runs Debian's tcpdump as the oracle, in UTC, and splits its output per packet.

import { spawnSync } from 'node:child_process';

/** tcpdump's stdout. A damaged file makes it exit 1 after printing: that output still counts. */
export function tcpdump(args: string[]): string {
  const run = spawnSync('tcpdump', args, {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'latin1',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0 && !run.stdout) throw new Error(`tcpdump failed: ${run.stderr}`);
  return run.stdout;
}

/** Packets of `tcpdump -X`-style output: each starts at a line that does not begin with a tab. */
export function splitPackets(output: string): string[][] {
  const packets: string[][] = [];
  for (const line of output.split('\n')) {
    if (line === '') continue;
    if (!line.startsWith('\t')) packets.push([line]);
    else packets.at(-1)?.push(line);
  }
  return packets;
}
