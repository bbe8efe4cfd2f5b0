// Test helpers: the shared real captures, reading them with our engine, running tshark.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type { PacketRecord } from '../../../src/engine/files/packet-record';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const capturesDir = path.join(sharedDir, 'captures');
export const sharedAvailable = existsSync(capturesDir);
if (!sharedAvailable) console.log(`skipping: ${capturesDir} is absent (shared test data)`);

/** Every capture file in ../shared/captures, by file name. */
export function captureNames(): string[] {
  if (!sharedAvailable) return [];
  return readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name)).sort();
}

export function capturePath(name: string): string {
  return path.join(capturesDir, name);
}

/**
 * Feeds the file to createCaptureParser in 64 KiB chunks (so records straddle chunks, as
 * in the CLI). Returns undefined when the parser says the format is not supported yet.
 */
export function readCapture(name: string, onPacket: (record: PacketRecord) => void):
  boolean {
  const bytes = new Uint8Array(readFileSync(capturePath(name)));
  try {
    const parser = createCaptureParser({ packet: onPacket });
    for (let at = 0; at < bytes.length; at += 65536) {
      parser.push(bytes.subarray(at, at + 65536));
    }
    parser.end();
    return true;
  } catch (error) {
    const message = (error as Error).message;
    if (/not supported yet/.test(message)) return false;
    throw error;
  }
}

/** Runs tshark on a shared capture with TZ=UTC and returns stdout. */
export function tshark(name: string, args: string[]): string {
  return execFileSync('tshark', ['-r', capturePath(name), ...args], {
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** tshark -T fields with a header row, as objects keyed by field name. */
export function tsharkFields(name: string, fields: string[], filter?: string):
  Array<Record<string, string>> {
  const args = ['-T', 'fields', '-E', 'header=y', ...fields.flatMap((f) => ['-e', f])];
  if (filter) args.unshift('-Y', filter);
  const [header, ...rows] = tshark(name, args).split('\n').filter((line) => line !== '');
  const keys = header.split('\t');
  return rows.map((row) => {
    const values = row.split('\t');
    return Object.fromEntries(keys.map((key, i) => [key, values[i] ?? '']));
  });
}

export interface FollowTurn {
  /** 0: the side tshark calls Node 0 (the first packet's sender). */
  readonly node: 0 | 1;
  bytes: Buffer;
}

/** `-z follow,tcp,raw,N`: the stream's bytes as turns, consecutive same-side data merged. */
export function tsharkFollow(name: string, stream: number): {
  nodes: [string, string];
  turns: FollowTurn[];
} {
  const text = tshark(name, ['-q', '-z', `follow,tcp,raw,${stream}`]);
  const nodes: [string, string] = ['', ''];
  const turns: FollowTurn[] = [];
  for (const line of text.split('\n')) {
    const node = /^Node ([01]): (.*)$/.exec(line);
    if (node) {
      nodes[Number(node[1])] = node[2];
      continue;
    }
    const data = /^(\t?)([0-9a-f]+)$/.exec(line);
    if (!data) continue;
    const side = data[1] ? 1 : 0;
    const bytes = Buffer.from(data[2], 'hex');
    const last = turns.at(-1);
    if (last && last.node === side) last.bytes = Buffer.concat([last.bytes, bytes]);
    else turns.push({ node: side, bytes });
  }
  return { nodes, turns };
}
