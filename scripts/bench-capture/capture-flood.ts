// `npm run bench:capture`: a loopback flood at a fixed rate (tcpreplay), captured at the same
// time by Tapline's service (capture process, spool, index) and by `tcpdump -w` with the
// same filter and buffer; prints packets and drops for both, and the main process's
// event-loop delay during the flood. Loopback only; bounded in count and time.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TaplineService } from '../../src/main/service/tapline-service';
import { floodPcap } from './flood-frames';

const RATE = Number(process.env.FLOOD_PPS ?? 100_000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 10);
const BUFFER_KIB = 32 * 1024;
const DISTINCT_FRAMES = 10_000;
const PORT = 47_999;

function need(tool: string, debianPackage: string): void {
  if (spawnSync('which', [tool]).status === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${tool} is missing: apt-get install ${debianPackage}`);
  }
  spawnSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: 'inherit' });
}

function startTcpdump(file: string): Promise<{ child: ChildProcess; summary: Promise<string> }> {
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-B', String(BUFFER_KIB), '-w', file,
    `udp port ${PORT}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  const summary = new Promise<string>((resolve) => child.once('exit', () => resolve(said)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${said}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk;
      if (said.includes('listening on')) {
        clearTimeout(timer);
        resolve({ child, summary });
      }
    });
  });
}

/** Runs a command to its end, killed after `limitMs`; resolves to its stdout and stderr. */
function run(command: string, args: string[], limitMs: number): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk; });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) => child.once('exit', () => {
    clearTimeout(timer);
    resolve(output);
  }));
}

function count(summary: string, what: string): number {
  return Number(new RegExp(`(\\d+) packets? ${what}`).exec(summary)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('capturing needs root');
  need('tcpreplay', 'tcpreplay');
  const folder = mkdtempSync(join(tmpdir(), 'tapline-flood-'));
  const frames = join(folder, 'frames.pcap');
  writeFileSync(frames, Buffer.concat(floodPcap(PORT, DISTINCT_FRAMES)));
  const total = RATE * SECONDS;
  process.env.TAPLINE_SPOOL_DIR = folder;
  process.env.TAPLINE_LOG_LEVEL = 'warn';

  const service = new TaplineService();
  await service.startCapture({
    interface: 'lo', filter: `udp port ${PORT}`, snapLength: 262144, promiscuous: false,
  });
  const tcpdump = await startTcpdump(join(folder, 'tcpdump.pcap'));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();

  const started = performance.now();
  // Sent by another process, so this one's event loop keeps serving the capture meanwhile.
  const replay = await run('tcpreplay', ['-i', 'lo', `--pps=${RATE}`,
    `--loop=${Math.ceil(total / DISTINCT_FRAMES)}`, `--limit=${total}`, frames],
  (SECONDS + 60) * 1000);
  const sent = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  delay.disable();

  const stopped = await service.stopCapture();
  tcpdump.child.kill('SIGINT');
  const theirs = await tcpdump.summary;
  const ours = stopped.capture!;

  const rows = [
    ['', 'Tapline (service)', 'tcpdump -w'],
    ['packets captured', String(stopped.packetCount), String(count(theirs, 'captured'))],
    ['received by filter', String(ours.received), String(count(theirs, 'received by filter'))],
    ['dropped by kernel', String(ours.droppedByKernel), String(count(theirs, 'dropped by kernel'))],
  ];
  const replayLine = /Actual: .*/.exec(replay)?.[0] ?? replay;
  console.log(`flood: ${total} frames at ${RATE} pps requested; tcpreplay: ${replayLine}`);
  console.log(`sent in ${(sent / 1000).toFixed(1)} s; buffer ${BUFFER_KIB} KiB on both sides`);
  for (const row of rows) console.log(row.map((cell) => cell.padEnd(20)).join(' '));
  console.log(`main event loop delay while capturing: p50 ${(delay.percentile(50) / 1e6)
    .toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${
    (delay.max / 1e6).toFixed(1)} ms (the service runs beside the capture process, as in the app)`);
  await service.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
