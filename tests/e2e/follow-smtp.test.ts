// A user follows the SMTP session of the Postfix relay capture: dialogue, raw, message, .eml.
/// <reference lib="dom" />

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRAFTED, craftedSmtpCapture } from '../main/smtp-crafted-capture';
import { tshark, tsharkFollow, tsharkSmtpStreams, tsharkStreams } from '../main/smtp-tshark';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { capturesDir, hasSharedData, repoRoot, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');
const emlPath = join(capturesDir, '01-seed-postfix-relay.messages', 'msg1.eml');
const screenshots = join(repoRoot, 'test-results');
const ready = hasSharedData && hasChromium;
if (!hasChromium) console.warn('[e2e] skipping: /usr/bin/chromium is not installed');

interface SmtpRow {
  frame: number;
  commands: string[];
  parameters: string[];
  codes: string[];
  replies: string[];
}

/** tshark's SMTP fields per frame: several commands or replies in one frame are comma-joined. */
function tsharkSmtp(file: string): SmtpRow[] {
  const out = tshark(['-r', file, '-Y', 'smtp', '-T', 'fields', '-E', 'occurrence=a',
    '-E', 'aggregator=|', '-e', 'frame.number', '-e', 'smtp.req.command',
    '-e', 'smtp.req.parameter', '-e', 'smtp.response.code', '-e', 'smtp.rsp.parameter']);
  return out.split('\n').filter(Boolean).map((line) => {
    const [frame, commands, parameters, codes, replies] = line.split('\t');
    const list = (text: string) => (text ? text.split('|') : []);
    return { frame: Number(frame), commands: list(commands), parameters: list(parameters),
      codes: list(codes), replies: list(replies) };
  });
}

/** Frame numbers of tcpdump lines whose TCP flags match. */
function framesWithFlags(file: string, flags: RegExp): number[] {
  return tcpdump(['-nn', '-r', file]).trim().split('\n')
    .flatMap((line, index) => (flags.test(line) ? [index + 1] : []));
}

function header(eml: string, name: string): string {
  return new RegExp(`^${name}: (.*)\\r$`, 'm').exec(eml)?.[1] ?? `(no ${name})`;
}

async function phaseLines(page: Page, kind: string): Promise<string[]> {
  const phase = page.locator(`.follow-smtp .smtp-phase[data-kind="${kind}"]`);
  return phase.locator('.smtp-line').evaluateAll((lines) => lines.map((line) => {
    const side = line.getAttribute('data-side');
    const packets = Array.from(line.querySelectorAll('.smtp-packet'), (link) =>
      link.textContent).join(',');
    return `${side} [${packets}] ${line.querySelector('.smtp-text')?.textContent}`;
  }));
}

/**
 * Clicks packet `number`'s row, scrolled into view first: the list draws only the rows in
 * view and a few beyond (no filter here, so row N - 1 is packet N).
 */
async function clickPacket(page: Page, number: number): Promise<void> {
  await page.locator('.packet-list-viewport').evaluate((viewport, top) => {
    viewport.scrollTop = top;
  }, Math.max(0, (number - 3) * 22));
  await page.locator(`.packet-row[data-number="${number}"]`).click();
}

async function openAndFollow(page: Page, file: string, packet: number): Promise<void> {
  await page.setInputFiles('input[type=file]', file);
  await expect.poll(() => page.locator('.status-file').textContent()).toBe(basename(file));
  const expected = tcpdump(['-nn', '-r', file]).trim().split('\n').length;
  await expect.poll(() => page.getByTestId('packet-count').textContent())
    .toBe(`${expected} packets`);
  await clickPacket(page, packet);
  await page.getByRole('button', { name: 'Follow SMTP', exact: true }).click();
  await page.locator('.follow-smtp .smtp-phase').first().waitFor();
}

describe.runIf(ready)('web mode: follow SMTP', () => {
  let opened: AppPage | undefined;
  let page: Page;
  let scratch: string;

  beforeAll(async () => {
    opened = await openAppPage({
      page: { viewport: { width: 1600, height: 1000 }, acceptDownloads: true },
    });
    ({ page } = opened);
    scratch = mkdtempSync(join(tmpdir(), 'tapline-follow-smtp-'));
  });

  afterAll(async () => {
    await opened?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the dialogue in phases, as tshark and tcpdump read the capture', async () => {
    const rows = tsharkSmtp(capture);
    const pipelined = rows.find((row) => row.commands.includes('MAIL'))!;
    await openAndFollow(page, capture, pipelined.frame);

    const handshake = framesWithFlags(capture, /Flags \[S\]|Flags \[S\.\]/);
    const firstAck = framesWithFlags(capture, /Flags \[\.\]/)[0];
    const handshakeFacts = page.locator('.smtp-phase[data-kind="handshake"] .smtp-fact')
      .first().locator('.smtp-packet');
    expect(await handshakeFacts.allTextContents())
      .toEqual([...handshake, firstAck].map(String));

    const greeting = rows.find((row) => row.codes[0] === '220')!;
    expect(await phaseLines(page, 'greeting'))
      .toEqual([`server [${greeting.frame}] 220 ${greeting.replies[0]}`]);

    const ehlo = rows.find((row) => row.commands.includes('EHLO'))!;
    const ehloReply = rows.find((row) => row.frame > ehlo.frame && row.codes.length > 0)!;
    const [domain, ...extensions] = ehloReply.replies;
    const ehloLines = await phaseLines(page, 'ehlo');
    expect(ehloLines[0]).toBe(`client [${ehlo.frame}] EHLO ${ehlo.parameters[0]}`);
    expect(ehloLines.slice(1)).toEqual([domain, ...extensions].map((text, index) =>
      `server [${ehloReply.frame}] 250${index === extensions.length ? ' ' : '-'}${text}`));
    const shownExtensions = page.getByRole('list', { name: 'EHLO extensions' })
      .locator('li');
    expect(await shownExtensions.allTextContents()).toEqual(extensions);

    // MAIL, RCPT and DATA in one segment; their three replies in the next. tshark lists
    // parameters only for the commands that have one, so DATA has none.
    const replies = rows.find((row) => row.frame > pipelined.frame && row.codes.length > 0)!;
    const expected = pipelined.commands.flatMap((command, index) => [
      `client [${pipelined.frame}] ${command} ${pipelined.parameters[index] ?? ''}`.trimEnd(),
      `server [${replies.frame}] ${replies.codes[index]} ${replies.replies[index]}`,
    ]);
    expect(await phaseLines(page, 'transaction')).toEqual(expected);
    const latencies = page.locator('.smtp-phase[data-kind="transaction"] .smtp-latency');
    expect(await latencies.count()).toBe(3);
    expect(await latencies.first().textContent()).toMatch(/^\d+\.\d{3} ms$/);

    const eml = readFileSync(emlPath, 'utf8');
    const message = page.locator('.smtp-message');
    expect(await message.locator('dd[data-field="from"]').textContent())
      .toBe(header(eml, 'From'));
    expect(await message.locator('dd[data-field="to"]').textContent()).toBe(header(eml, 'To'));
    expect(await message.locator('dd[data-field="subject"]').textContent())
      .toBe(header(eml, 'Subject'));
    expect(await message.locator('.smtp-message-state').textContent())
      .toContain(`${Buffer.byteLength(eml)} bytes by DATA`);

    const bye = rows.find((row) => row.codes.includes('221'))!;
    const quitLines = await phaseLines(page, 'quit');
    expect(quitLines[1]).toBe(`server [${bye.frame}] 221 ${bye.replies.at(-1)}`);
    expect(quitLines[0]).toMatch(/^client \[\d+\] QUIT$/);

    const fins = framesWithFlags(capture, /Flags \[F/);
    const teardown = page.locator('.smtp-phase[data-kind="teardown"] .smtp-packet');
    expect(await teardown.allTextContents()).toEqual(fins.map(String));

    const kinds = await page.locator('.follow-smtp .smtp-phase').evaluateAll((phases) =>
      phases.map((phase) => phase.getAttribute('data-kind')));
    expect(kinds).toEqual(['handshake', 'greeting', 'ehlo', 'transaction', 'message', 'quit',
      'teardown']);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'follow-smtp.png') });
  });

  it('selects a packet when its number is clicked', async () => {
    const greeting = tsharkSmtp(capture).find((row) => row.codes[0] === '220')!;
    await page.locator('.smtp-phase[data-kind="greeting"] .smtp-packet').click();
    const row = page.locator(`.packet-row[data-number="${greeting.frame}"]`);
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
  });

  it('saves the message as the .eml the server received', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save .eml' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('session-0-message-1.eml');
    const saved = join(scratch, 'saved.eml');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(readFileSync(emlPath))).toBe(true);
  });

  it('shows the raw stream as tshark follows it, in two colours', async () => {
    await page.getByRole('button', { name: 'Raw ASCII' }).click();
    const raw = page.getByLabel('Raw stream');
    await raw.waitFor();
    const chunks = await raw.locator('.smtp-chunk').evaluateAll((spans) => spans.map((span) =>
      ({ side: span.getAttribute('data-side'), text: span.textContent })));
    const theirs = tsharkFollow(capture, 0);
    // In SMTP the server speaks first: the 220 greeting.
    const server = theirs[0].from;
    expect(chunks).toEqual(theirs.map((chunk) => ({
      side: chunk.from === server ? 'server' : 'client', text: chunk.text })));
    const colours = await raw.locator('.smtp-chunk').evaluateAll((spans) =>
      new Set(spans.map((span) => getComputedStyle(span).color)).size);
    expect(colours).toBe(2);
    await page.screenshot({ path: join(screenshots, 'follow-smtp-raw.png') });
    await page.getByRole('button', { name: 'Dialogue' }).click();
  });

  it('shows markup in the payload as text, never as HTML', async () => {
    // The seed capture with two payload strings replaced by markup of the same length, so
    // every length and sequence number stays right.
    const bytes = Buffer.from(readFileSync(capture));
    const swaps: Array<[string, string]> = [
      ['mx.example.net ESMTP Postfix', '<script>alert(1)</script>   '],
      ['test mail from mail.example.com', '<img src=x onerror="alert(22)">'],
    ];
    for (const [from, to] of swaps) {
      expect(to.length).toBe(from.length);
      let at = bytes.indexOf(from);
      expect(at).toBeGreaterThan(0);
      for (; at >= 0; at = bytes.indexOf(from, at)) bytes.write(to, at, 'latin1');
    }
    const hostile = join(scratch, 'hostile.pcap');
    writeFileSync(hostile, bytes);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await openAndFollow(page, hostile, 4);
    expect(await phaseLines(page, 'greeting'))
      .toEqual([`server [4] 220 ${swaps[0][1]}`]);
    expect(await page.locator('.smtp-message dd[data-field="subject"]').textContent())
      .toBe(swaps[1][1]);
    const injected = await page.locator('.follow-smtp').evaluate((panel) =>
      panel.querySelectorAll('script, img, [onerror]').length);
    expect(injected).toBe(0);

    await page.getByRole('button', { name: 'Raw ASCII' }).click();
    const raw = page.getByLabel('Raw stream');
    await expect.poll(() => raw.textContent()).toContain(swaps[0][1]);
    expect(await raw.textContent()).toContain(swaps[1][1]);
    expect(await raw.evaluate((pre) => pre.querySelectorAll('script, img').length)).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'follow-smtp-hostile.png') });
    await page.getByRole('button', { name: 'Dialogue' }).click();
  });

  it('masks AUTH credentials until the user clicks Reveal', async () => {
    const crafted = join(scratch, 'auth.pcap');
    writeFileSync(crafted, craftedSmtpCapture());
    await openAndFollow(page, crafted, 7);
    const panel = page.locator('.follow-smtp');
    const auth = page.locator('.smtp-phase[data-kind="auth"]');
    await expect.poll(() => auth.locator('.smtp-line').first().textContent())
      .toContain('[credentials masked]');
    expect(await panel.textContent()).not.toContain(CRAFTED.password);

    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect.poll(() => page.locator('.smtp-auth').textContent())
      .toContain(`password ${CRAFTED.password}`);
    expect(await auth.locator('.smtp-line').first().textContent()).toMatch(/AUTH PLAIN \S+=*$/);
    await page.getByRole('button', { name: 'Hide credentials' }).click();
    await expect.poll(() => panel.textContent()).not.toContain(CRAFTED.password);
  });

  it('switches between the sessions of a file', async () => {
    const twoSessions = sharedCapture('08-two-ifaces.pcapng');
    const streams = tsharkSmtpStreams(twoSessions);
    expect(streams.length).toBe(2);
    const first = tsharkStreams(twoSessions).indexOf(streams[1]) + 1;
    await openAndFollow(page, twoSessions, first);
    expect(await page.locator('.follow-smtp h2').textContent())
      .toBe(`SMTP session ${streams[1]}`);

    const picker = page.getByRole('combobox', { name: 'SMTP session' });
    const values = await picker.locator('option').evaluateAll((options) =>
      options.map((option) => Number(option.getAttribute('value'))));
    expect(values).toEqual(streams);
    await picker.selectOption(String(streams[0]));
    await expect.poll(() => page.locator('.follow-smtp h2').textContent())
      .toBe(`SMTP session ${streams[0]}`);
  });

  it('follows the selected packet with Ctrl+Shift+S, or says why it cannot', async () => {
    // Still the two-interface capture, which also holds packets outside any TCP stream.
    const file = sharedCapture('08-two-ifaces.pcapng');
    const streams = tsharkStreams(file);
    const notTcp = streams.findIndex((stream) => Number.isNaN(stream)) + 1;
    const smtp = tsharkSmtpStreams(file)[0];
    expect(notTcp).toBeGreaterThan(0);

    await page.locator('.follow-smtp-close').click();
    await clickPacket(page, notTcp);
    await page.keyboard.press('Control+Shift+S');
    await expect.poll(() => page.locator('.status-bar').textContent())
      .toContain(`packet ${notTcp} is not part of an SMTP session`);
    expect(await page.locator('.follow-smtp').count()).toBe(0);

    await clickPacket(page, streams.indexOf(smtp) + 1);
    await page.keyboard.press('Control+Shift+S');
    await expect.poll(() => page.locator('.follow-smtp h2').textContent())
      .toBe(`SMTP session ${smtp}`);
  });
});
