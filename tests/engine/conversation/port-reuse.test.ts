// A connection closed and reopened on the same ports is a new conversation, as in tshark.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/engine/conversation/conversation-tracker';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { capturePath, sharedAvailable } from './shared-captures';

const PCAP_HEADER = 24;
const RECORD_HEADER = 16;

/** The records of a little-endian pcap file, each with its 16-byte header. */
function records(file: Buffer): Buffer[] {
  const list: Buffer[] = [];
  for (let at = PCAP_HEADER; at < file.length;) {
    const length = RECORD_HEADER + file.readUInt32LE(at + 8);
    list.push(Buffer.from(file.subarray(at, at + length)));
    at += length;
  }
  return list;
}

/**
 * A copy of a record of the seed capture (Ethernet, IPv4, port 25 server) moved `seconds`
 * later, with the client's sequence numbers (and the server's ACKs) moved by `delta`: the
 * same dialogue, as a connection with another initial sequence number would carry it.
 */
function replayed(record: Buffer, seconds: number, delta: number): Buffer {
  const copy = Buffer.from(record);
  copy.writeUInt32LE(copy.readUInt32LE(0) + seconds, 0);
  const tcp = RECORD_HEADER + 14 + (copy[RECORD_HEADER + 14] & 0x0f) * 4;
  const fromServer = copy.readUInt16BE(tcp) === 25;
  const field = fromServer ? tcp + 8 : tcp + 4;
  const value = copy.readUInt32BE(field);
  if (value !== 0) copy.writeUInt32BE((value + delta) >>> 0, field);
  return copy;
}

function streamsOf(file: string): { ours: number[]; theirs: number[] } {
  const ours: number[] = [];
  const tracker = new ConversationTracker();
  const parser = createCaptureParser({
    packet: (record) => ours.push(tracker.packet(record)?.number ?? -1),
  });
  parser.push(new Uint8Array(readFileSync(file)));
  parser.end();
  const text = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.stream'],
    { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const theirs = text.split('\n').filter((line) => line !== '').map(Number);
  return { ours, theirs };
}

describe.skipIf(!sharedAvailable)('port reuse against tshark', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tapline-reuse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const seed = sharedAvailable ? readFileSync(capturePath('01-seed-postfix-relay.pcap'))
    : Buffer.alloc(0);
  const header = seed.subarray(0, PCAP_HEADER);
  const seedRecords = sharedAvailable ? records(seed) : [];

  function check(name: string, parts: Buffer[], streams: number): void {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.concat([header, ...parts]));
    const { ours, theirs } = streamsOf(file);
    expect(new Set(theirs).size).toBe(streams);
    expect(ours).toEqual(theirs);
  }

  it('reopened after its FINs with a new sequence number: a second conversation', () => {
    check('reopened.pcap', [...seedRecords,
      ...seedRecords.map((record) => replayed(record, 5, 1000))], 2);
  });

  it('reopened before the first one closed: a second conversation', () => {
    check('abandoned.pcap', [...seedRecords.slice(0, 6),
      ...seedRecords.map((record) => replayed(record, 5, 1000))], 2);
  });

  it('replayed with the same sequence numbers: one conversation, as tshark has it', () => {
    check('replayed.pcap', [...seedRecords,
      ...seedRecords.map((record) => replayed(record, 5, 0))], 1);
  });

  it('a repeated SYN with the same sequence number stays in its conversation', () => {
    const [syn, ...rest] = seedRecords;
    check('syn-again.pcap', [syn, syn, ...rest], 1);
  });
});
