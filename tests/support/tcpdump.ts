// Runs Debian's tcpdump as the oracle, in UTC, and splits its output per packet.

import { execFileSync } from 'node:child_process';

export function tcpdump(args: string[]): string {
  return execFileSync('tcpdump', args, {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'latin1',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
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
