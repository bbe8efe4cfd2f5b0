// AUTH, BDAT and chunking cases: RFC example dialogues and real streams cut into pieces.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TcpConversation } from '../../../src/engine/conversation/tcp-conversation';
import { TcpFlag, type TcpSegment } from '../../../src/engine/conversation/tcp-segment';
import { MASKED } from '../../../src/engine/smtp/smtp-auth';
import {
  type SmtpOptions, SmtpSessionBuilder,
} from '../../../src/engine/smtp/smtp-session-builder';
import { capturesDir, sharedAvailable, tsharkFollow } from '../conversation/shared-captures';

function conversation(): TcpConversation {
  const syn: TcpSegment = {
    frame: 1, time: 0, ipVersion: 4, source: '192.0.2.1', destination: '192.0.2.25',
    sourcePort: 40000, destinationPort: 25, seq: 1, ack: 0, flags: TcpFlag.SYN, window: 1000,
    options: {}, length: 0, payload: new Uint8Array(0),
  };
  return new TcpConversation(0, syn, {});
}

/** Plays a dialogue: `S: ` lines from the server, `C: ` lines from the client, CRLF each. */
function play(lines: string[], options: SmtpOptions = {}): SmtpSessionBuilder {
  const builder = new SmtpSessionBuilder(conversation(), false, false, options);
  lines.forEach((line, index) => {
    const side = line.startsWith('S: ') ? 'server' : 'client';
    builder.data(side, new TextEncoder().encode(`${line.slice(3)}\r\n`), index + 2, index);
  });
  builder.finish();
  return builder;
}

describe('AUTH', () => {
  // RFC 4954 section 4, the PLAIN example with an initial response.
  const rfc4954 = [
    'S: 220 smtp.example.com ESMTP server ready',
    'C: EHLO jgm.example.com',
    'S: 250-smtp.example.com',
    'S: 250 AUTH GSSAPI DIGEST-MD5 PLAIN',
    'C: AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=',
    'S: 235 2.7.0 Authentication successful',
  ];

  it('decodes PLAIN with an initial response and masks the password', () => {
    const session = play(rfc4954).session;
    expect(session.extensions).toEqual([
      { keyword: 'AUTH', parameters: ['GSSAPI', 'DIGEST-MD5', 'PLAIN'] }]);
    expect(session.auth).toEqual({ mechanism: 'PLAIN', username: 'test', succeeded: true });
    const line = session.exchanges[1].command!.line;
    expect(line).toBe(`AUTH PLAIN ${MASKED}`);
    expect(JSON.stringify(session)).not.toContain('1234');
    expect(JSON.stringify(session)).not.toContain('dGVzdAB0ZXN0ADEyMzQ=');
  });

  it('shows the password only when asked', () => {
    const session = play(rfc4954, { revealCredentials: true }).session;
    expect(session.auth?.password).toBe('1234');
  });

  it('decodes PLAIN sent after an empty 334 challenge (RFC 4616 example)', () => {
    const session = play([
      'S: 220 mx ESMTP', 'C: EHLO client', 'S: 250 mx',
      'C: AUTH PLAIN', 'S: 334 ', 'C: AHRpbQB0YW5zdGFhZnRhbnN0YWFm',
      'S: 235 2.7.0 ok', 'C: QUIT', 'S: 221 bye',
    ]).session;
    expect(session.auth).toEqual({ mechanism: 'PLAIN', username: 'tim', succeeded: true });
    const verbs = session.exchanges.map((each) => each.kind + ':' + each.command?.verb);
    expect(verbs).toEqual(['command:EHLO', 'command:AUTH', 'auth-response:', 'command:QUIT']);
    expect(JSON.stringify(session)).not.toContain('tanstaaf');
  });

  it('decodes LOGIN by its Username:/Password: challenges', () => {
    const session = play([
      'S: 220 mx ESMTP', 'C: EHLO client', 'S: 250 mx',
      'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dGlt', 'S: 334 UGFzc3dvcmQ6',
      'C: c2VjcmV0', 'S: 535 5.7.8 Authentication credentials invalid',
    ]).session;
    expect(session.auth).toEqual({ mechanism: 'LOGIN', username: 'tim', succeeded: false });
    const last = session.exchanges.at(-1)!;
    expect(last.command?.line).toBe('password ********');
    expect(last.reply?.enhanced?.text).toBe('5.7.8');
  });
});

describe('BDAT (RFC 3030)', () => {
  it('rebuilds the section 4.2 example message of 86 octets', () => {
    const session = play([
      'S: 220 cnri.reston.va.us SMTP service ready',
      'C: EHLO ymir.claremont.edu',
      'S: 250-cnri.reston.va.us says hello',
      'S: 250 CHUNKING',
      'C: MAIL FROM:<Sam@Random.com>',
      'S: 250 <Sam@Random.com>... Sender ok',
      'C: RCPT TO:<Susan@Random.com>',
      'S: 250 <Susan@Random.com>... Recipient ok',
      'C: BDAT 86 LAST',
      'C: To: Susan@random.com',
      'C: From: Sam@random.com',
      'C: Subject: This is a bodyless test message',
      'S: 250 Message OK, 86 octets received',
      'C: QUIT',
      'S: 221 Goodbye',
    ]).session;
    const text = 'To: Susan@random.com\r\nFrom: Sam@random.com\r\n' +
      'Subject: This is a bodyless test message\r\n';
    expect(session.messages).toHaveLength(1);
    expect(new TextDecoder().decode(session.messages[0].bytes)).toBe(text);
    expect(session.messages[0]).toMatchObject({ via: 'BDAT', complete: true, accepted: true });
    expect(session.transactions[0].outcome).toBe('accepted');
    expect(session.exchanges.at(-1)!.reply!.code).toBe(221);
  });

  it('joins pipelined chunks, dot lines untouched', () => {
    const session = play([
      'S: 220 mx ESMTP', 'C: EHLO client', 'S: 250 CHUNKING',
      'C: MAIL FROM:<a@example.com>', 'C: RCPT TO:<b@example.com>', 'C: BDAT 5',
      'C: ..a', 'C: BDAT 3 LAST', 'C: .', 'S: 250 2.1.0 ok', 'S: 250 2.1.5 ok',
      'S: 250 2.0.0 5 octets', 'S: 250 2.0.0 queued',
    ]).session;
    expect(new TextDecoder().decode(session.messages[0].bytes)).toBe('..a\r\n.\r\n');
    expect(session.messages[0].accepted).toBe(true);
  });
});

describe('DATA', () => {
  it('an empty message, a refused DATA, and RSET', () => {
    const session = play([
      'S: 220 mx ESMTP', 'C: HELO client', 'S: 250 mx',
      'C: MAIL FROM:<>', 'S: 250 ok', 'C: DATA', 'S: 554 5.5.1 no valid recipients',
      'C: RSET', 'S: 250 2.0.0 ok',
      'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>',
      'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: .', 'S: 250 queued',
    ]).session;
    expect(session.transactions.map((each) => each.outcome)).toEqual(['reset', 'accepted']);
    expect(session.messages).toHaveLength(1);
    expect(session.messages[0].bytes.length).toBe(0);
    expect(session.exchanges[2].reply?.meaning).toBe('transaction failed');
  });
});

describe.skipIf(!sharedAvailable)('real streams in small pieces', () => {
  it('02: the client stream fed byte by byte rebuilds both messages exactly', () => {
    const name = '02-pipelining-multircpt-rset.pcap';
    const follow = tsharkFollow(name, 0);
    const builder = new SmtpSessionBuilder(conversation(), false, false);
    let frame = 1;
    for (const turn of follow.turns) {
      const side = turn.node === 0 ? 'client' : 'server';
      const step = side === 'client' ? 1 : 7;
      for (let at = 0; at < turn.bytes.length; at += step) {
        builder.data(side, turn.bytes.subarray(at, at + step), ++frame, frame);
      }
    }
    builder.finish();
    const dir = path.join(capturesDir, '02-pipelining-multircpt-rset.messages');
    const sent = ['msg1.eml', 'msg2.eml'].map((file) => readFileSync(path.join(dir, file)));
    const rebuilt = builder.session.messages.map((message) => Buffer.from(message.bytes));
    expect(rebuilt).toHaveLength(2);
    expect(rebuilt[0].equals(sent[0])).toBe(true);
    expect(rebuilt[1].equals(sent[1])).toBe(true);
    expect(builder.session.exchanges.map((each) => each.reply?.code)).toEqual(
      [250, 250, 250, 250, 550, 554, 354, 250, 250, 250, 250, 354, 250, 221]);
  });
});
