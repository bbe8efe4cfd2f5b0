// One e2e set-up: the built app in web mode plus a Chromium page already on its URL.

import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startWebMode, type RunningApp } from './web-mode';

export interface AppPageOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  launcher?: string[];
  /** Options of the page, e.g. its viewport or acceptDownloads. */
  page?: BrowserContextOptions;
  /** Runs on the new page before it loads the app: init scripts, dialog handlers. */
  beforeGoto?: (page: Page) => unknown;
}

export interface AppPage {
  app: RunningApp;
  browser: Browser;
  page: Page;
  /** Closes the browser, then stops the app. */
  close(): Promise<void>;
}

export async function openAppPage(options: AppPageOptions = {}): Promise<AppPage> {
  const app = await startWebMode(options.args, options.env, options.launcher);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage(options.page);
    await options.beforeGoto?.(page);
    await page.goto(app.url);
    const opened = browser;
    return { app, browser, page, close: async () => {
      await opened.close();
      await app.stop();
    } };
  } catch (error) {
    // A half-made set-up would otherwise leave the app running after the suite fails.
    await browser?.close();
    await app.stop();
    throw error;
  }
}
