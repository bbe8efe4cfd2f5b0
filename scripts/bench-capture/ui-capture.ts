// The app as a user runs it: web mode (the same service, its own capture process) in
// Debian's headless Chromium; the capture is started and stopped with the UI's own buttons.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium';
import { repoRoot } from '../../tests/support/shared-data';
import { startWebMode, type RunningApp } from '../../tests/support/web-mode';
import {
  lastDrawnRow, scrollListToTop, startFrameProbe, stopFrameProbe, type FrameRecord,
} from './frame-probe';

const STEP_TIMEOUT_MS = 30_000;

export interface UiCapture {
  /** The web-mode process: the service, parent of the capture process. */
  servicePid: number;
  /** Starts sampling animation frames in the page. */
  startFrames(): Promise<void>;
  stopFrames(): Promise<FrameRecord>;
  /** The packet count the status bar shows and the highest row number drawn in the list. */
  listState(): Promise<{ shown: string; lastRow: number }>;
  /** Scrolls the list away from the newest packet, as a user reading older ones does. */
  scrollAway(): Promise<void>;
  /** Clicks Stop capture and resolves to the summary the status bar then shows. */
  stop(): Promise<string>;
  close(): Promise<void>;
}

async function waitForText(page: Page, testId: string, pattern: RegExp): Promise<string> {
  const element = page.getByTestId(testId);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const text = (await element.textContent({ timeout: STEP_TIMEOUT_MS })) ?? '';
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${testId} never matched ${pattern}: "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the UI and starts capturing on lo with `filter` through the capture dialog. */
export async function startUiCapture(filter: string, spoolFolder: string): Promise<UiCapture> {
  if (!existsSync(join(repoRoot, 'out/main/serve.js')) ||
    !existsSync(join(repoRoot, 'out/renderer/index.html'))) {
    throw new Error('the app is not built: run `npx electron-vite build` first');
  }
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await app?.stop();
  };
  try {
    app = await startWebMode([], { TAPLINE_SPOOL_DIR: spoolFolder, TAPLINE_LOG_LEVEL: 'warn' });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx names nested functions through a helper the page lacks; the probes need it there.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Capture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Capture' });
    await dialog.getByRole('row').filter({ hasText: /^\d+lo/ }).click();
    await dialog.locator('input[name=filter]').fill(filter);
    // Playwright's click waits while Start is disabled (libpcap checking the filter).
    await dialog.getByRole('button', { name: 'Start' }).click({ timeout: STEP_TIMEOUT_MS });
    await waitForText(page, 'capture-status', /^Capturing on lo/);
    // BENCH_CPU_PROFILE=file.cpuprofile records the page's JavaScript while frames are
    // sampled, for DevTools or a script to say where the renderer's time went.
    const profilePath = process.env.BENCH_CPU_PROFILE;
    const cdp = profilePath ? await page.context().newCDPSession(page) : undefined;
    return {
      servicePid: app.process.pid!,
      startFrames: async () => {
        if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
        await page.evaluate(startFrameProbe);
      },
      stopFrames: async () => {
        const record = await page.evaluate(stopFrameProbe);
        if (cdp && profilePath) {
          const { profile } = await cdp.send('Profiler.stop');
          writeFileSync(profilePath, JSON.stringify(profile));
        }
        return record;
      },
      scrollAway: () => page.evaluate(scrollListToTop),
      listState: async () => ({
        shown: (await page.getByTestId('packet-count').textContent()) ?? '',
        lastRow: await page.evaluate(lastDrawnRow),
      }),
      stop: async () => {
        await page.getByRole('button', { name: 'Stop capture' }).click();
        return waitForText(page, 'capture-status', /packets? captured/);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
