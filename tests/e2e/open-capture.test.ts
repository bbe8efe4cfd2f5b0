// A user opens the Postfix relay capture in the browser UI, sees its packets and their bytes.
/// <reference lib="dom" />

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { hasSharedData, repoRoot, sharedCapture } from '../support/shared-data';
import { splitPackets, tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');
const screenshots = join(repoRoot, 'test-results');
const ready = hasSharedData && hasChromium;
if (!hasChromium) console.warn('[e2e] skipping: /usr/bin/chromium is not installed');

describe.runIf(ready)('web mode: open a capture', () => {
  let opened: AppPage | undefined;
  let page: Page;

  beforeAll(async () => {
    opened = await openAppPage({ page: { viewport: { width: 1280, height: 800 } } });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('lists as many packets as tcpdump reads', async () => {
    const expected = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    await page.setInputFiles('input[type=file]', capture);

    await expect.poll(() => page.getByTestId('packet-count').textContent())
      .toBe(`${expected} packets`);
    const grid = page.getByRole('grid', { name: 'Packets' });
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(expected));
    await expect.poll(() => page.locator('.packet-row').count()).toBe(expected);
  });

  it('shows tcpdump lines as Info', async () => {
    const lines = tcpdump(['-nn', '-t', '-r', capture]).trim().split('\n');
    const firstInfo = page.locator('.packet-row').first().locator('.col-info');
    await expect.poll(() => firstInfo.textContent()).toBe(lines[0]);
  });

  it('shows the selected packet bytes as tcpdump -XX lays them out', async () => {
    const number = 4;
    await page.locator('.packet-row').nth(number - 1).click();
    const pane = page.getByLabel('Packet bytes');
    await expect.poll(() => pane.getAttribute('data-packet')).toBe(String(number));

    const [, ...dump] = splitPackets(tcpdump(['-nn', '-XX', '-r', capture]))[number - 1];
    const expected = dump.map((line) => line.trim().replace(/\s+/g, ' '));
    await expect.poll(async () => {
      const rows = await pane.locator('.hex-row').allTextContents();
      return rows.length;
    }).toBe(expected.length);
    type Cell = { textContent: string | null };
    const shown = await pane.locator('.hex-row').evaluateAll((rows) => rows.map((row) =>
      Array.from(row.children, (cell: Cell) => cell.textContent ?? '').join(' ')));
    expect(shown.map((line) => line.trim().replace(/\s+/g, ' '))).toEqual(expected);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'web-open-capture.png') });
  });

  it('opens a file dropped on the window', async () => {
    const dropped = sharedCapture('06-ipv6.pcap');
    const expected = tcpdump(['-nn', '-r', dropped]).trim().split('\n').length;
    await dropFile(page, '06-ipv6.pcap', readFileSync(dropped));
    await expect.poll(() => page.locator('.status-file').textContent()).toBe('06-ipv6.pcap');
    await expect.poll(() => page.getByTestId('packet-count').textContent())
      .toBe(`${expected} packets`);
  });

  it('keeps the packets before damage in a broken file and says where it broke', async () => {
    const whole = readFileSync(sharedCapture('02-pipelining-multircpt-rset.pcap'));
    const broken = whole.subarray(0, 100_000);
    await dropFile(page, 'broken.pcap', broken);
    await expect.poll(() => page.locator('.status-file').textContent()).toBe('broken.pcap');
    await expect.poll(() => page.locator('.status-error').first().textContent())
      .toMatch(/^Stopped: .*byte offset \d+/);
    const count = await page.getByTestId('packet-count').textContent();
    expect(Number(count?.split(' ')[0])).toBeGreaterThan(50);
  });
});

/** Drops a file on the window the way a file manager does: a drop event with a DataTransfer. */
async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(({ name, base64 }) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], name));
    return transfer;
  }, { name, base64: Buffer.from(bytes).toString('base64') });
  await page.locator('.app').dispatchEvent('drop', { dataTransfer: transfer });
}
