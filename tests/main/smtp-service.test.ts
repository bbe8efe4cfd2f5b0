// The smtp.* requests over every shared capture, against `tapline smtp`, tshark and the .eml files.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, toErrorShape } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import type { SmtpSessionItem, SmtpStream } from '../../src/shared/api';
import { buildCli, runCli, type BuiltCli } from '../cli/helpers/cli';
import { capturesDir, hasSharedData, sharedCapture } from '../support/shared-data';
import {
  tsharkFollow, tsharkSmtpStreams as runTsharkSmtpStreams, tsharkStreams,
} from './smtp-tshark';

const captures = hasSharedData
  ? readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name)).sort() : [];

/** tshark is slow to start: its SMTP streams are read once per capture. */
const smtpStreams = new Map<string, number[]>();
function tsharkSmtpStreams(file: string): number[] {
  if (!smtpStreams.has(file)) smtpStreams.set(file, runTsharkSmtpStreams(file));
  return smtpStreams.get(file)!;
}

async function openService(file: string): Promise<TaplineService> {
  const service = new TaplineService();
  const { loaded } = await service.openPath(file);
  await loaded;
  return service;
}

/** What `tapline smtp FILE` prints, read back into the fields of a session item. */
function cliSessions(cli: BuiltCli, file: string) {
  const result = runCli(cli, ['smtp', file]);
  expect(result.status).toBe(0);
  const blocks = result.stdout.split('\n\n').filter((block) => block.startsWith('session '));
  return blocks.map((block) => {
    const [head, , commands, ...rest] = block.split('\n');
    const [, conversation, client, server] = /^session (\d+): (\S+) -> (\S+)$/.exec(head)!;
    return {
      conversation: Number(conversation), client, server,
      commands: Number(/commands \((\d+)\)/.exec(commands)![1]),
      envelope: rest.filter((line) => line.startsWith('  envelope:'))
        .map((line) => /<([^>]*)> ->/.exec(line)![1]),
      messages: rest.filter((line) => line.startsWith('  message '))
        .map((line) => Number(/: (\d+) bytes/.exec(line)![1])),
      encrypted: /encrypted: yes/.test(block),
    };
  });
}

function summaryOf(item: SmtpSessionItem) {
  return {
    conversation: item.conversation, client: item.client, server: item.server,
    commands: item.commands,
    envelope: item.envelope.map((each) => each.mailFrom),
    messages: item.messages.map((each) => each.size),
    encrypted: item.encrypted,
  };
}

describe.runIf(hasSharedData)('smtp service over the shared captures', () => {
  let cli: BuiltCli;
  beforeAll(() => { cli = buildCli(); }, 60_000);
  afterAll(() => cli?.dispose());

  it.each(captures)('%s: the sessions `tapline smtp` lists, in the streams tshark calls SMTP',
    async (name) => {
      const file = sharedCapture(name);
      const service = await openService(file);
      try {
        const items = await service.smtp.sessions();
        expect(items.map(summaryOf)).toEqual(cliSessions(cli, file));
        expect(items.map((item) => item.conversation)).toEqual(tsharkSmtpStreams(file));
        expect(items.length).toBeGreaterThan(0);
      } finally {
        await service.close();
      }
    });

  it.each(captures)('%s: every packet of an SMTP stream opens that session', async (name) => {
    const file = sharedCapture(name);
    const service = await openService(file);
    try {
      const smtp = new Set(tsharkSmtpStreams(file));
      const streams = tsharkStreams(file);
      const ours: Array<number | null> = [];
      for (let number = 1; number <= streams.length; number++) {
        ours.push(await service.smtp.sessionForPacket(number));
      }
      expect(ours).toEqual(streams.map((stream) => (smtp.has(stream) ? stream : null)));
    } finally {
      await service.close();
    }
  });

  it.each(captures)('%s: complete messages are byte for byte the .eml files', async (name) => {
    const file = sharedCapture(name);
    const folder = join(capturesDir, name.replace(/\.pcap(ng)?$/, '.messages'));
    const sums = existsSync(join(folder, 'SHA256SUMS'))
      ? readFileSync(join(folder, 'SHA256SUMS'), 'utf8') : '';
    const service = await openService(file);
    try {
      let checked = 0;
      for (const item of await service.smtp.sessions()) {
        for (const { number } of item.messages) {
          const saved = await service.smtp.message(item.conversation, number);
          const bytes = Buffer.from(saved.base64, 'base64');
          expect(bytes.length).toBe(saved.size);
          if (!saved.complete) continue;
          expect(sums).toContain(createHash('sha256').update(bytes).digest('hex'));
          checked++;
        }
      }
      const encrypted = (await service.smtp.sessions()).every((item) => item.encrypted);
      if (!encrypted) expect(checked).toBeGreaterThan(0);
    } finally {
      await service.close();
    }
  });

  it.each(captures)('%s: the raw view is tshark follow ascii, chunk for chunk', async (name) => {
    const file = sharedCapture(name);
    const service = await openService(file);
    try {
      for (const item of await service.smtp.sessions()) {
        const stream: SmtpStream = await service.smtp.stream(item.conversation);
        const theirs = tsharkFollow(file, item.conversation);
        const side = (from: string) => (from === item.client ? 'client' : 'server');
        for (const who of ['client', 'server']) {
          const ourText = stream.chunks.filter((chunk) => chunk.side === who)
            .map((chunk) => chunk.text).join('');
          const theirText = theirs.filter((chunk) => side(chunk.from) === who)
            .map((chunk) => chunk.text).join('');
          expect(ourText, `${who} bytes of stream ${item.conversation}`).toBe(theirText);
        }
        expect(stream.chunks.map((chunk) => `${chunk.side} ${chunk.length}`))
          .toEqual(theirs.map((chunk) => `${side(chunk.from)} ${chunk.length}`));
      }
    } finally {
      await service.close();
    }
  });

  it('summarizes the seed message as its .eml file states it', async () => {
    const eml = readFileSync(join(capturesDir, '01-seed-postfix-relay.messages', 'msg1.eml'),
      'utf8');
    const header = (name: string) => new RegExp(`^${name}: (.*)\\r$`, 'm').exec(eml)?.[1];
    const service = await openService(sharedCapture('01-seed-postfix-relay.pcap'));
    try {
      const dialogue = await service.smtp.session(0);
      const [message] = dialogue.messages;
      expect(message).toMatchObject({ from: header('From'), to: header('To'),
        subject: header('Subject'), messageId: header('Message-ID'),
        size: Buffer.byteLength(eml) });
      expect(dialogue.phases.map((phase) => phase.kind)).toEqual(
        ['handshake', 'greeting', 'ehlo', 'transaction', 'message', 'quit', 'teardown']);
    } finally {
      await service.close();
    }
  });

  it('refuses bad parameters and unknown sessions with a code and a sentence', async () => {
    const service = await openService(sharedCapture('01-seed-postfix-relay.pcap'));
    const dispatch = createDispatcher(service, { mode: 'web', version: 'test' });
    const failure = async (method: string, params: unknown) =>
      toErrorShape(await dispatch(method, params).then(() => undefined, (error) => error));
    try {
      expect(await failure('smtp.session', { conversation: -1 }))
        .toMatchObject({ code: 'BAD_REQUEST' });
      expect(await failure('smtp.session', { conversation: 0, extra: 1 }))
        .toMatchObject({ code: 'BAD_REQUEST' });
      expect(await failure('smtp.session', { conversation: 7 }))
        .toMatchObject({ code: 'NO_SUCH_SESSION', message: expect.stringMatching(/: 0$/) });
      expect(await failure('smtp.message', { conversation: 0, message: 2 }))
        .toMatchObject({ code: 'NO_SUCH_MESSAGE' });
      expect(await failure('smtp.sessionForPacket', { number: 1000 }))
        .toMatchObject({ code: 'NO_SUCH_PACKET' });
      expect(await failure('smtp.stream', { conversation: '0' }))
        .toMatchObject({ code: 'BAD_REQUEST' });
    } finally {
      await service.close();
    }
  });
});
