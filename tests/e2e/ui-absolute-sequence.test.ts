// The view's "Absolute sequence numbers (-S)" preference: Info turns into tcpdump -S's line
// and back, and the choice outlives a reload.
/// <reference lib="dom" />

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUi, type UiSession } from '../../scripts/bench-ui/ui-session';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');

/** Packet `number`'s line from tcpdump with `options`, without its timestamp. */
const line = (number: number, options: string[]) =>
  tcpdump(['-nn', '-t', ...options, '-r', capture]).trim().split('\n')[number - 1];

describe.runIf(hasSharedData && hasChromium)('web mode: absolute sequence numbers', () => {
  let ui: UiSession;
  const page = () => ui.page;
  const info = (number: number) =>
    page().locator(`.packet-row[data-number="${number}"] .col-info`).textContent();
  const toggle = () => page().getByLabel('Absolute sequence numbers (-S)');

  beforeAll(async () => {
    ui = await openUi(capture);
    await page().locator('.packet-row[data-number="4"]').waitFor();
  });
  afterAll(async () => ui?.close());

  it('switches packet 4\'s Info between tcpdump -S\'s line and tcpdump\'s', async () => {
    const relative = line(4, []);
    const absolute = line(4, ['-S']);
    expect(absolute).not.toBe(relative);
    await expect.poll(() => info(4)).toBe(relative);

    await toggle().check();
    await expect.poll(() => info(4)).toBe(absolute);
    await page().reload();
    await expect.poll(() => toggle().isChecked()).toBe(true);
    await expect.poll(() => info(4)).toBe(absolute);

    await toggle().uncheck();
    await expect.poll(() => info(4)).toBe(relative);
  });
});
