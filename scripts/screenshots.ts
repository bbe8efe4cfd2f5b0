// npm run screenshots: the README's pictures, taken from the app itself in web mode in
// Debian's Chromium: the Postfix relay capture with its MAIL FROM packet selected, in the
// light and the dark theme, and the Follow SMTP view.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium';
import { repoRoot, sharedCapture } from '../tests/support/shared-data';
import { startWebMode, type RunningApp } from '../tests/support/web-mode';

const capture = sharedCapture('01-seed-postfix-relay.pcap');
const docs = join(repoRoot, 'docs');
// The packet the pictures select: the client's MAIL FROM, RCPT TO and DATA, pipelined.
const SELECTED_INFO = 'SMTP: MAIL FROM:';

async function openPage(browser: Browser, app: RunningApp, scheme: 'light' | 'dark'):
  Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 },
    colorScheme: scheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(app.url);
  const row = page.locator('.packet-row').filter({ hasText: SELECTED_INFO }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  const number = await row.getAttribute('data-number');
  await page.locator(`.hex-pane[data-packet="${number}"] .hex-row`).first().waitFor();
  const tree = page.locator(`.detail-tree[data-packet="${number}"]`);
  await tree.locator('[role=treeitem]').first().waitFor();
  // Every layer but the last (TCP) folded and its flags chosen: the picture shows a field
  // with its bytes lit in the hex pane, and the payload below.
  const layers = tree.locator('[role=treeitem][aria-level="1"]');
  const count = await layers.count();
  for (let index = 0; index < count - 1; index++) await layers.nth(index).click();
  const fields = tree.locator('[role=treeitem][aria-level="2"]');
  const flags = fields.filter({ hasText: /^Flags/ });
  await ((await flags.count()) > 0 ? flags : fields).first().click();
  await page.mouse.move(0, 0);
  return page;
}

async function main(): Promise<void> {
  if (!existsSync(capture)) throw new Error(`${capture} is missing: it is in ../shared/captures`);
  console.log('[screenshots] building the app (electron-vite build)');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npx electron-vite build failed: run it to see why');
  // A spool folder of its own: captures left by other runs must not put a banner on top.
  const spool = mkdtempSync(join(tmpdir(), 'tapline-screenshots-'));
  const app = await startWebMode([capture], { TAPLINE_SPOOL_DIR: spool });
  const browser = await launchChromium();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPage(browser, app, scheme);
      const path = join(docs, `screenshot-${scheme}.png`);
      await page.screenshot({ path });
      console.log(`[screenshots] ${path}`);
      if (scheme === 'light') {
        await page.getByRole('button', { name: 'Follow SMTP', exact: true }).click();
        await page.locator('.follow-smtp .smtp-phase').first().waitFor();
        const follow = join(docs, 'screenshot-follow-smtp.png');
        await page.screenshot({ path: follow });
        console.log(`[screenshots] ${follow}`);
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
    await app.stop();
    rmSync(spool, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`[screenshots] ${error.message}`);
  process.exitCode = 1;
});
