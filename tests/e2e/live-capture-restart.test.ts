// Restart on lo from the browser UI: the unsaved capture is confirmed first, then a new
// capture runs on the same interface with the same filter, its count from zero.
/// <reference lib="dom" />

import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { tcpdump } from '../support/tcpdump';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[e2e] skipping the capture-restart test: capturing needs root here');

async function sendDatagrams(port: number, count: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`again ${i}`, port, '127.0.0.1', () => done()));
  }
  socket.close();
}

describe.runIf(isRoot && hasChromium)('web mode: restarting a capture on lo', () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const filter = `udp port ${port}`;
  let opened: AppPage | undefined;
  let page: Page;
  /** What the page does with the next unsaved-capture confirmation. */
  let answer: 'accept' | 'dismiss' = 'accept';
  const asked: string[] = [];
  const status = () => page.getByTestId('capture-status').textContent();
  const count = () => page.getByTestId('packet-count').textContent();
  const spool = () => page.getByTestId('capture-status').getAttribute('title');

  beforeAll(async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'tapline-e2e-restart-'));
    opened = await openAppPage({
      env: { TAPLINE_SPOOL_DIR: spoolDir },
      page: { viewport: { width: 1280, height: 800 } },
      beforeGoto: (fresh) => {
        fresh.on('dialog', (dialog) => {
          asked.push(dialog.message());
          void dialog[answer]();
        });
      },
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('restarts from the toolbar with the same filter, counting from zero', async () => {
    await page.getByRole('button', { name: 'Capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture' });
    await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
    await dialog.locator('input[name=filter]').fill(filter);
    await expect.poll(() => dialog.getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect.poll(status).toMatch(`Capturing on lo · filter: ${filter}`);
    await sendDatagrams(port, 12);
    await expect.poll(count).toBe('12 packets');

    // Cancel at the confirmation leaves the capture running, packets and all.
    answer = 'dismiss';
    await page.getByRole('button', { name: 'Restart capture' }).click();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/never saved/);
    await sendDatagrams(port, 1);
    await expect.poll(count).toBe('13 packets');
    await expect.poll(status).toMatch(/^Capturing on lo/);

    answer = 'accept';
    await page.getByRole('button', { name: 'Restart capture' }).click();
    expect(asked).toHaveLength(2);
    await expect.poll(count).toBe('0 packets');
    await expect.poll(status).toMatch(`Capturing on lo · filter: ${filter}`);
    await sendDatagrams(port, 5);
    await expect.poll(count).toBe('5 packets');
    // The new capture is a spool of its own holding only what came after the restart.
    await page.getByRole('button', { name: 'Stop capture' }).click();
    await expect.poll(status).toMatch(/5 packets captured/);
    const lines = tcpdump(['-nn', '-r', (await spool())!]).trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.every((line) => line.includes(`127.0.0.1.${port}: UDP`))).toBe(true);
  });

  it('restarts a stopped capture with Ctrl+R, which does not reload the page', async () => {
    const before = await spool();
    await page.keyboard.press('Control+R');
    await expect.poll(status).toMatch(`Capturing on lo · filter: ${filter}`);
    expect(asked).toHaveLength(3);
    await expect.poll(count).toBe('0 packets');
    await sendDatagrams(port, 3);
    await expect.poll(count).toBe('3 packets');
    await page.getByRole('button', { name: 'Stop capture' }).click();
    await expect.poll(status).toMatch(/3 packets captured/);
    expect(await spool()).not.toBe(before);
  });
});
