// The filter tests' oracle: every shared capture regrouped by link type, and Debian's tcpdump
// asked which of those packets an expression selects.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaptureFileError } from '../../../src/engine/files/capture-file-error';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { hasSharedData, sharedRoot } from '../../support/shared-data';

export { hasSharedData };

export interface Packet {
  readonly seconds: number;
  readonly micros: number;
  readonly data: Uint8Array;
  readonly length: number;
}

/** All packets of one link type, and the pcap file tcpdump reads them from. */
export interface Corpus {
  readonly linkType: number;
  readonly file: string;
  readonly packets: Packet[];
}

export interface OracleAnswer {
  /** Indices into the corpus of the packets tcpdump wrote out. */
  readonly selected?: Set<number>;
  /** tcpdump's complaint, without the "tcpdump: " prefix. */
  readonly error?: string;
}

function captureFiles(): string[] {
  const folders = [path.join(sharedRoot, 'captures'), path.join(sharedRoot, 'conformance/tcpdump')];
  return folders.flatMap((folder) => readdirSync(folder)
    .filter((name) => /\.pcap(ng)?$/.test(name))
    .map((name) => path.join(folder, name)));
}

/** Reads a file with the engine's parser; files it cannot read are reported and left out. */
function readPackets(file: string, into: Map<number, Packet[]>, skipped: string[]): void {
  const linkTypes = new Map<number, number>();
  const found: Array<[number, Packet]> = [];
  const parser = createCaptureParser({
    interface: (i) => linkTypes.set(i.id, i.linkType),
    packet: (r) => {
      found.push([r.linkType, {
        seconds: r.seconds % 2 ** 32, micros: Math.floor(r.nanoseconds / 1000),
        data: r.data.slice(), length: r.originalLength,
      }]);
    },
  });
  try {
    parser.push(new Uint8Array(readFileSync(file)));
    parser.end();
  } catch (error) {
    if (!(error instanceof CaptureFileError)) throw error;
    // Damaged files are part of the corpus: the packets before the damage still count.
    if (found.length === 0) skipped.push(`${path.basename(file)}: ${error.message}`);
  }
  for (const [linkType, packet] of found) {
    if (!into.has(linkType)) into.set(linkType, []);
    into.get(linkType)!.push(packet);
  }
}

/** A classic little-endian microsecond pcap file holding `packets`. */
export function pcapBytes(linkType: number, packets: readonly Packet[]): Uint8Array {
  const size = 24 + packets.reduce((sum, p) => sum + 16 + p.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, linkType, true);
  let at = 24;
  for (const p of packets) {
    view.setUint32(at, p.seconds, true);
    view.setUint32(at + 4, p.micros, true);
    view.setUint32(at + 8, p.data.length, true);
    view.setUint32(at + 12, p.length, true);
    out.set(p.data, at + 16);
    at += 16 + p.data.length;
  }
  return out;
}

/**
 * Ethernet frames carrying IPv4, IPv6 or ARP, re-framed for link types no shared capture
 * has: OpenBSD loopback (AF value in network order) and Linux cooked v2.
 */
function reframe(ethernet: readonly Packet[], linkType: 108 | 276): Packet[] {
  const out: Packet[] = [];
  for (const p of ethernet) {
    if (p.data.length < 14) continue;
    const type = (p.data[12] << 8) | p.data[13];
    const payload = p.data.subarray(14);
    let header: Uint8Array;
    if (linkType === 108) {
      const family = type === 0x0800 ? 2 : type === 0x86dd ? 24 : 0;
      if (family === 0) continue;
      header = Uint8Array.of(0, 0, 0, family);
    } else {
      if (type !== 0x0800 && type !== 0x86dd && type !== 0x0806) continue;
      header = new Uint8Array(20);
      header.set([type >> 8, type & 0xff, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6], 0);
      header.set(p.data.subarray(6, 12), 12);
    }
    const data = new Uint8Array(header.length + payload.length);
    data.set(header, 0);
    data.set(payload, header.length);
    out.push({ ...p, data, length: p.length - 14 + header.length });
  }
  return out;
}

let cached: { corpora: Corpus[]; skipped: string[] } | undefined;

/** Builds (once per test file) one pcap per link type in a temporary folder. */
export function corpora(): { corpora: Corpus[]; skipped: string[] } {
  if (cached) return cached;
  const byLinkType = new Map<number, Packet[]>();
  const skipped: string[] = [];
  for (const file of captureFiles()) readPackets(file, byLinkType, skipped);
  const ethernet = byLinkType.get(1) ?? [];
  byLinkType.set(108, reframe(ethernet, 108));
  byLinkType.set(276, reframe(ethernet, 276));

  const folder = mkdtempSync(path.join(tmpdir(), 'tapline-filter-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const list: Corpus[] = [];
  for (const [linkType, packets] of [...byLinkType].sort((a, b) => a[0] - b[0])) {
    const file = path.join(folder, `linktype-${linkType}.pcap`);
    writeFileSync(file, pcapBytes(linkType, packets));
    list.push({ linkType, file, packets });
  }
  cached = { corpora: list, skipped };
  return cached;
}

function sameRecord(out: Uint8Array, at: number, view: DataView, p: Packet): boolean {
  const caplen = view.getUint32(at + 8, true);
  if (view.getUint32(at, true) !== p.seconds || view.getUint32(at + 4, true) !== p.micros ||
    caplen !== p.data.length || view.getUint32(at + 12, true) !== p.length) return false;
  for (let i = 0; i < caplen; i++) if (out[at + 16 + i] !== p.data[i]) return false;
  return true;
}

/** Maps the records of tcpdump's `-w -` output back to corpus indices (they come in order). */
function selectedIndices(output: Uint8Array, packets: readonly Packet[]): Set<number> {
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  const selected = new Set<number>();
  let next = 0;
  for (let at = 24; at + 16 <= output.length;) {
    while (next < packets.length && !sameRecord(output, at, view, packets[next])) next++;
    if (next === packets.length) {
      throw new Error(`tcpdump wrote a packet not in the corpus (record at ${at})`);
    }
    selected.add(next++);
    at += 16 + view.getUint32(at + 8, true);
  }
  return selected;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function firstError(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('tcpdump: ')) ?? stderr;
  return line.replace(/^tcpdump: /, '').trim();
}

function runShard(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { env: { ...process.env, TZ: 'UTC' } });
    child.on('error', reject);
    child.on('close', (status) => status === 0 ? resolve() : reject(new Error(`${script}`)));
  });
}

/**
 * Runs tcpdump once per (corpus, expression) pair with `extra` arguments, from a few shell
 * scripts in parallel: starting processes from a shell is much cheaper than from Node.
 * Returns each run's stdout file name and its first error line, if it failed.
 */
async function runBatch(jobs: ReadonlyArray<[Corpus, string]>, extra: (out: string) => string,
  parallel: number): Promise<Array<{ out: string; error?: string }>> {
  const folder = mkdtempSync(path.join(tmpdir(), 'tapline-tcpdump-'));
  const shards: string[][] = Array.from({ length: parallel }, () => []);
  jobs.forEach(([corpus, expression], i) => {
    const out = path.join(folder, `${i}.out`);
    shards[i % parallel].push(`tcpdump -r ${shellQuote(corpus.file)} ${extra(out)} -- ` +
      `${shellQuote(expression)} 2>${folder}/${i}.err; echo $? >${folder}/${i}.rc`);
  });
  await Promise.all(shards.map((lines, n) => {
    const script = path.join(folder, `shard-${n}.sh`);
    writeFileSync(script, lines.join('\n') + '\n');
    return runShard(script);
  }));
  const results = jobs.map((_, i) => {
    const out = path.join(folder, `${i}.out`);
    const status = readFileSync(path.join(folder, `${i}.rc`), 'latin1').trim();
    if (status === '0') return { out };
    return { out, error: firstError(readFileSync(path.join(folder, `${i}.err`), 'latin1')) };
  });
  return results;
}

/** Which packets of each corpus tcpdump selects for each expression (`tcpdump -w`). */
export async function askTcpdump(jobs: ReadonlyArray<[Corpus, string]>,
  parallel = 2): Promise<OracleAnswer[]> {
  const runs = await runBatch(jobs, (out) => `-w ${out}`, parallel);
  const answers = runs.map((run, i): OracleAnswer => {
    if (run.error !== undefined) return { error: run.error };
    const bytes = new Uint8Array(readFileSync(run.out));
    return { selected: selectedIndices(bytes, jobs[i][0].packets) };
  });
  rmSync(path.dirname(runs[0]?.out ?? tmpdir() + '/x'), { recursive: true, force: true });
  return answers;
}

/** tcpdump's compile error for each expression (`tcpdump -d`), or undefined if it accepts. */
export async function tcpdumpCompileErrors(jobs: ReadonlyArray<[Corpus, string]>,
  parallel = 2): Promise<Array<string | undefined>> {
  const runs = await runBatch(jobs, (out) => `-d >${out}`, parallel);
  rmSync(path.dirname(runs[0]?.out ?? tmpdir() + '/x'), { recursive: true, force: true });
  return runs.map((run) => run.error);
}
