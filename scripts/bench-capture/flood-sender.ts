// Compiles udp-flood.c with gcc into a temp folder and runs it: the flood's only source of
// packets, on lo to 127.0.0.1. Bounded in time: killed if it runs far past its schedule.

import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface FloodResult {
  sent: number;
  seconds: number;
  failedSends: number;
  /** How far behind its schedule the sender fell at worst (it catches up afterwards). */
  worstLagSeconds: number;
  /** User and system CPU time of the sender, which includes most of lo's work per frame. */
  cpuSeconds: number;
}

/** Builds the sender; throws with gcc's own words when it cannot. */
export function compileSender(folder: string): string {
  const binary = join(folder, 'udp-flood');
  const source = join(import.meta.dirname, 'udp-flood.c');
  const built = spawnSync('gcc', ['-O2', '-Wall', '-o', binary, source], { encoding: 'utf8' });
  if (built.error) throw new Error(`gcc is needed to build the flood sender: ${built.error}`);
  if (built.status !== 0) throw new Error(`gcc could not build ${source}:\n${built.stderr}`);
  return binary;
}

/**
 * Sends `rate` packets a second for `seconds` to 127.0.0.1:`port` on lo. It runs under the
 * real-time FIFO policy (chrt -f 10) so other work on a busy machine cannot slow the flood
 * below its rate (nice -10 still fell 12% short at a load of 7 on 2 cores); it sleeps
 * whenever it is on schedule, and the captures it measures run at normal priority,
 * tcpdump's and Tapline's alike.
 */
export function runFlood(binary: string, port: number, rate: number, seconds: number):
  Promise<FloodResult> {
  const child = spawn('chrt', ['-f', '10', binary, String(port), String(rate), String(seconds)],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let problems = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk; });
  child.stderr.on('data', (chunk: Buffer) => { problems += chunk; });
  const limit = setTimeout(() => child.kill('SIGKILL'), (seconds * 3 + 30) * 1000);
  return new Promise((resolve, reject) => child.once('exit', (code, signal) => {
    clearTimeout(limit);
    if (code !== 0) {
      return reject(new Error(`the flood sender failed (${signal ?? code}): ${problems}`));
    }
    resolve(JSON.parse(output) as FloodResult);
  }));
}
