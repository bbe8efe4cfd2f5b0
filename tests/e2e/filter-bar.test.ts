// A user filters with a tcpdump expression, mistypes one and reads the error, clears it.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('08-two-ifaces.pcapng');
const expression = 'host 198.51.100.112 and port 25';

describe.runIf(hasSharedData && hasChromium)('web mode: the filter bar', () => {
  let opened: AppPage | undefined;
  let page: Page;
  // The list is virtual: its row count is the grid's aria-rowcount, not the rows drawn.
  const rowCount = async () => Number(await page.getByRole('grid', { name: 'Packets' })
    .getAttribute('aria-rowcount'));

  beforeAll(async () => {
    opened = await openAppPage({
      args: [capture],
      page: { viewport: { width: 1280, height: 900 } },
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('lists every packet of the file named on the command line', async () => {
    const all = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    await expect.poll(rowCount).toBe(all);
  });

  it('shows only the packets tcpdump selects', async () => {
    const expected = tcpdump(['-nn', '-t', '-r', capture, expression]).trim().split('\n');
    const bar = page.getByLabel('Display filter');
    await bar.fill(expression);
    await expect.poll(() => bar.getAttribute('class')).toContain('valid');
    await bar.press('Enter');
    await expect.poll(rowCount).toBe(expected.length);
    expect(await page.getByTestId('filter-result').textContent())
      .toMatch(new RegExp(`^${expected.length} shown`));
  });

  it('explains a mistyped expression and keeps the previous result', async () => {
    const bar = page.getByLabel('Display filter');
    await bar.fill('host 198.51.100.112 and prot 25');
    const alert = page.getByRole('alert');
    // libpcap takes the word after "and" as a host name, as tcpdump -d shows.
    await expect.poll(() => alert.textContent()).toMatch(/unknown host 'prot'/);
    expect(await alert.locator('mark').textContent()).not.toBe('');
    expect(await bar.getAttribute('aria-invalid')).toBe('true');
    const before = await rowCount();
    await bar.press('Enter');
    expect(await rowCount()).toBe(before);
  });

  it('shows every packet again on Esc', async () => {
    const all = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    await page.getByLabel('Display filter').press('Escape');
    await expect.poll(rowCount).toBe(all);
  });
});
