// A user completes hosts and ports the capture holds in the filter bar, and filters on a
// packet's conversation from its context menu, by mouse and by keyboard.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');

/** tcpdump -nn's hosts and ports of packet `number`: `198.51.100.112.25 > …`. */
function endpointsOf(number: number): { hosts: string[]; ports: string[] } {
  const line = tcpdump(['-nn', '-t', '-r', capture]).split('\n')[number - 1];
  const found = /^IP (\S+)\.(\d+) > (\S+)\.(\d+):/.exec(line);
  if (!found) throw new Error(`packet ${number} is not TCP or UDP over IPv4: ${line}`);
  return { hosts: [found[1], found[3]], ports: [found[2], found[4]] };
}

describe.runIf(hasSharedData && hasChromium)('web mode: filter completion and packet menu', () => {
  let opened: AppPage | undefined;
  let page: Page;
  const rowCount = async () => Number(await page.getByRole('grid', { name: 'Packets' })
    .getAttribute('aria-rowcount'));
  const bar = () => page.getByLabel('Display filter');
  const options = () => page.getByRole('listbox', { name: 'Filter suggestions' })
    .getByRole('option');
  const optionLabels = async () =>
    (await options().locator('.suggestion-label').allTextContents()).sort();

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

  it('offers the capture\'s hosts after "host 198."', async () => {
    await expect.poll(rowCount).toBe(15);
    // Every host tcpdump prints for this file that begins with 198.
    const expected = [...new Set(tcpdump(['-nn', '-t', '-r', capture]).split('\n')
      .flatMap((line) => /^IP (\S+)\.\d+ > (\S+)\.\d+:/.exec(line)?.slice(1) ?? []))]
      .filter((host) => host.startsWith('198.')).sort();
    expect(expected).toEqual(['198.51.100.110', '198.51.100.112']);
    await bar().click();
    await bar().pressSequentially('host 198.');
    await expect.poll(optionLabels).toEqual(expected);
    expect(await bar().getAttribute('aria-expanded')).toBe('true');
  });

  it('takes the chosen host with the arrows and Tab, then completes the port', async () => {
    await bar().press('ArrowDown');
    const first = await options().first().locator('.suggestion-label').textContent();
    expect(await bar().getAttribute('aria-activedescendant')).toBe('filter-suggestion-0');
    await bar().press('Tab');
    await expect.poll(() => bar().inputValue()).toBe(`host ${first} `);
    await bar().pressSequentially('and port 2');
    await expect.poll(optionLabels).toEqual(['25']);
    await bar().press('Tab');
    await expect.poll(() => bar().inputValue()).toBe(`host ${first} and port 25 `);
    await expect.poll(() => bar().getAttribute('class')).toContain('valid');
    await bar().press('Enter');
    const expected = tcpdump(['-nn', '-r', capture, `host ${first} and port 25`])
      .trim().split('\n').length;
    await expect.poll(() => page.getByTestId('filter-result').textContent())
      .toMatch(new RegExp(`^${expected} shown`));
  });

  it('completes keywords, and Esc closes the list before it clears the bar', async () => {
    await bar().fill('');
    await bar().pressSequentially('tcp and po');
    await expect.poll(optionLabels).toEqual(['port', 'portrange']);
    await bar().press('Escape');
    await expect.poll(() => options().count()).toBe(0);
    expect(await bar().inputValue()).toBe('tcp and po');
    await bar().press('Escape');
    await expect.poll(() => bar().inputValue()).toBe('');
    await expect.poll(rowCount).toBe(15);
  });

  it('filters on the conversation of packet 4 from its context menu', async () => {
    const { hosts, ports } = endpointsOf(4);
    const expression = `host ${hosts[0]} and host ${hosts[1]} and port ${ports[0]} and ` +
      `port ${ports[1]}`;
    const expected = tcpdump(['-nn', '-r', capture, expression]).trim().split('\n').length;
    expect(expected).toBe(15);

    await page.locator('[role="row"][data-number="4"]').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Packet 4' });
    await expect.poll(() => menu.getByRole('menuitem').allTextContents()).toEqual([
      `Filter on source host ${hosts[0]}`, `Filter on destination host ${hosts[1]}`,
      'Filter on this conversation', `Filter on port ${ports[0]}`, `Filter on port ${ports[1]}`,
      "Prepare filter (don't apply)", 'Follow SMTP',
    ]);
    await menu.getByRole('menuitem', { name: 'Filter on this conversation' }).click();
    await expect.poll(() => bar().inputValue()).toBe(expression);
    await expect.poll(() => page.getByTestId('filter-result').textContent())
      .toMatch(new RegExp(`^${expected} shown`));
    await expect.poll(rowCount).toBe(expected);
    expect(await menu.count()).toBe(0);
  });

  it('opens on the selected packet with Shift+F10 and prepares a filter unapplied', async () => {
    const { hosts } = endpointsOf(2);
    await page.locator('[role="row"][data-number="2"]').click();
    await page.getByRole('grid', { name: 'Packets' }).press('Shift+F10');
    const menu = page.getByRole('menu', { name: 'Packet 2' });
    await expect.poll(() => menu.count()).toBe(1);
    // The menu has the focus: arrows move, Enter chooses.
    await page.keyboard.press('ArrowDown');
    expect(await menu.getAttribute('aria-activedescendant')).toBe('packet-menu-1');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);

    await page.getByRole('grid', { name: 'Packets' }).press('Shift+F10');
    await menu.getByRole('menuitem', { name: "Prepare filter (don't apply)" }).click();
    await expect.poll(() => bar().inputValue()).toContain(`host ${hosts[0]} and host ${hosts[1]}`);
    // Shown in the bar and focused, but the list still shows the last applied filter's rows.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Display filter');
    expect(await page.getByTestId('filter-result').textContent()).toMatch(/^15 shown/);
  });
});
