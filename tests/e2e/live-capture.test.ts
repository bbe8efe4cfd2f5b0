// A user captures on the loopback interface from the browser UI, watches packets arrive,
// stops, and tcpdump reads the spooled capture.
/// <reference lib="dom" />

import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { repoRoot } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[e2e] skipping the live-capture test: capturing needs root here');

async function sendDatagrams(port: number, count: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`hello ${i}`, port, '127.0.0.1', () => done()));
  }
  socket.close();
}

describe.runIf(isRoot && hasChromium)('web mode: live capture on lo', () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  let opened: AppPage | undefined;
  let page: Page;

  beforeAll(async () => {
    const spool = mkdtempSync(join(tmpdir(), 'tapline-e2e-spool-'));
    opened = await openAppPage({
      env: { TAPLINE_SPOOL_DIR: spool },
      page: { viewport: { width: 1280, height: 800 } },
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('checks the capture filter with libpcap before starting', async () => {
    await page.getByRole('button', { name: 'Capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture' });
    await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
    const filter = dialog.locator('input[name=filter]');
    await filter.fill('udp port 99999');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/99999/);
    expect(await dialog.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await filter.fill(`udp port ${port}`);
    await expect.poll(() => dialog.getByRole('button', { name: 'Start' }).isEnabled()).toBe(true);
  });

  it('lists packets as they arrive and stops with tcpdump\'s summary', async () => {
    await page.getByRole('dialog', { name: 'Capture' }).getByRole('button', { name: 'Start' })
      .click();
    const status = page.getByTestId('capture-status');
    await expect.poll(() => status.textContent()).toMatch(/^Capturing on lo · filter: udp/);
    await sendDatagrams(port, 30);
    await expect.poll(() => page.getByTestId('packet-count').textContent()).toBe('30 packets');
    const lastInfo = page.locator('.packet-row').last().locator('.col-info');
    await expect.poll(() => lastInfo.textContent()).toMatch(`> 127.0.0.1.${port}: UDP`);

    await page.getByRole('button', { name: 'Stop capture' }).click();
    await expect.poll(() => status.textContent()).toMatch(/30 packets captured/);
    const spool = await status.getAttribute('title');
    expect(tcpdump(['-nn', '-r', spool!]).trim().split('\n')).toHaveLength(30);

    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results/web-live-capture.png') });
  });
});
