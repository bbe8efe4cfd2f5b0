// Least privilege end to end: the web mode runs as `nobody` with no capability at all, and
// captures on lo from the browser UI through a copy of tapline-capture that alone holds
// cap_net_raw,cap_net_admin (TAPLINE_CAPTURE_HELPER), as the installed app does.
/// <reference lib="dom" />

import { createSocket } from 'node:dgram';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AS_NOBODY, buildHelper, grantedHelperCopy, missingPrivilegeTools,
} from '../main/capture/support/helper-run';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { tcpdump } from '../support/tcpdump';
import type { RunningApp } from '../support/web-mode';

const isRoot = process.getuid?.() === 0;
const tools = missingPrivilegeTools();
if (!isRoot) console.warn('[e2e] skipping the helper capture test: setcap needs root here');
if (tools.length > 0) console.warn(`[e2e] skipping the helper capture test: no ${tools}`);

async function sendDatagrams(port: number, count: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`hello ${i}`, port, '127.0.0.1', () => done()));
  }
  socket.close();
}

describe.runIf(isRoot && hasChromium && tools.length === 0)(
  'web mode as nobody: live capture through the capture helper', () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    let helper: string;
    let spool: string;
    let app: RunningApp;
    let opened: AppPage | undefined;
    let page: Page;

    beforeAll(async () => {
      helper = grantedHelperCopy(buildHelper());
      spool = mkdtempSync(join(tmpdir(), 'tapline-e2e-spool-'));
      chmodSync(spool, 0o777);
      opened = await openAppPage({
        env: { TAPLINE_SPOOL_DIR: spool, TAPLINE_CAPTURE_HELPER: helper },
        launcher: AS_NOBODY,
        page: { viewport: { width: 1280, height: 800 } },
      });
      ({ app, page } = opened);
    });

    afterAll(async () => {
      await opened?.close();
      if (helper) rmSync(dirname(helper), { recursive: true, force: true });
      if (spool) rmSync(spool, { recursive: true, force: true });
    });

    it('runs the app itself without any privilege', () => {
      const status = readFileSync(`/proc/${app.process.pid}/status`, 'utf8');
      expect(/^Uid:\s+(.*)$/m.exec(status)?.[1].split(/\s+/)).toEqual(
        ['65534', '65534', '65534', '65534']);
      expect(/^CapEff:\s+(\S+)$/m.exec(status)?.[1]).toBe('0000000000000000');
      expect(/^CapPrm:\s+(\S+)$/m.exec(status)?.[1]).toBe('0000000000000000');
    });

    it('checks the capture filter through the helper', async () => {
      await page.getByRole('button', { name: 'Capture…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Capture' });
      await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
      const filter = dialog.locator('input[name=filter]');
      await filter.fill('udp port 99999');
      await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/99999/);
      await filter.fill(`udp port ${port}`);
      await expect.poll(() => dialog.getByRole('button', { name: 'Start' }).isEnabled())
        .toBe(true);
    });

    it('captures, lists and spools the packets, and stops with the summary', async () => {
      await page.getByRole('dialog', { name: 'Capture' }).getByRole('button', { name: 'Start' })
        .click();
      const status = page.getByTestId('capture-status');
      await expect.poll(() => status.textContent()).toMatch(/^Capturing on lo · filter: udp/);
      await sendDatagrams(port, 30);
      await expect.poll(() => page.getByTestId('packet-count').textContent())
        .toBe('30 packets');

      await page.getByRole('button', { name: 'Stop capture' }).click();
      await expect.poll(() => status.textContent()).toMatch(/30 packets captured/);
      const file = await status.getAttribute('title');
      expect(file!.startsWith(spool)).toBe(true);
      const lines = tcpdump(['-nn', '-r', file!]).trim().split('\n');
      expect(lines).toHaveLength(30);
      expect(lines[0]).toContain(`> 127.0.0.1.${port}: UDP, length`);
      expect(app.output()).toContain(`captured by ${helper}`);
    });
  });
