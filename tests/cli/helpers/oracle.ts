// Test helpers: where the shared data lives, running tcpdump, and reading captures in memory.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type {
  CaptureFormat, CaptureInterface, PacketRecord,
} from '../../../src/engine/files/packet-record';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const capturesDir = path.join(sharedDir, 'captures');
export const conformanceDir = path.join(sharedDir, 'conformance', 'tcpdump');

/** The reason to skip, printed once, or undefined when the shared data is there. */
export function sharedDataMissing(): string | undefined {
  if (existsSync(sharedDir)) return undefined;
  const reason = `shared test data not found at ${sharedDir}; skipping`;
  console.log(reason);
  return reason;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  status: number | null;
}

/** Runs a program with TZ=UTC, as every oracle comparison must. */
export function runProgram(program: string, args: string[], input?: Buffer): ProcessResult {
  const result = spawnSync(program, args, {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'latin1',
    input,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The same, without blocking, so several oracle runs can overlap. */
export function runProgramAsync(program: string, args: string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, TZ: 'UTC' } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({
      stdout: Buffer.concat(stdout).toString('latin1'),
      stderr: Buffer.concat(stderr).toString('latin1'),
      status,
    }));
  });
}

/** Runs `work` on every item with at most `limit` running at once, keeping the order. */
export async function mapLimited<T, R>(
  items: readonly T[], limit: number, work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function tcpdump(args: string[]): ProcessResult {
  return runProgram('tcpdump', args);
}

export interface CaptureContents {
  format?: CaptureFormat;
  interfaces: CaptureInterface[];
  /** Records with their data copied, so they outlive the parser's buffer. */
  records: PacketRecord[];
  error?: Error;
}

/** Reads a whole capture with our parser; damage ends the list and is kept in `error`. */
export function readCapture(file: string): CaptureContents {
  const contents: CaptureContents = { interfaces: [], records: [] };
  const parser = createCaptureParser({
    format(format) { contents.format = format; },
    interface(captureInterface) { contents.interfaces.push(captureInterface); },
    packet(record) { contents.records.push({ ...record, data: record.data.slice() }); },
  });
  try {
    parser.push(new Uint8Array(readFileSync(file)));
    parser.end();
  } catch (error) {
    contents.error = error as Error;
  }
  return contents;
}

/** Splits text into lines, keeping a final empty piece out. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Writes a little-endian microsecond pcap of Ethernet frames, one second apart. */
export function writeEthernetPcap(file: string, frames: Uint8Array[]): void {
  const size = 24 + frames.reduce((sum, frame) => sum + 16 + frame.length, 0);
  const bytes = Buffer.alloc(size);
  bytes.writeUInt32LE(0xa1b2c3d4, 0);
  bytes.writeUInt16LE(2, 4);
  bytes.writeUInt16LE(4, 6);
  bytes.writeUInt32LE(65535, 16);
  bytes.writeUInt32LE(1, 20);
  let at = 24;
  frames.forEach((frame, index) => {
    bytes.writeUInt32LE(1_000_000 + index, at);
    bytes.writeUInt32LE(frame.length, at + 8);
    bytes.writeUInt32LE(frame.length, at + 12);
    bytes.set(frame, at + 16);
    at += 16 + frame.length;
  });
  writeFileSync(file, bytes);
}
