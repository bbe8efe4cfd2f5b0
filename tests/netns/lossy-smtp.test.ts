// Real mail over a lossy link of our own: swaks sends to an SMTP sink through a forwarder
// that drops, reorders, duplicates and delays frames; tcpdump captures on the client's
// side; the engine must rebuild every message byte for byte as the server stored it.

import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../src/engine/conversation/conversation-tracker';
import type { PacketNote } from '../../src/engine/conversation/packet-note';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import { analyzeSmtpCapture, type SmtpCaptureResult }
  from '../../src/engine/smtp/analyze-capture';
import {
  createLossyLab, FORWARDER, type Helper, type LossyLab, SMTP_SINK,
} from './support/lossy-lab';
import { dotStuffedMessage, largeMessage, swaksDataFile } from './support/test-messages';

const SEED = 11;
/** Every helper ends by itself after this, even if the test process dies. */
const HELPER_SECONDS = 50;
const SWAKS_TIMEOUT_MS = 20_000;

function whyNotRunnable(): string | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'it creates network namespaces, which needs root';
  }
  for (const tool of ['ip', 'tcpdump', 'tshark', 'swaks', 'python3']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed`;
    }
  }
  return undefined;
}

const skipReason = whyNotRunnable();
if (skipReason) console.warn(`[netns tests] skipping the lossy SMTP test: ${skipReason}`);

interface DirectionStats {
  tcp: number;
  dropped: number;
  delayed_for_reorder: number;
  duplicated: number;
  send_errors: number;
}

/** Runs swaks to its end in the client namespace; rejects with its output on failure. */
function sendMail(lab: LossyLab, server: string, dataFile: string, ipv6: boolean):
  Promise<void> {
  const args = [...lab.in(lab.client).slice(1), 'swaks', ...(ipv6 ? ['-6'] : []),
    '--server', server, '--port', '25', '--helo', 'client.example.com',
    '--from', 'alice@example.com', '--to', 'bob@example.net',
    '--pipeline', '--no-data-fixup', '--data', `@${dataFile}`, '--timeout', '20'];
  return new Promise((resolve, reject) => {
    execFile(lab.in(lab.client)[0], args, { timeout: SWAKS_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`swaks failed: ${error.message}\n${stdout}${stderr}`));
        else resolve();
      });
  });
}

/** Feeds the file in 64 KiB chunks, so records straddle chunks as in the CLI. */
function feed(file: string, push: (chunk: Uint8Array) => void): void {
  const bytes = new Uint8Array(readFileSync(file));
  for (let at = 0; at < bytes.length; at += 65536) push(bytes.subarray(at, at + 65536));
}

function analyze(file: string): SmtpCaptureResult {
  const analysis = analyzeSmtpCapture();
  feed(file, (chunk) => analysis.push(chunk));
  return analysis.end();
}

/** Frames of segments with payload that our reassembly gave one of `wanted`. */
function framesNoted(file: string, wanted: PacketNote[]): number[] {
  const frames: number[] = [];
  const tracker = new ConversationTracker({
    segment(_conversation, segment, _from, notes) {
      const hit = notes.some((note) => wanted.includes(note));
      if (hit && segment.length > 0) frames.push(segment.frame);
    },
  });
  const parser = createCaptureParser({ packet: (record) => tracker.packet(record) });
  feed(file, (chunk) => parser.push(chunk));
  parser.end();
  tracker.finish();
  return frames.sort((a, b) => a - b);
}

function tsharkFrames(file: string, filter: string): number[] {
  const out = execFileSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields',
    '-e', 'frame.number'], { env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((line) => line !== '').map(Number);
}

function sumNotes(result: SmtpCaptureResult, notes: PacketNote[]): number {
  let total = 0;
  for (const conversation of result.conversations) {
    for (const note of notes) total += conversation.noteCounts[note] ?? 0;
  }
  return total;
}

describe.skipIf(skipReason !== undefined)('SMTP over a lossy link between namespaces', () => {
  let lab: LossyLab | undefined;
  let workDir: string;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-lossy-'));
  });
  afterAll(async () => {
    await lab?.destroy();
    // TAPLINE_KEEP_LOSSY=DIR keeps the capture, the inbox and the forwarder's counts.
    const keep = process.env.TAPLINE_KEEP_LOSSY;
    if (keep) cpSync(workDir, keep, { recursive: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it('rebuilds both messages exactly from a capture with real loss and reordering',
    async () => {
      lab = createLossyLab();
      const inbox = path.join(workDir, 'inbox');
      mkdirSync(inbox);
      const statsFile = path.join(workDir, 'forwarder-stats.json');
      const pcap = path.join(workDir, 'lossy.pcap');
      const sent = [largeMessage(), dotStuffedMessage()];
      const dataFiles = sent.map((message, i) => {
        const file = path.join(workDir, `msg${i + 1}.swaks-data`);
        writeFileSync(file, swaksDataFile(message), 'latin1');
        return file;
      });

      const sink = await lab.start(lab.server, ['python3', SMTP_SINK, '--address',
        lab.serverAddress4, lab.serverAddress6, '--dir', inbox,
        '--seconds', String(HELPER_SECONDS)], 'ready');
      const forwarder = await lab.start(lab.middle, ['python3', FORWARDER,
        '--links', ...lab.middleLinks, '--seed', String(SEED), '--drop', '0.05',
        '--reorder', '0.10', '--duplicate', '0.03', '--delay-ms', '3',
        '--seconds', String(HELPER_SECONDS), '--stats', statsFile], 'ready');
      // Immediate mode: otherwise libpcap holds packets in a ring block for up to a second,
      // and a tcpdump stopped by SIGTERM never writes that block's packets.
      const tcpdump: Helper = await lab.start(lab.client, ['tcpdump', '-i', lab.clientLink,
        '--immediate-mode', '-U', '-n', '-w', pcap, 'tcp port 25'], 'listening on',
        'stderr');

      // The large message over IPv4, the dot-stuffed one over IPv6: one connection each.
      await sendMail(lab, lab.serverAddress4, dataFiles[0], false);
      await sendMail(lab, lab.serverAddress6, dataFiles[1], true);
      // Late retransmissions and the last ACKs still cross the link after swaks exits.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tcpdump.stop();
      await forwarder.stop();
      await sink.stop();

      // The sink stored what the server received; it must be what swaks was asked to send,
      // or the comparison below would prove nothing about the capture.
      const stored = readdirSync(inbox).filter((name) => name.endsWith('.eml')).sort()
        .map((name) => new Uint8Array(readFileSync(path.join(inbox, name))));
      expect(stored.map((bytes) => bytes.length)).toEqual(sent.map((bytes) => bytes.length));
      stored.forEach((bytes, i) => expect(Buffer.from(bytes).equals(sent[i])).toBe(true));

      // The link really was lossy, both ways, and nothing was too big to forward.
      expect(existsSync(statsFile)).toBe(true);
      const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as
        Record<'a_to_b' | 'b_to_a', DirectionStats>;
      for (const direction of [stats.a_to_b, stats.b_to_a]) {
        expect(direction.dropped).toBeGreaterThan(0);
        expect(direction.delayed_for_reorder).toBeGreaterThan(0);
        expect(direction.send_errors).toBe(0);
      }
      expect(stats.a_to_b.duplicated + stats.b_to_a.duplicated).toBeGreaterThan(0);

      const result = analyze(pcap);
      const rebuilt = result.sessions.flatMap((session) => session.messages);
      expect(result.sessions.length).toBe(2);
      expect(rebuilt.length).toBe(stored.length);
      rebuilt.forEach((message, i) => {
        expect(message.complete).toBe(true);
        expect(message.missingBytes).toBe(0);
        expect(Buffer.from(message.bytes).equals(stored[i])).toBe(true);
      });

      // The capture itself shows the damage, so a clean link cannot pass this test.
      expect(sumNotes(result, ['retransmission', 'out-of-order'])).toBeGreaterThan(0);
      expect(sumNotes(result, ['duplicate-ack', 'missing-segment'])).toBeGreaterThan(0);

      // And our reading of it agrees with tshark's TCP analysis on every segment that
      // carries data. Bare SYN, FIN and ACK segments are left out: our notes do not yet
      // call a repeated SYN/ACK or a late repeated FIN a retransmission, nor every
      // duplicate ACK that follows one, where tshark does.
      expect(framesNoted(pcap, ['retransmission', 'out-of-order'])).toEqual(
        tsharkFrames(pcap, 'tcp.len > 0 and (tcp.analysis.retransmission or ' +
          'tcp.analysis.fast_retransmission or tcp.analysis.spurious_retransmission or ' +
          'tcp.analysis.out_of_order)'));
      expect(framesNoted(pcap, ['missing-segment'])).toEqual(
        tsharkFrames(pcap, 'tcp.len > 0 and tcp.analysis.lost_segment'));
    });
});
