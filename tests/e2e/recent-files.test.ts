// Recent files across runs of the web mode that share a state folder: files named on the
// command line are remembered, an upload is not, a vanished one is greyed, and choosing an
// entry from the toolbar's Recent list (by keyboard) opens it again.
/// <reference lib="dom" />

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/chromium';
import { capturesDir, hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';
import { startWebMode, type RunningApp } from '../support/web-mode';

const seed = sharedCapture('01-seed-postfix-relay.pcap');
const ipv6 = sharedCapture('06-ipv6.pcap');
const upload = sharedCapture('02-pipelining-multircpt-rset.pcap');
const ready = hasSharedData && hasChromium;

function packetsIn(file: string): number {
  return tcpdump(['-nn', '-r', file]).trim().split('\n').length;
}

describe.runIf(ready)('web mode: recent files', () => {
  const state = { TAPLINE_STATE_DIR: mkdtempSync(join(tmpdir(), 'tapline-recent-e2e-')) };
  const gone = join(mkdtempSync(join(tmpdir(), 'tapline-gone-')), 'gone.pcap');
  let app: RunningApp | undefined;
  let browser: Browser;
  let page: Page;

  /** One run of the web mode with `file` on its command line, left open in the page. */
  async function run(file: string): Promise<void> {
    await app?.stop();
    app = await startWebMode([file], state);
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('packet-count').textContent(), { timeout: 15_000 })
      .toBe(`${packetsIn(file)} packets`);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens a file named on the command line in three runs', async () => {
    copyFileSync(seed, gone);
    await run(gone);
    rmSync(gone);
    await run(seed);
    await run(ipv6);
  }, 90_000);

  it('lists the files of earlier runs, newest first, but not an upload', async () => {
    await page.setInputFiles('input[type=file]', upload);
    await expect.poll(() => page.getByTestId('packet-count').textContent())
      .toBe(`${packetsIn(upload)} packets`);

    await page.getByRole('button', { name: 'Recent' }).click();
    const menu = page.getByRole('menu', { name: 'Recent files' });
    const entries = menu.getByRole('menuitem');
    await expect.poll(() => entries.allTextContents())
      .toEqual(['06-ipv6.pcap', '01-seed-postfix-relay.pcap', 'gone.pcap']);
    expect(await entries.nth(1).getAttribute('title')).toBe(capturesDir);
    expect(await entries.nth(2).getAttribute('class')).toBe('missing');
    expect(await entries.nth(2).getAttribute('aria-label')).toBe('gone.pcap, missing');
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
  });

  it('reopens the first file from the keyboard', async () => {
    const button = page.getByRole('button', { name: 'Recent' });
    await button.focus();
    await page.keyboard.press('ArrowDown');
    const entries = page.getByRole('menu', { name: 'Recent files' }).getByRole('menuitem');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('06-ipv6.pcap');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent))
      .toBe('01-seed-postfix-relay.pcap');
    await page.keyboard.press('Enter');
    expect(await entries.count()).toBe(0);
    await expect.poll(() => page.getByTestId('packet-count').textContent()).toBe('15 packets');
    expect(packetsIn(seed)).toBe(15);
    await expect.poll(() => page.locator('.packet-row').count()).toBe(15);
  });

  it('says plainly that a vanished file is gone', async () => {
    await page.getByRole('button', { name: 'Recent' }).click();
    const entries = page.getByRole('menu', { name: 'Recent files' }).getByRole('menuitem');
    // Reopening moved the seed capture to the top.
    await expect.poll(() => entries.allTextContents())
      .toEqual(['01-seed-postfix-relay.pcap', '06-ipv6.pcap', 'gone.pcap']);
    await entries.nth(2).click();
    await expect.poll(() => page.locator('.status-error').textContent())
      .toBe(`gone.pcap is no longer in ${join(gone, '..')}: it was moved or deleted`);
    expect(await page.getByTestId('packet-count').textContent()).toBe('15 packets');
  });
});
