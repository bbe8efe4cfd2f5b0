// Test helpers: where the shared data lives, running tcpdump, and reading captures in memory.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
