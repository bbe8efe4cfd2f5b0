// Opens the built app in web mode on one capture, in Chromium: for the UI tests and bench.

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium';
import { startWebMode, type RunningApp } from '../../tests/support/web-mode';

export interface UiSession {
  app: RunningApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openUi(capture: string, colorScheme: 'light' | 'dark' = 'light'):
  Promise<UiSession> {
  const app = await startWebMode([capture]);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 },
    colorScheme });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const page = await context.newPage();
  await page.goto(app.url);
  return {
    app, browser, context, page,
    close: async () => {
      await browser.close();
      await app.stop();
    },
  };
}

/** The packet list's rows drawn right now, as the numbers in their No. cells. */
export function rowNumbers(page: Page): Promise<number[]> {
  return page.locator('.packet-row').evaluateAll((rows) =>
    rows.map((row) => Number((row as HTMLElement).dataset.number)));
}

export async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
