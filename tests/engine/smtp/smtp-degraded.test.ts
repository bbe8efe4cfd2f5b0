// SMTP from imperfect captures: a segment the capture never got, and implicit TLS (465).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationTracker } from '../../../src/engine/conversation/conversation-tracker';
import { extractTcpSegment } from '../../../src/engine/conversation/tcp-segment-extractor';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { SmtpAnalyzer } from '../../../src/engine/smtp/smtp-analyzer';
import {
  capturesDir, readCapture, sharedAvailable, tsharkFields,
} from '../conversation/shared-captures';

function analyze(name: string, keep: (record: PacketRecord, frame: number) => PacketRecord | null) {
  const smtp = new SmtpAnalyzer();
  const tracker = new ConversationTracker(smtp);
  let frame = 0;
  readCapture(name, (record) => {
    const kept = keep(record, ++frame);
    if (kept) tracker.packet(kept);
  });
  tracker.finish();
  return smtp.sessions();
}

function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

describe.skipIf(!sharedAvailable)('SMTP from imperfect captures', () => {
  it('09: a data segment lost for good shows as missing bytes inside message 1', () => {
    const name = '09-lossy-dev.pcap';
    // Every copy of one full-sized client segment in the middle of the attachment.
    const victims = tsharkFields(name, ['frame.number', 'tcp.seq_raw', 'tcp.len'],
      'tcp.srcport == 57253 and tcp.len == 1448');
    const victim = victims[60];
    const seq = Number(victim['tcp.seq_raw']);
    const length = Number(victim['tcp.len']);

    const sessions = analyze(name, (record, frame) => {
      const segment = extractTcpSegment(record, frame);
      return segment && segment.seq === seq && segment.length > 0 ? null : record;
    });
    const [first, second] = sessions[0].messages;
    const dir = path.join(capturesDir, '09-lossy-dev.messages');
    const sent = [1, 2].map((n) => readFileSync(path.join(dir, `msg${n}.eml`)));

    expect(first.missingBytes).toBe(length);
    expect(first.complete).toBe(true);
    expect(sent[0].length - first.bytes.length).toBe(length);
    const head = commonPrefix(first.bytes, sent[0]);
    const tail = commonPrefix(first.bytes.slice().reverse(), Buffer.from(sent[0]).reverse());
    expect(head + tail).toBeGreaterThanOrEqual(first.bytes.length);
    expect(Buffer.from(second.bytes).equals(sent[1])).toBe(true);
    expect(sessions[0].notes.map((note) => note.text))
      .toContain(`[${length} bytes missing] from the client`);
  });

  it('01: the message is rebuilt even when the 354 reply was never captured', () => {
    // Frame 10 carries the server's 250, 250 and 354 (captures README, capture 1).
    const sessions = analyze('01-seed-postfix-relay.pcap', (record, frame) =>
      frame === 10 ? null : record);
    const sent = readFileSync(path.join(capturesDir, '01-seed-postfix-relay.messages',
      'msg1.eml'));
    const [message] = sessions[0].messages;
    expect(Buffer.from(message.bytes).equals(sent)).toBe(true);
    const notes = sessions[0].notes.map((note) => note.text);
    expect(notes.some((text) => /bytes missing\] from the server/.test(text))).toBe(true);
    expect(notes.some((text) => /read as if the server agreed/.test(text))).toBe(true);
  });

  it('03 moved to port 465: implicit TLS, every payload byte counted, nothing read', () => {
    const name = '03-starttls.pcap';
    const sessions = analyze(name, (record) => {
      const data = record.data.slice();
      const tcp = 14 + (data[14] & 0x0f) * 4;
      for (const at of [tcp, tcp + 2]) {
        if (((data[at] << 8) | data[at + 1]) === 25) data.set([465 >> 8, 465 & 0xff], at);
      }
      return { ...record, data };
    });
    let client = 0;
    let server = 0;
    for (const row of tsharkFields(name, ['tcp.srcport', 'tcp.len'], 'tcp.len > 0')) {
      if (row['tcp.srcport'] === '25') server += Number(row['tcp.len']);
      else client += Number(row['tcp.len']);
    }
    expect(sessions).toHaveLength(1);
    expect(sessions[0].server.port).toBe(465);
    expect(sessions[0].encryption).toMatchObject({ how: 'implicit-tls', clientBytes: client,
      serverBytes: server });
    expect(sessions[0].exchanges).toEqual([]);
    expect(sessions[0].greeting).toBeUndefined();
  });
});
