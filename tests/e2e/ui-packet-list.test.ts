// The packet list at work: columns, time formats, colouring, go to, find and marks,
// checked against what tcpdump prints for the same file.
/// <reference lib="dom" />

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openUi, rowNumbers, type UiSession } from '../../scripts/bench-ui/ui-session';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const capture = sharedCapture('02-pipelining-multircpt-rset.pcap');

/** tcpdump's lines with -# (packet numbers) and the given time option. */
function numbered(timeOption: string, expression: string[] = []): Map<number, string> {
  const lines = tcpdump(['-#', '-nn', timeOption, '-r', capture, ...expression])
    .trim().split('\n');
  return new Map(lines.map((line) => {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line)!;
    return [Number(match[1]), match[2]];
  }));
}

describe.runIf(hasSharedData && hasChromium)('web mode: the packet list', () => {
  let ui: UiSession;
  const page = () => ui.page;
  const header = () => page().locator('.packet-list-header [role=columnheader]');
  const cell = (number: number, column: string) =>
    page().locator(`.packet-row[data-number="${number}"] .col-${column}`);
  const selectedNumber = () => page().locator('.packet-row[aria-selected=true]')
    .getAttribute('data-number');

  beforeAll(async () => {
    ui = await openUi(capture);
    await page().locator('.packet-row[data-number="1"]').waitFor();
  });
  afterAll(async () => ui?.close());

  it('hides, moves and resizes columns, and keeps them after a reload', async () => {
    await page().getByRole('button', { name: 'Columns…' }).click();
    await page().getByRole('dialog', { name: 'Columns' }).getByLabel('Length').uncheck();
    await page().getByRole('button', { name: 'Columns…' }).click();
    const protocol = page().locator('[role=columnheader][data-column=protocol]');
    await protocol.focus();
    await protocol.press('Alt+ArrowLeft');
    const before = (await protocol.boundingBox())!.width;
    await protocol.press('Shift+ArrowRight');
    await protocol.press('Shift+ArrowRight');
    // The mouse resizes too: drag Source's right edge 40 px to the right.
    const source = page().locator('[role=columnheader][data-column=source]');
    const sourceWidth = (await source.boundingBox())!.width;
    const edge = (await source.locator('.column-resizer').boundingBox())!;
    await page().mouse.move(edge.x + 3, edge.y + 5);
    await page().mouse.down();
    await page().mouse.move(edge.x + 43, edge.y + 5, { steps: 4 });
    await page().mouse.up();

    await page().reload();
    await expect.poll(() => header().allTextContents())
      .toEqual(['No.', 'Time', 'Source', 'Protocol', 'Destination', 'Info']);
    expect((await protocol.boundingBox())!.width).toBe(before + 20);
    expect(Math.abs((await source.boundingBox())!.width - sourceWidth - 40)).toBeLessThan(2);
    expect(await cell(1, 'length').count()).toBe(0);
    await page().getByRole('button', { name: 'Columns…' }).click();
    await page().getByRole('button', { name: 'Reset columns' }).click();
    await page().getByRole('button', { name: 'Columns…' }).click();
    await expect.poll(() => header().allTextContents()).toEqual(['No.', 'Time', 'Source',
      'Destination', 'Protocol', 'Length', 'Info']);
  });

  it('shows relative, delta and time-of-day times as tcpdump -ttttt, -ttt and -t-less print',
    async () => {
      const formats: [string, string, RegExp][] = [
        ['relative', '-ttttt', /^00:00:(\d\d\.\d{6}) /],
        ['delta', '-ttt', /^00:00:(\d\d\.\d{6}) /],
        ['absolute', '-n', /^(\d\d:\d\d:\d\d\.\d{6}) /],
      ];
      for (const [format, option, pattern] of formats) {
        await page().getByLabel('Time format').selectOption(format);
        const lines = numbered(option);
        for (const number of [1, 2, 4, 9, 10, 20]) {
          const expected = pattern.exec(lines.get(number)!)![1].replace(/^0(\d\.)/, '$1');
          await expect.poll(() => cell(number, 'time').textContent()).toBe(expected);
        }
      }
      await page().reload();
      await expect.poll(() => page().getByLabel('Time format').inputValue()).toBe('absolute');
      await page().getByLabel('Time format').selectOption('relative');
    });

  it('colours SYN, SMTP commands and replies by default, with rules the user edits', async () => {
    const lines = numbered('-n');
    const expectRule = (line: string) => /Flags \[S/.test(line) ? 'syn'
      : /SMTP: [23]\d\d[ -]/.test(line) ? 'smtp-reply'
        : /SMTP: [A-Za-z]{4}( |$)/.test(line) ? 'smtp-command' : null;
    for (const number of [1, 2, 3, 4, 6, 8, 9, 10, 11]) {
      await expect.poll(() => page().locator(`.packet-row[data-number="${number}"]`)
        .getAttribute('data-rule')).toBe(expectRule(lines.get(number)!));
    }
    await page().getByRole('button', { name: 'Colouring…' }).click();
    const dialog = page().getByRole('dialog', { name: 'Colouring rules' });
    await dialog.locator('tr[data-rule=syn]').getByLabel('Rule pattern').fill('Flags \\[S\\.');
    await page().reload();
    await expect.poll(() => page().locator('.packet-row[data-number="2"]')
      .getAttribute('data-rule')).toBe('syn');
    expect(await page().locator('.packet-row[data-number="1"]').getAttribute('data-rule'))
      .toBeNull();
    await page().getByRole('button', { name: 'Colouring…' }).click();
    await page().getByRole('button', { name: 'Restore defaults' }).click();
    await expect.poll(() => page().locator('.packet-row[data-number="1"]')
      .getAttribute('data-rule')).toBe('syn');
    await page().getByRole('button', { name: 'Close' }).click();
  });

  it('explains TCP flags and SMTP reply codes when hovering Info', async () => {
    await cell(2, 'info').hover();
    await cell(10, 'info').hover();
    const syn = await cell(2, 'info').getAttribute('title');
    expect(syn).toContain('S = SYN');
    expect(syn).toContain('. = ACK');
    expect(await cell(10, 'info').getAttribute('title')).toMatch(/SMTP 250: requested action/);
  });

  it('goes to a packet with Ctrl+G', async () => {
    await page().locator('.packet-list').focus();
    await page().keyboard.press('Control+g');
    await page().getByLabel('Packet number').fill('150');
    await page().getByLabel('Packet number').press('Enter');
    await expect.poll(selectedNumber).toBe('150');
    await expect.poll(() => page().getByLabel('Packet bytes').getAttribute('data-packet'))
      .toBe('150');
    await page().keyboard.press('ArrowDown');
    await expect.poll(selectedNumber).toBe('151');
  });

  it('finds Info text, hex bytes and filter matches with Ctrl+F as tcpdump sees them',
    async () => {
      await page().keyboard.press('Control+g');
      await page().getByLabel('Packet number').fill('1');
      await page().getByLabel('Packet number').press('Enter');
      const lines = numbered('-n');
      const firstWith = (text: string) =>
        [...lines].find(([, line]) => line.includes(text))![0];
      await page().keyboard.press('Control+f');
      const find = page().getByLabel('Find', { exact: true });
      await find.fill('RSET');
      await find.press('Enter');
      await expect.poll(selectedNumber).toBe(String(firstWith('SMTP: RSET')));

      // "QUIT" in hex: tcpdump -A shows which packet carries those bytes first.
      await page().getByLabel('Find in').selectOption('hex');
      await find.fill('51 55 49 54');
      await find.press('Enter');
      const ascii = tcpdump(['-#', '-nn', '-A', '-r', capture]).split(/\n(?=\s*\d+\s+\d\d:)/);
      const quit = ascii.find((packet, index) => index + 1 > 181 && packet.includes('QUIT'));
      await expect.poll(selectedNumber).toBe(/^\s*(\d+)/.exec(quit!)![1]);

      await page().getByLabel('Find in').selectOption('filter');
      await page().keyboard.press('Control+g');
      await page().getByLabel('Packet number').fill('1');
      await page().getByLabel('Packet number').press('Enter');
      await page().keyboard.press('Control+f');
      await page().getByLabel('Find in').selectOption('filter');
      const fin = 'tcp[tcpflags] & tcp-fin != 0';
      await find.fill(fin);
      await find.press('Enter');
      // With an expression, tcpdump's -# counts matched packets only; the file's number is
      // found from the line (absolute sequence numbers, so it reads the same either way).
      const firstFin = tcpdump(['-nn', '-S', '-r', capture, fin]).split('\n')[0];
      const [first] = [...numbered('-S')].find(([, line]) => line === firstFin)!;
      await expect.poll(selectedNumber).toBe(String(first));
      await find.press('Escape');
    });

  it('marks packets with Ctrl+M and moves between marks', async () => {
    for (const number of [5, 40, 120]) {
      await page().keyboard.press('Control+g');
      await page().getByLabel('Packet number').fill(String(number));
      await page().getByLabel('Packet number').press('Enter');
      await expect.poll(selectedNumber).toBe(String(number));
      await page().keyboard.press('Control+m');
    }
    await expect.poll(async () => (await rowNumbers(page())).length).toBeGreaterThan(0);
    const visits: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page().keyboard.press('Control+Shift+N');
      await expect.poll(selectedNumber).not.toBe(visits.at(-1) ?? '120');
      visits.push((await selectedNumber())!);
    }
    expect(visits).toEqual(['5', '40', '120', '5']);
    await page().keyboard.press('Control+Shift+B');
    await expect.poll(selectedNumber).toBe('120');
    expect(await page().locator('.packet-row.marked').count()).toBeGreaterThan(0);
  });
});
