// A user saves from the browser UI: the displayed packets of a filtered file as pcap, every
// packet as pcapng, and a range that does not fit; tcpdump, tshark and capinfos read the
// downloads.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppPage, type AppPage } from '../support/app-page';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');
const expression = 'port 25 and tcp[tcpflags] & tcp-syn != 0';
const folder = mkdtempSync(join(tmpdir(), 'tapline-e2e-save-'));

function lines(output: string): string[] {
  return output.trim().split('\n');
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

describe.runIf(hasSharedData && hasChromium)('web mode: Save As', () => {
  let opened: AppPage | undefined;
  let page: Page;

  /** Opens the dialog with Ctrl+S, chooses format and packets, saves, and keeps the file. */
  async function saveVia(format: 'pcap' | 'pcapng', packets: string, file: string) {
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Save As' });
    await dialog.getByLabel(format, { exact: true }).check();
    await dialog.getByLabel(packets).check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saved = await download;
    await saved.saveAs(join(folder, file));
    await expect.poll(() => dialog.isVisible()).toBe(false);
    return { path: join(folder, file), suggested: saved.suggestedFilename() };
  }

  beforeAll(async () => {
    opened = await openAppPage({
      args: [capture],
      page: { viewport: { width: 1280, height: 800 }, acceptDownloads: true },
    });
    ({ page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('saves the displayed packets as pcap, the lines tcpdump prints for the filter', async () => {
    await expect.poll(() => page.getByTestId('packet-count').textContent()).toBe('15 packets');
    const bar = page.getByLabel('Display filter');
    await bar.fill(expression);
    await bar.press('Enter');
    await expect.poll(() => page.getByTestId('filter-result').textContent()).toMatch(/^2 shown/);

    const { path, suggested } = await saveVia('pcap', 'Displayed packets', 'displayed.pcap');
    expect(suggested).toBe('01-seed-postfix-relay-selected.pcap');
    const expected = lines(tcpdump(['-nn', '-tt', '-r', capture, expression]));
    expect(expected).toHaveLength(2);
    expect(lines(tcpdump(['-nn', '-tt', '-r', path]))).toEqual(expected);
    expect(run('file', ['-b', path])).toMatch(/^pcap capture file/);
  });

  it('saves every packet as pcapng, as tshark and capinfos count them', async () => {
    const { path, suggested } = await saveVia('pcapng', 'All packets', 'all.pcapng');
    expect(suggested).toBe('01-seed-postfix-relay.pcapng');
    const info = run('capinfos', ['-t', '-c', '-M', path]);
    expect(info).toMatch(/File type:\s+pcapng\n/);
    expect(info).toMatch(/Number of packets:\s+15\n/);
    expect(lines(run('tshark', ['-n', '-r', path]))).toHaveLength(15);
    expect(lines(tcpdump(['-nn', '-tt', '-r', path])))
      .toEqual(lines(tcpdump(['-nn', '-tt', '-r', capture])));
  });

  it('explains a range it cannot save, in the dialog', async () => {
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Save As' });
    const range = dialog.getByLabel('Packet range');
    await range.fill('10-2');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/runs backwards/);
    await range.fill('12-40');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // The service's own answer: the file has 15 packets.
    await expect.poll(() => dialog.getByRole('alert').textContent())
      .toMatch(/packets 12 to 40 are not in this file of 15 packets/);
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });
});
