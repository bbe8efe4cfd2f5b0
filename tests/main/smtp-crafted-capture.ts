// Test helper: a small SMTP session with AUTH PLAIN and a multipart message, as a pcap file.
// No shared capture has AUTH or MIME parts, so this one is written with the engine's writer.

import type { PacketRecord } from '../../src/engine/files/packet-record';
import { writePcap } from '../../src/engine/files/pcap-writer';

export const CRAFTED = {
  client: { address: [192, 0, 2, 10], port: 40000 },
  server: { address: [192, 0, 2, 25], port: 25 },
  username: 'alice',
  password: 's3cret-pass',
};

const credentials = Buffer.from(`\0${CRAFTED.username}\0${CRAFTED.password}`)
  .toString('base64');

export const CRAFTED_MESSAGE = [
  'From: =?UTF-8?B?QWxpY2Ugw4VuZ3N0csO2bQ==?= <alice@example.org>',
  'To: bob@example.net',
  'Subject: =?UTF-8?Q?Caf=C3=A9_report?= <b>bold</b>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: multipart/alternative; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'plain body',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>html body</p>',
  '--inner--',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'JVBERi0xLjQK',
  '--outer--',
  '',
].join('\r\n');

/** Who says what, in order: [true for the client, text]. */
const DIALOGUE: Array<[boolean, string]> = [
  [false, '220 mx.example.net ESMTP\r\n'],
  [true, 'EHLO client.example.org\r\n'],
  [false, '250-mx.example.net\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n'],
  [true, `AUTH PLAIN ${credentials}\r\n`],
  [false, '235 2.7.0 Authentication successful\r\n'],
  [true, 'MAIL FROM:<alice@example.org>\r\n'],
  [false, '250 2.1.0 Ok\r\n'],
  [true, 'RCPT TO:<bob@example.net>\r\n'],
  [false, '250 2.1.5 Ok\r\n'],
  [true, 'DATA\r\n'],
  [false, '354 End data with <CR><LF>.<CR><LF>\r\n'],
  [true, `${CRAFTED_MESSAGE}.\r\n`],
  [false, '250 2.0.0 Ok: queued as 4F00D\r\n'],
  [true, 'QUIT\r\n'],
  [false, '221 2.0.0 Bye\r\n'],
];

const SYN = 0x02;
const ACK = 0x10;
const PSH = 0x08;
const FIN = 0x01;

function sum16(bytes: Uint8Array, from: number, to: number, start = 0): number {
  let sum = start;
  for (let at = from; at < to; at += 2) sum += (bytes[at] << 8) | (bytes[at + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** Ethernet, IPv4 and TCP headers with correct checksums, then the payload. */
function frame(fromClient: boolean, seq: number, ack: number, flags: number,
  payload: Uint8Array): Uint8Array {
  const source = fromClient ? CRAFTED.client : CRAFTED.server;
  const target = fromClient ? CRAFTED.server : CRAFTED.client;
  const bytes = new Uint8Array(14 + 20 + 20 + payload.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, 0x5e, 0, 0x53, fromClient ? 2 : 1, 0, 0, 0x5e, 0, 0x53,
    fromClient ? 1 : 2, 0x08, 0x00]);
  view.setUint8(14, 0x45);
  view.setUint16(16, 40 + payload.length);
  view.setUint8(22, 64);
  view.setUint8(23, 6);
  bytes.set(source.address, 26);
  bytes.set(target.address, 30);
  view.setUint16(24, ~sum16(bytes, 14, 34) & 0xffff);
  view.setUint16(34, source.port);
  view.setUint16(36, target.port);
  view.setUint32(38, seq >>> 0);
  view.setUint32(42, ack >>> 0);
  view.setUint8(46, 0x50);
  view.setUint8(47, flags);
  view.setUint16(48, 65535);
  bytes.set(payload, 54);
  const pseudo = sum16(bytes, 26, 34, 6 + 20 + payload.length);
  view.setUint16(50, ~sum16(bytes, 34, bytes.length, pseudo) & 0xffff);
  return bytes;
}

/** The whole session: handshake, the dialogue a segment per turn, FIN from each side. */
export function craftedSmtpCapture(): Buffer {
  let clientSeq = 1000;
  let serverSeq = 5000;
  let time = 1_700_000_000;
  const frames: Uint8Array[] = [
    frame(true, clientSeq++, 0, SYN, new Uint8Array()),
    frame(false, serverSeq++, clientSeq, SYN | ACK, new Uint8Array()),
    frame(true, clientSeq, serverSeq, ACK, new Uint8Array()),
  ];
  for (const [fromClient, text] of DIALOGUE) {
    const payload = new TextEncoder().encode(text);
    if (fromClient) {
      frames.push(frame(true, clientSeq, serverSeq, PSH | ACK, payload));
      clientSeq += payload.length;
    } else {
      frames.push(frame(false, serverSeq, clientSeq, PSH | ACK, payload));
      serverSeq += payload.length;
    }
  }
  frames.push(frame(true, clientSeq++, serverSeq, FIN | ACK, new Uint8Array()));
  frames.push(frame(false, serverSeq++, clientSeq, FIN | ACK, new Uint8Array()));
  frames.push(frame(true, clientSeq, serverSeq, ACK, new Uint8Array()));

  const records: PacketRecord[] = frames.map((data) => ({
    fileOffset: 0, interfaceId: 0, linkType: 1, hasTimestamp: true,
    seconds: time, nanoseconds: (time++ % 7) * 1000, capturedLength: data.length,
    originalLength: data.length, data,
  }));
  const chunks = [...writePcap([{ id: 0, linkType: 1, snapLength: 65535,
    ticksPerSecond: 1e6 }], records)];
  return Buffer.concat(chunks);
}
