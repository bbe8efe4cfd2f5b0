// A user draws the TCP ladder of a packet's conversation and moves through it; tcpdump and
// tshark read the same captures and say what each arrow must read.
/// <reference lib="dom" />

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tshark } from '../main/smtp-tshark';
import { hasChromium, launchChromium } from '../support/chromium';
import {
  canCaptureOnLo, captureLongConversation, pingPongPair,
} from '../support/long-tcp-capture';
import { hasSharedData, repoRoot, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';
import { startWebMode, type RunningApp } from '../support/web-mode';

const relay = sharedCapture('01-seed-postfix-relay.pcap');
const ipv6 = sharedCapture('06-ipv6.pcap');
const lossy = sharedCapture('09-lossy-dev.pcap');
const screenshots = join(repoRoot, 'test-results');
const ready = hasSharedData && hasChromium;
if (!hasChromium) console.warn('[e2e] skipping: /usr/bin/chromium is not installed');
if (!canCaptureOnLo) console.warn('[e2e] skipping the long ladder: capturing on lo needs root');

interface TcpdumpLine {
  number: number;
  time: number;
  from: string;
  to: string;
  flags: string;
  seq?: string;
  ack?: string;
  length: number;
  options?: string;
}

/** tcpdump -nn -tt's TCP lines, by packet number; other packets are left out. */
function tcpdumpTcp(file: string): TcpdumpLine[] {
  const pattern = new RegExp(String.raw`^(\d+\.\d+) IP6? (\S+) > (\S+): Flags \[([^\]]+)\]` +
    String.raw`(?:, seq (\d+(?::\d+)?))?(?:, ack (\d+))?.*?(?:, options \[([^\]]*)\])?` +
    String.raw`, length (\d+)`);
  return tcpdump(['-nn', '-tt', '-r', file]).trim().split('\n').flatMap((line, index) => {
    const match = pattern.exec(line);
    if (!match) return [];
    const [, time, from, to, flags, seq, ack, options, length] = match;
    return [{ number: index + 1, time: Number(time), from, to, flags, seq, ack,
      length: Number(length), options }];
  });
}

/** The packets of the conversation `number` is in: same two endpoints, either way. */
function conversationOf(lines: TcpdumpLine[], number: number): TcpdumpLine[] {
  const own = lines.find((line) => line.number === number)!;
  const ends = [own.from, own.to].sort().join(' ');
  return lines.filter((line) => [line.from, line.to].sort().join(' ') === ends);
}

/** What a SYN offered, in the order the ladder names it: "mss 1460, wscale 10, sackOK, TS". */
function offerOf(options: string): string {
  const mss = /mss (\d+)/.exec(options)?.[1];
  const scale = /wscale (\d+)/.exec(options)?.[1];
  return [mss && `mss ${mss}`, scale && `wscale ${scale}`,
    options.includes('sackOK') && 'sackOK', options.includes('TS val') && 'TS']
    .filter(Boolean).join(', ');
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.setInputFiles('input[type=file]', file);
  await expect.poll(() => page.locator('.status-file').textContent()).toBe(basename(file));
  const expected = tcpdump(['-nn', '-r', file]).trim().split('\n').length;
  await expect.poll(() => page.getByTestId('packet-count').textContent())
    .toBe(`${expected.toLocaleString('en-US')} packets`);
}

async function selectRow(page: Page, number: number): Promise<void> {
  const row = page.locator('.packet-row').nth(number - 1);
  await row.click();
  await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
}

/** The number of segments the ladder's summary gives: long ladders draw only rows in view. */
async function segmentCount(panel: Locator): Promise<number> {
  const text = await panel.locator('.ladder-summary').textContent() ?? '';
  return Number(/([\d,]+) segments/.exec(text)?.[1].replace(/,/g, '') ?? NaN);
}

function selectedRowNumber(page: Page): Promise<string | null> {
  return page.locator('.packet-row[aria-selected="true"] .cell').first().textContent();
}

describe.runIf(ready)('web mode: TCP ladder', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let scratch: string;

  beforeAll(async () => {
    // Live captures spool here too, and go with the folder.
    scratch = mkdtempSync(join(tmpdir(), 'tapline-ladder-'));
    app = await startWebMode([], { TAPLINE_SPOOL_DIR: scratch });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(app.url);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('draws every segment of the conversation as tcpdump prints it', async () => {
    const theirs = conversationOf(tcpdumpTcp(relay), 4);
    await openFile(page, relay);
    await selectRow(page, 4);
    await page.getByRole('button', { name: 'TCP ladder', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'TCP ladder' });
    const arrows = panel.locator('.ladder-arrow');
    await expect.poll(() => arrows.count()).toBe(theirs.length);
    expect(await segmentCount(panel)).toBe(theirs.length);

    const client = theirs[0].from;
    expect(await panel.locator('.ladder-host.client').textContent()).toBe(client);
    expect(await panel.locator('.ladder-host.server').textContent()).toBe(theirs[0].to);

    const shown = await arrows.evaluateAll((buttons) => buttons.map((button) => ({
      packet: Number(button.getAttribute('data-packet')),
      side: button.classList.contains('client') ? 'client' : 'server',
      label: button.querySelector('.ladder-label')?.textContent,
    })));
    expect(shown[0].label).toMatch(/^S seq 0 len 0$/);
    expect(shown.map((arrow) => arrow.packet)).toEqual(theirs.map((line) => line.number));
    expect(shown.map((arrow) => arrow.side))
      .toEqual(theirs.map((line) => (line.from === client ? 'client' : 'server')));
    // tcpdump prints a SYN's numbers absolute and every later one relative, as the ladder does.
    theirs.forEach((line, index) => {
      if (line.flags.includes('S')) {
        expect(shown[index].label).toMatch(new RegExp(`^${line.flags.replace('.', '\\.')} `));
        return;
      }
      const words = [line.flags, line.seq && `seq ${line.seq}`, line.ack && `ack ${line.ack}`,
        `len ${line.length}`].filter(Boolean).join(' ');
      expect(shown[index].label, `packet ${line.number}`).toBe(words);
    });
  });

  it('marks the phases and gives the handshake RTT and each SYN’s options', async () => {
    const theirs = conversationOf(tcpdumpTcp(relay), 4);
    const panel = page.getByRole('complementary', { name: 'TCP ladder' });
    const headings = await panel.locator('.ladder-phase').allTextContents();
    expect(headings).toEqual(['Handshake', 'Data', 'Teardown']);

    // Handshake: SYN, SYN/ACK and the client's ACK; teardown from the first FIN on.
    const firstFin = theirs.findIndex((line) => /[FR]/.test(line.flags));
    const phases = await panel.locator('.ladder-arrow').evaluateAll((buttons) =>
      buttons.map((button) => button.getAttribute('data-phase')));
    expect(phases).toEqual(theirs.map((_, index) => (index < 3 ? 'handshake'
      : index >= firstFin ? 'teardown' : 'data')));

    const rttMicros = Math.round((theirs[2].time - theirs[0].time) * 1e6);
    expect(await panel.locator('[data-field="handshake"]').textContent())
      .toContain(`Handshake RTT ${rttMicros} µs`);
    expect(await panel.locator('[data-field="client-offer"]').textContent())
      .toBe(offerOf(theirs[0].options!));
    expect(await panel.locator('[data-field="server-offer"]').textContent())
      .toBe(offerOf(theirs[1].options!));
    expect(await panel.locator('.ladder-truncated').count()).toBe(0);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'tcp-ladder.png') });
  });

  it('selects the packet of a clicked arrow, or of the arrow Enter is pressed on', async () => {
    const arrows = page.locator('.ladder-arrow');
    await arrows.nth(0).click();
    await expect.poll(() => selectedRowNumber(page)).toBe('1');
    await arrows.nth(3).click();
    await expect.poll(() => selectedRowNumber(page)).toBe('4');
    expect(await arrows.nth(3).getAttribute('aria-current')).toBe('true');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() =>
      document.activeElement?.getAttribute('data-packet'))).toBe('6');
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedRowNumber(page)).toBe('6');
  });

  it('says so for a packet that is not TCP, and opens with Ctrl+Shift+L', async () => {
    const tcp = new Set(tcpdumpTcp(ipv6).map((line) => line.number));
    const total = tcpdump(['-nn', '-r', ipv6]).trim().split('\n').length;
    const other = Array.from({ length: total }, (_, index) => index + 1)
      .find((number) => !tcp.has(number))!;
    expect(other).toBeDefined();
    await openFile(page, ipv6);
    await selectRow(page, other);
    await page.keyboard.press('Control+Shift+L');
    const panel = page.getByRole('complementary', { name: 'TCP ladder' });
    await expect.poll(() => panel.getByRole('alert').textContent())
      .toBe(`Packet ${other} is not part of a TCP conversation.`);
    expect(await panel.locator('.ladder-arrow').count()).toBe(0);

    // Another packet of the same file, a TCP one, draws its ladder in the same panel.
    const tcpPacket = [...tcp][0];
    await selectRow(page, tcpPacket);
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => panel.locator('.ladder-arrow').count())
      .toBe(conversationOf(tcpdumpTcp(ipv6), tcpPacket).length);
  });

  it('draws only the rows in view of a long conversation, notes in the warning colour',
    async () => {
      const theirs = conversationOf(tcpdumpTcp(lossy), 1);
      const duplicateAcks = tshark(['-r', lossy, '-Y', 'tcp.analysis.duplicate_ack',
        '-T', 'fields', '-e', 'frame.number']).trim().split('\n').map(Number);
      await openFile(page, lossy);
      await selectRow(page, 1);
      await page.getByRole('button', { name: 'TCP ladder', exact: true }).click();
      const panel = page.getByRole('complementary', { name: 'TCP ladder' });
      const arrows = panel.locator('.ladder-arrow');
      await arrows.first().waitFor();
      expect(await panel.textContent()).toContain(`${theirs.length} segments`);
      const drawn = await arrows.count();
      expect(drawn).toBeGreaterThan(5);
      expect(drawn).toBeLessThan(theirs.length / 2);

      // End goes to the last arrow, drawn once the list has scrolled to it.
      await arrows.first().focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.evaluate(() =>
        document.activeElement?.getAttribute('data-packet')))
        .toBe(String(theirs.at(-1)!.number));
      await page.keyboard.press('Enter');
      await expect.poll(() => selectedRowNumber(page)).toBe(String(theirs.at(-1)!.number));

      // A packet tshark calls a duplicate ACK, selected in the list, comes into view noted.
      const packet = duplicateAcks[0];
      await page.getByRole('button', { name: 'TCP ladder', exact: true }).focus();
      await page.keyboard.press('Control+G');
      await page.keyboard.type(String(packet));
      await page.keyboard.press('Enter');
      const arrow = panel.locator(`.ladder-arrow[data-packet="${packet}"]`);
      await expect.poll(() => arrow.locator('.ladder-note').allTextContents())
        .toContain('duplicate ACK');
      const colours = await arrow.evaluate((button) => ({
        note: getComputedStyle(button.querySelector('.ladder-note')!).color,
        label: getComputedStyle(button.querySelector('.ladder-label')!).color,
        warning: getComputedStyle(document.documentElement).getPropertyValue('--warning'),
      }));
      expect(colours.note).not.toBe(colours.label);
      expect(colours.warning.trim()).not.toBe('');
      await page.screenshot({ path: join(screenshots, 'tcp-ladder-lossy.png') });
    });

  it.runIf(canCaptureOnLo)('cuts a conversation longer than 5000 segments, and says so; scrolls it',
    async () => {
      const file = join(scratch, 'long.pcap');
      await captureLongConversation(file, 3000);
      const theirs = tcpdumpTcp(file);
      expect(theirs.length).toBeGreaterThan(5000);
      await openFile(page, file);
      await selectRow(page, 1);
      const asked = Date.now();
      await page.keyboard.press('Control+Shift+L');
      const panel = page.getByRole('complementary', { name: 'TCP ladder' });
      const arrows = panel.locator('.ladder-arrow');
      await panel.locator('.ladder-arrow[data-packet="1"]').waitFor();
      const openMs = Date.now() - asked;
      expect(await panel.locator('.ladder-truncated').textContent()).toBe('Only the first ' +
        `5,000 segments are drawn (up to packet ${theirs[4999].number}): the conversation ` +
        'goes on after them.');
      expect(await arrows.count()).toBeLessThan(100);

      // Scrolled a screen per frame through 400 screens' worth, the panel keeps drawing only
      // what is in view, and the arrows in view are the ones at that height.
      const frames = await panel.locator('.ladder-scroller').evaluate(async (scroller) => {
        const times: number[] = [];
        for (let frame = 0; frame < 200; frame++) {
          scroller.scrollTop += 400;
          times.push(await new Promise<number>((done) => requestAnimationFrame(done)));
        }
        const gaps = times.slice(1).map((time, index) => time - times[index]).sort((a, b) => a - b);
        return { median: gaps[gaps.length >> 1], p95: gaps[Math.floor(gaps.length * 0.95)],
          max: gaps.at(-1)!, scrollTop: scroller.scrollTop };
      });
      await expect.poll(() => arrows.count()).toBeLessThan(100);
      const firstDrawn = Number(await arrows.first().getAttribute('data-index'));
      const rowsAbove = frames.scrollTop / 40;
      expect(firstDrawn).toBeGreaterThan(rowsAbove - 20);
      expect(firstDrawn).toBeLessThan(rowsAbove + 5);
      console.log(`[ladder] ${theirs.length} packets: opened in ${openMs} ms; scrolling ` +
        `frame gaps median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, ` +
        `max ${frames.max.toFixed(1)} ms`);

      await arrows.first().focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.evaluate(() =>
        document.activeElement?.getAttribute('data-packet'))).toBe(String(theirs[4999].number));
    });

  it.runIf(canCaptureOnLo)('draws a live capture\'s conversation again on Redraw', async () => {
    const pair = await pingPongPair('127.0.0.73');
    try {
      await page.getByRole('button', { name: 'Capture…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Capture' });
      await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
      await dialog.locator('input[name=filter]').fill(`host 127.0.0.73 and port ${pair.port}`);
      await dialog.getByRole('button', { name: 'Start' }).click();
      const status = page.getByTestId('capture-status');
      await expect.poll(() => status.textContent()).toMatch(/^Capturing on lo/);

      const count = async () => Number((await page.getByTestId('packet-count').textContent())
        ?.replace(/\D/g, ''));
      await pair.connect();
      await pair.exchange(5);
      // Handshake, then a message and its answer each time; the count may still grow by the
      // answers' delayed ACKs.
      await expect.poll(count).toBeGreaterThanOrEqual(13);
      await selectRow(page, 1);
      await page.keyboard.press('Control+Shift+L');
      const panel = page.getByRole('complementary', { name: 'TCP ladder' });
      const arrows = panel.locator('.ladder-arrow');
      await expect.poll(() => segmentCount(panel)).toBeGreaterThanOrEqual(13);
      const before = await segmentCount(panel);

      await pair.exchange(5);
      await pair.close();
      await page.getByRole('button', { name: 'Stop capture' }).click();
      await expect.poll(() => status.textContent()).toMatch(/packets captured/);
      const spool = await status.getAttribute('title');
      const theirs = tcpdumpTcp(spool!);
      expect(theirs.length).toBeGreaterThan(before);
      expect(await segmentCount(panel)).toBe(before);
      await panel.getByRole('button', { name: 'Redraw' }).click();
      await expect.poll(() => segmentCount(panel)).toBe(theirs.length);
      await arrows.first().focus();
      await page.keyboard.press('End');
      await expect.poll(() => page.evaluate(() =>
        document.activeElement?.getAttribute('data-packet'))).toBe(String(theirs.at(-1)!.number));
      await expect.poll(() => panel.locator('.ladder-phase').last().textContent())
        .toBe('Teardown');
    } finally {
      await pair.close();
    }
  });
});
