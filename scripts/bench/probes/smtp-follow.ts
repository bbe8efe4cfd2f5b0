// Probe: rebuilds SMTP from a file and finds one message, in a fresh process.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { compileFilter } from '../../../src/engine/filter/compile-filter';
import { smtpCaptureSink } from '../../../src/engine/smtp/analyze-capture';
import { argument, report, startClock } from './probe-io';

const path = argument(0, 'capture file');
const wantedSize = Number(argument(1, 'size of the message to find, in bytes'));
/**
 * With an expression naming one conversation, only its packets reach the SMTP analyzer, as
 * a "follow" would do; without one, every session of the file is rebuilt. Frame numbers in
 * the rebuilt session then count the packets that passed, which this figure does not use.
 */
const expression = process.argv[4];

const clock = startClock();
const filter = expression ? compileFilter(expression) : undefined;
const smtp = smtpCaptureSink();
const parser = createCaptureParser({
  packet(record) {
    if (filter && !filter.matches(record.linkType, record.data, record.originalLength)) return;
    smtp.sink.packet(record);
  },
});
const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
for await (const chunk of stream as AsyncIterable<Buffer>) parser.push(chunk);
parser.end();
const result = smtp.finish();
const found = result.sessions
  .flatMap((session) => session.messages.map((message) => ({ session, message })))
  .find(({ message }) => message.bytes.length === wantedSize);
const { ms, cpuMs } = clock();

if (!found) throw new Error(`no message of ${wantedSize} bytes among the SMTP sessions`);
const { client, server, conversation } = found.session;
report({
  ms,
  cpuMs,
  analyzedPackets: result.packets,
  sessions: result.sessions.length,
  conversation,
  follow: `tcp and host ${client.address} and port ${client.port} and ` +
    `host ${server.address} and port ${server.port}`,
  messageBytes: found.message.bytes.length,
  sha256: createHash('sha256').update(found.message.bytes).digest('hex'),
});
