// Themes, pane sizes and keyboard-only operation: what persists, what is reachable by Tab,
// and that focus is always visible.
/// <reference lib="dom" />

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUi, type UiSession } from '../../scripts/bench-ui/ui-session';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('06-ipv6.pcap');
const DARK_BG = 'rgb(27, 29, 31)';
const LIGHT_BG = 'rgb(251, 251, 250)';

describe.runIf(hasSharedData && hasChromium)('web mode: themes, layout, keyboard', () => {
  let ui: UiSession;
  const page = () => ui.page;
  const background = () => page().evaluate(() => getComputedStyle(document.body).backgroundColor);

  beforeAll(async () => {
    ui = await openUi(capture, 'dark');
    await page().locator('.packet-row[data-number="1"]').waitFor();
  });
  afterAll(async () => ui?.close());

  it('follows the system theme until the user picks one, and keeps the choice', async () => {
    expect(await background()).toBe(DARK_BG);
    await page().emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe(LIGHT_BG);
    await page().getByLabel('Theme').selectOption('dark');
    expect(await background()).toBe(DARK_BG);
    await page().reload();
    await page().locator('.packet-row[data-number="1"]').waitFor();
    expect(await background()).toBe(DARK_BG);
    await page().emulateMedia({ colorScheme: 'dark' });
    await page().getByLabel('Theme').selectOption('light');
    expect(await background()).toBe(LIGHT_BG);
    await page().getByLabel('Theme').selectOption('system');
    expect(await background()).toBe(DARK_BG);
  });

  it('resizes the panes with the keyboard and keeps their sizes', async () => {
    const list = page().getByRole('grid', { name: 'Packets' });
    const splitter = page().getByRole('separator', { name: 'Resize packet list' });
    const before = (await list.boundingBox())!.height;
    const value = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('ArrowDown');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(value + 10);
    expect((await list.boundingBox())!.height).toBeGreaterThan(before + 40);
    const tree = page().getByRole('separator', { name: 'Resize detail tree' });
    await tree.focus();
    await page().keyboard.press('ArrowLeft');
    await page().reload();
    await page().locator('.packet-row[data-number="1"]').waitFor();
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(value + 10);
    expect(Number(await tree.getAttribute('aria-valuenow'))).toBe(40);
  });

  it('reaches every pane by Tab and shows where the focus is', async () => {
    const reached = new Map<string, string>();
    await page().locator('.packet-row[data-number="3"]').click();
    await page().locator('.hex-pane[data-packet="3"]').waitFor();
    await page().locator('body').click({ position: { x: 5, y: 890 } });
    for (let i = 0; i < 40 && reached.size < 5; i++) {
      await page().keyboard.press('Tab');
      const seen = await page().evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
        const name = element.getAttribute('aria-label') ?? '';
        // The tree draws its focus ring on the active item, not on itself.
        const ring = element.getAttribute('role') === 'tree'
          ? element.querySelector('.active') ?? element : element;
        const style = getComputedStyle(ring);
        const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
        return { key: `${role}:${name}`, visible: String(visible) };
      });
      if (['grid:Packets', 'tree:Packet details', 'region:Packet bytes',
        'separator:Resize packet list', 'separator:Resize detail tree'].includes(seen.key)) {
        reached.set(seen.key, seen.visible);
      }
    }
    expect(Object.fromEntries(reached)).toEqual({
      'grid:Packets': 'true', 'separator:Resize packet list': 'true',
      'tree:Packet details': 'true', 'separator:Resize detail tree': 'true',
      'region:Packet bytes': 'true',
    });
  });

  it('operates the list by keyboard alone: arrows, End, Home, then the tree', async () => {
    const count = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    const selected = () => page().locator('.packet-row[aria-selected=true]')
      .getAttribute('data-number');
    await page().getByRole('grid', { name: 'Packets' }).focus();
    await page().keyboard.press('End');
    await expect.poll(selected).toBe(String(count));
    await page().keyboard.press('Home');
    await expect.poll(selected).toBe('1');
    await page().keyboard.press('ArrowDown');
    await expect.poll(selected).toBe('2');
    await page().getByRole('tree', { name: 'Packet details' }).focus();
    await page().keyboard.press('End');
    const item = await page().evaluate(() => document.getElementById(
      document.activeElement!.getAttribute('aria-activedescendant')!)!.getAttribute('role'));
    expect(item).toBe('treeitem');
  });
});
