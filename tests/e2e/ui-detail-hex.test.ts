// The detail tree and hex pane by keyboard and mouse: folding, field-to-byte links, copies
// and "apply as filter", checked against tcpdump's bytes and its filter on the same file.
/// <reference lib="dom" />

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipboard, openUi, type UiSession } from '../../scripts/bench-ui/ui-session';
import { hasChromium } from '../support/chromium';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { splitPackets, tcpdump } from '../support/tcpdump';

const capture = sharedCapture('01-seed-postfix-relay.pcap');
const NUMBER = 4;

/** Packet NUMBER's bytes as tcpdump -xx prints them. */
function oracleBytes(): number[] {
  const [, ...lines] = splitPackets(tcpdump(['-nn', '-xx', '-r', capture]))[NUMBER - 1];
  return lines.flatMap((line) => line.replace(/^\s*0x[0-9a-f]+:\s*/, '').trim().split(/\s+/))
    .flatMap((group) => group.match(/../g)!.map((pair) => parseInt(pair, 16)));
}

describe.runIf(hasSharedData && hasChromium)('web mode: detail tree and hex pane', () => {
  let ui: UiSession;
  const page = () => ui.page;
  const tree = () => page().getByRole('tree', { name: 'Packet details' });
  const active = () => tree().evaluate((element) =>
    document.getElementById(element.getAttribute('aria-activedescendant') ?? '')?.textContent);
  const litOffsets = () => page().locator('.byte.lit').evaluateAll((spans) =>
    spans.map((span) => Number((span as HTMLElement).dataset.offset)));

  beforeAll(async () => {
    ui = await openUi(capture);
    await page().locator(`.packet-row[data-number="${NUMBER}"]`).click();
    await page().locator(`.hex-pane[data-packet="${NUMBER}"]`).waitFor();
  });
  afterAll(async () => ui?.close());

  it('is a tree of layers and fields that arrows walk and Left/Right fold', async () => {
    const layers = tree().locator('[role=treeitem][aria-level="1"]');
    expect(await layers.allTextContents()).toEqual(['▾Ethernet II',
      '▾Internet Protocol Version 4', '▾Transmission Control Protocol']);
    await tree().focus();
    await page().keyboard.press('ArrowDown');
    expect(await active()).toMatch(/^Destination: /);
    // The Ethernet destination is the frame's first six bytes.
    expect(await litOffsets()).toEqual([0, 1, 2, 3, 4, 5]);
    await page().keyboard.press('ArrowLeft');
    expect(await active()).toBe('▾Ethernet II');
    await page().keyboard.press('ArrowLeft');
    expect(await layers.first().getAttribute('aria-expanded')).toBe('false');
    expect(await tree().locator('[data-field="eth.src"]').count()).toBe(0);
    await page().keyboard.press('ArrowRight');
    expect(await layers.first().getAttribute('aria-expanded')).toBe('true');
    await page().keyboard.press('ArrowRight');
    expect(await active()).toMatch(/^Destination: /);
  });

  it('links a clicked byte to its field, and the field to tcpdump\'s bytes', async () => {
    await page().locator('.byte[data-offset="26"]').click();
    expect(await active()).toMatch(/^Source address: /);
    expect(await litOffsets()).toEqual([26, 27, 28, 29]);
    const bytes = oracleBytes().slice(26, 30).join('.');
    expect(await active()).toBe(`Source address: ${bytes}`);
  });

  it('copies a field, its value and the whole tree', async () => {
    const field = (await active())!;
    await page().getByRole('button', { name: 'Copy field' }).click();
    expect(await clipboard(page())).toBe(field);
    await page().getByRole('button', { name: 'Copy value' }).click();
    expect(await clipboard(page())).toBe(field.replace('Source address: ', ''));
    await page().getByRole('button', { name: 'Copy tree' }).click();
    const lines = (await clipboard(page())).trimEnd().split('\n');
    const shown = await tree().locator('[role=treeitem]').allTextContents();
    expect(lines.map((line) => line.trim()))
      .toEqual(shown.map((text) => text.replace(/^[▾▸]/, '')));
  });

  it('applies a field as a pcap filter that selects what tcpdump selects', async () => {
    await tree().locator('[data-field="ip.src"]').click();
    await page().getByRole('button', { name: 'Apply as filter' }).click();
    const bar = page().getByLabel('Display filter');
    const expression = `src host ${oracleBytes().slice(26, 30).join('.')}`;
    await expect.poll(() => bar.inputValue()).toBe(expression);
    const expected = tcpdump(['-nn', '-r', capture, expression]).trim().split('\n').length;
    await expect.poll(() => page().getByRole('grid', { name: 'Packets' })
      .getAttribute('aria-rowcount')).toBe(String(expected));
    await tree().locator('[data-field="tcp.checksum"]').click();
    expect(await page().getByRole('button', { name: 'Apply as filter' }).isDisabled()).toBe(true);
    await bar.press('Escape');
    const all = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    await expect.poll(() => page().getByRole('grid', { name: 'Packets' })
      .getAttribute('aria-rowcount')).toBe(String(all));
  });

  it('copies bytes as hex, text and a C array, equal to tcpdump -xx', async () => {
    await page().locator(`.packet-row[data-number="${NUMBER}"]`).click();
    await expect.poll(() => page().locator('.packet-row[aria-selected=true]')
      .getAttribute('data-number')).toBe(String(NUMBER));
    await expect.poll(() => page().locator('.pane-note').textContent()).toMatch(/^all /);
    const bytes = oracleBytes();
    await page().getByRole('button', { name: 'Copy as hex' }).click();
    expect((await clipboard(page())).split(' ').map((hex) => parseInt(hex, 16))).toEqual(bytes);
    await page().getByRole('button', { name: 'Copy as C array' }).click();
    const array = await clipboard(page());
    expect(array).toMatch(new RegExp(`^static const unsigned char packet_${NUMBER}\\[` +
      `${bytes.length}\\] = \\{`));
    expect([...array.matchAll(/0x([0-9a-f]{2})/g)].map((m) => parseInt(m[1], 16)))
      .toEqual(bytes);
    await page().getByRole('button', { name: 'Copy as text' }).click();
    const text = await clipboard(page());
    expect(text.length).toBe(bytes.length);
    expect(text.endsWith('Postfix\r\n')).toBe(true);
  });

  it('moves through the bytes with the arrow keys, selecting their fields', async () => {
    await page().getByLabel('Packet bytes').focus();
    await page().keyboard.press('Home');
    expect(await litOffsets()).toEqual([0, 1, 2, 3, 4, 5]);
    await page().keyboard.press('ArrowRight');
    expect(await active()).toMatch(/^Destination: /);
    await page().keyboard.press('ArrowDown');
    // Byte 17 is inside the IPv4 total length (bytes 16 and 17).
    expect(await litOffsets()).toEqual([16, 17]);
    expect(await active()).toMatch(/^Total length: /);
  });
});
