// The packet list during a live capture longer than the view: it follows the newest packet,
// never drawing a frame of placeholder rows once it has rows, stops following when the user
// scrolls away, follows again at the bottom, and stays where it is when the capture stops.
/// <reference lib="dom" />

import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[e2e] skipping the list-following test: capturing needs root here');

/** `bursts` bursts of `size` datagrams, a pause between them so several status events come. */
async function sendBursts(port: number, bursts: number, size: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let burst = 0; burst < bursts; burst++) {
    for (let i = 0; i < size; i++) {
      await new Promise<void>((done) => socket.send(`row ${i}`, port, '127.0.0.1', () => done()));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  socket.close();
}

/** Packet numbers of the first and last rows drawn, and rows drawn without their packet. */
function drawnRows(): { first: number; last: number; placeholders: number } {
  const rows = [...document.querySelectorAll<HTMLElement>('.packet-row')];
  const numbers = rows.map((row) => Number(row.dataset.number)).filter((n) => n > 0);
  return {
    first: Math.min(...numbers), last: Math.max(...numbers),
    placeholders: rows.length - numbers.length,
  };
}

interface FollowWindow extends Window {
  placeholderFrames?: number;
  probing?: boolean;
}

/** Counts the animation frames in which some row was drawn as a placeholder. */
function startPlaceholderProbe(): void {
  const probe = window as FollowWindow;
  probe.placeholderFrames = 0;
  probe.probing = true;
  const frame = () => {
    if (document.querySelector('.packet-row:not([data-number])')) probe.placeholderFrames! += 1;
    if (probe.probing) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function stopPlaceholderProbe(): number {
  const probe = window as FollowWindow;
  probe.probing = false;
  return probe.placeholderFrames ?? -1;
}

describe.runIf(isRoot && hasChromium)('web mode: the packet list follows a live capture', () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  let opened: AppPage | undefined;
  let page: Page;

  beforeAll(async () => {
    const spool = mkdtempSync(join(tmpdir(), 'tapline-e2e-spool-'));
    opened = await openAppPage({
      env: { TAPLINE_SPOOL_DIR: spool },
      page: { viewport: { width: 1280, height: 800 } },
      beforeGoto: (fresh) => fresh.addInitScript('window.__name = (f) => f'),
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  const count = () => page.getByTestId('packet-count').textContent();
  const rows = () => page.evaluate(drawnRows);

  it('follows the newest packet, stops when scrolled away, and stays after Stop', async () => {
    await page.getByRole('button', { name: 'Capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture' });
    await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
    await dialog.locator('input[name=filter]').fill(`udp port ${port}`);
    await dialog.getByRole('button', { name: 'Start' }).click({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('capture-status').textContent())
      .toMatch(/^Capturing on lo/);

    await sendBursts(port, 1, 300);
    await expect.poll(count).toBe('300 packets');
    await expect.poll(rows).toMatchObject({ last: 300, placeholders: 0 });

    // Once rows are drawn, the list moves to each new tail only when its rows are there.
    await page.evaluate(startPlaceholderProbe);
    await sendBursts(port, 8, 250);
    await expect.poll(count).toBe('2,300 packets');
    await expect.poll(rows).toMatchObject({ last: 2300, placeholders: 0 });
    expect(await page.evaluate(stopPlaceholderProbe)).toBe(0);

    // Scrolled to the top, the list stays there while packets keep coming.
    await page.locator('.packet-list-viewport').evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect.poll(rows).toMatchObject({ first: 1, placeholders: 0 });
    await sendBursts(port, 2, 250);
    await expect.poll(count).toBe('2,800 packets');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toMatchObject({ first: 1, placeholders: 0 });
    expect(await page.locator('.packet-list-viewport').evaluate((e) => e.scrollTop)).toBe(0);

    // Back at the bottom, it follows again.
    await page.locator('.packet-list-viewport').evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await sendBursts(port, 2, 100);
    await expect.poll(count).toBe('3,000 packets');
    await expect.poll(rows).toMatchObject({ last: 3000, placeholders: 0 });

    // Stopped, the list keeps showing the end of the capture, and scrolls from there.
    await page.getByRole('button', { name: 'Stop capture' }).click();
    await expect.poll(() => page.getByTestId('capture-status').textContent())
      .toMatch(/3000 packets captured/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rows()).toMatchObject({ last: 3000, placeholders: 0 });
    await page.locator('.packet-list-viewport').evaluate((element) => {
      element.scrollTop -= 22 * 100;
    });
    await expect.poll(async () => (await rows()).last).toBeLessThan(2950);
    await expect.poll(async () => (await rows()).placeholders).toBe(0);
  });
});
