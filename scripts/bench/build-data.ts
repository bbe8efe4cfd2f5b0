// Builds the benchmark's captures in bench-data/ once: 1M loopback packets, 100k with SMTP, 1 GB.

import { spawn } from 'node:child_process';
import {
  existsSync, mkdirSync, readFileSync, renameSync, statfsSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { PacketRecord } from '../../src/engine/files/packet-record';
import { CaptureReader, countPackets, shifted, writeCapture } from './capture-files';
import { CAPTURE_FILTER } from './loopback-traffic';
import { benchData, repoRoot, sharedCaptures } from './paths';

export const MILLION = 1_000_000;
export const SMTP_CAPTURE_PACKETS = 100_000;
const LARGE_BYTES = 1_000_000_000;
/** Room the 1 GB file needs, with some left for everyone else. */
const LARGE_FREE_BYTES = 4 * LARGE_BYTES;
const CAPTURE_SECONDS_LIMIT = 240;

/** The shared capture whose 200 KB message the follow figure rebuilds. */
export const SMTP_SOURCE = '02-pipelining-multircpt-rset';

export interface BenchData {
  million: string;
  smtp?: string;
  large?: string;
  notes: string[];
}

const log = (line: string) => console.error(`[bench] ${line}`);

/**
 * Captures our own traffic on lo with tcpdump until it has MILLION packets. tcpdump's -c
 * bounds the count, the generator's own clock bounds the time, and the filter keeps other
 * programs' loopback traffic out.
 */
async function captureLoopback(path: string): Promise<string> {
  const partial = `${path}.partial`;
  const tcpdump = spawn('tcpdump', ['-i', 'lo', '-n', '-B', '131072', '-c', String(MILLION),
    '-w', partial, CAPTURE_FILTER], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  tcpdump.on('error', (error) => { stderr += error.message; });
  const listening = new Promise<void>((resolve) => {
    tcpdump.stderr.on('data', (text: Buffer) => {
      stderr += text.toString();
      if (stderr.includes('listening on')) resolve();
    });
  });
  const ended = new Promise<number>((resolve) => tcpdump.on('close', (code) => resolve(code ?? 1)));
  const started = await Promise.race([listening.then(() => true), ended.then(() => false)]);
  if (!started) {
    throw new Error(`tcpdump -i lo did not start (capturing on lo needs root): ${stderr.trim()}`);
  }

  const traffic = spawn(process.execPath, ['--import', 'tsx',
    join(repoRoot, 'scripts/bench/loopback-traffic.ts'), String(CAPTURE_SECONDS_LIMIT)],
  { stdio: ['ignore', 'ignore', 'inherit'], cwd: repoRoot });
  traffic.on('error', (error) => log(`the traffic generator failed: ${error.message}`));
  const trafficEnded = new Promise<void>((resolve) => traffic.on('close', () => resolve()));
  await Promise.race([ended, trafficEnded]);
  // Whichever stopped first, the other stops now: the generator by its pid, tcpdump by
  // SIGINT so that it closes the file cleanly.
  traffic.kill('SIGTERM');
  tcpdump.kill('SIGINT');
  const code = await ended;
  await trafficEnded;
  if (code !== 0 || !existsSync(partial)) {
    throw new Error(`tcpdump -i lo failed (exit ${code}): ${stderr.trim()}`);
  }
  const count = countPackets(partial);
  if (count < MILLION) {
    throw new Error(`the loopback capture has ${count} packets, not ${MILLION}: ${stderr.trim()}`);
  }
  renameSync(partial, path);
  return stderr.trim().split('\n').filter((line) => /packets/.test(line)).join('; ');
}

/**
 * The first packets of the loopback capture with the shared pipelining capture merged in by
 * time halfway through: a 200 KB message among 100,000 packets.
 */
function buildSmtpCapture(million: string, path: string): void {
  const source = new CaptureReader(join(sharedCaptures, `${SMTP_SOURCE}.pcap`));
  const inserted = [...source.records()];
  const background = new CaptureReader(million);
  const keep = SMTP_CAPTURE_PACKETS - inserted.length;
  const time = (record: PacketRecord) => record.seconds + record.nanoseconds / 1e9;
  function* merged(): Generator<PacketRecord> {
    let count = 0;
    let next = 0;
    // Whole seconds only, so that the inserted packets keep their own sub-second times.
    let shift = 0;
    for (const record of background.records()) {
      if (count === keep) break;
      if (count === Math.floor(keep / 2)) shift = record.seconds - inserted[0].seconds;
      while (count >= keep / 2 && next < inserted.length &&
        time(inserted[next]) + shift <= time(record)) {
        yield shifted(inserted[next++], shift);
      }
      count++;
      yield record;
    }
    while (next < inserted.length) yield shifted(inserted[next++], shift);
  }
  writeCapture(path, background.interfaces, merged());
  background.close();
}

/**
 * The loopback capture again and again, each copy later than the last, until the file holds
 * 1 GB. Only times move: ports and sequence numbers repeat, so the copies are the same
 * conversations again, which the first-rows figure does not mind.
 */
function buildLargeCapture(million: string, path: string): void {
  const first = new CaptureReader(million);
  const interfaces = first.interfaces;
  first.close();
  const PCAP_RECORD_HEADER = 16;
  function* repeated(): Generator<PacketRecord> {
    let written = 0;
    let span = 0;
    for (let copy = 0; ; copy++) {
      let start = -1;
      let last = 0;
      for (const record of new CaptureReader(million).records()) {
        if (written >= LARGE_BYTES) return;
        if (start < 0) start = record.seconds;
        last = record.seconds;
        written += PCAP_RECORD_HEADER + record.capturedLength;
        yield shifted(record, copy * span);
      }
      span = Math.ceil(last - start) + 1;
    }
  }
  writeCapture(path, interfaces, repeated());
}

/** Builds what is missing and says what was reused or skipped. */
export async function ensureBenchData(): Promise<BenchData> {
  mkdirSync(benchData, { recursive: true });
  const notes: string[] = [];
  const built: string[] = [];
  const million = join(benchData, 'loopback-1m.pcap');
  const metaPath = join(benchData, 'loopback-1m.json');
  if (!existsSync(million)) {
    log(`capturing ${MILLION} packets of our own traffic on lo (about a minute)`);
    const tcpdumpSaid = await captureLoopback(million);
    built.push(million);
    writeFileSync(metaPath, JSON.stringify({ captured: new Date().toISOString(), tcpdumpSaid }));
  }
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    notes.push(`loopback capture made ${meta.captured}; tcpdump said: ${meta.tcpdumpSaid}`);
  }

  const smtpPath = join(benchData, 'smtp-100k.pcap');
  let smtp: string | undefined = smtpPath;
  if (!existsSync(smtpPath) && !existsSync(sharedCaptures)) {
    notes.push(`follow figure skipped: ${sharedCaptures} is absent, and with it the ` +
      'capture whose message it follows');
    smtp = undefined;
  } else if (!existsSync(smtpPath)) {
    log('building the 100,000-packet SMTP capture');
    buildSmtpCapture(million, smtpPath);
    built.push(smtpPath);
  }

  const largePath = join(benchData, 'large-1g.pcap');
  let large: string | undefined = largePath;
  if (!existsSync(largePath)) {
    const { bavail, bsize } = statfsSync(benchData);
    if (bavail * bsize < LARGE_FREE_BYTES) {
      notes.push(`1 GB file skipped: ${Math.round(bavail * bsize / 1e9)} GB free, ` +
        `${LARGE_FREE_BYTES / 1e9} GB wanted`);
      large = undefined;
    } else {
      log('building the 1 GB capture');
      buildLargeCapture(million, largePath);
      built.push(largePath);
    }
  }
  const files = [million, smtp, large].filter((file): file is string => file !== undefined);
  notes.push('captures: ' + files.map((file) => `${basename(file)} ` +
    `(${(statSync(file).size / 1e6).toFixed(0)} MB, ${built.includes(file) ? 'built' : 'reused'})`)
    .join(', '));
  return { million, smtp, large, notes };
}
