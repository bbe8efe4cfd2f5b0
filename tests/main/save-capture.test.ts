// Saving: all packets, the displayed ones or a range, as pcap or pcapng, atomically; and the
// web mode's download. tcpdump and tshark read what we write.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { splitPackets, tcpdump } from '../support/tcpdump';

const source = sharedCapture('08-two-ifaces.pcapng');
const folder = mkdtempSync(join(tmpdir(), 'tapline-save-'));

/** Each packet as tcpdump prints it with its exact time and every byte. */
function packetsOf(file: string): string[] {
  return splitPackets(tcpdump(['-nn', '-tt', '--nano', '-xx', '-r', file]))
    .map((lines) => lines.join('\n'));
}

describe.runIf(hasSharedData)('saving packets', () => {
  let service: TaplineService;
  beforeAll(async () => {
    service = new TaplineService();
    await (await service.openPath(source)).loaded;
  });
  afterAll(() => service?.close());

  it.each(['pcap', 'pcapng'] as const)('saves every packet as %s, identical for tcpdump',
    async (format) => {
      const target = join(folder, `all.${format}`);
      const saved = await service.saveAs(target, { format, scope: 'all' });
      expect(saved.packets).toBe(35);
      expect(packetsOf(target)).toEqual(packetsOf(source));
    });

  it('saves the displayed packets, and a range', async () => {
    const expression = 'host 198.51.100.112 and port 25';
    await service.applyFilter(expression);
    const shown = join(folder, 'shown.pcapng');
    await service.saveAs(shown, { format: 'pcapng', scope: 'displayed' });
    const selected = splitPackets(tcpdump(['-nn', '-tt', '--nano', '-xx', '-r', source,
      expression])).map((lines) => lines.join('\n'));
    expect(packetsOf(shown)).toEqual(selected);
    expect(selected.length).toBeLessThan(35);

    const range = join(folder, 'range.pcap');
    await service.saveAs(range, { format: 'pcap', scope: { first: 3, last: 7 } });
    expect(packetsOf(range)).toEqual(packetsOf(source).slice(2, 7));
    await service.applyFilter('');
  });

  it('refuses to write over the open file, and keeps the target whole on failure', async () => {
    await expect(service.saveAs(source, { format: 'pcapng', scope: 'all' }))
      .rejects.toMatchObject({ code: expect.stringMatching(/^CAPTURE_/) });
    const target = join(folder, 'kept.pcap');
    writeFileSync(target, 'previous');
    await expect(service.saveAs(target, { format: 'pcap', scope: { first: 5, last: 2 } }))
      .rejects.toMatchObject({ code: 'BAD_RANGE' });
    expect(readFileSync(target, 'utf8')).toBe('previous');
  });
});

describe.runIf(hasSharedData)('the web mode download', () => {
  let server: RunningWebServer;
  beforeAll(async () => {
    const service = new TaplineService();
    await (await service.openPath(source)).loaded;
    const rendererRoot = mkdtempSync(join(tmpdir(), 'tapline-renderer-'));
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html>');
    server = await startWebServer({ service, rendererRoot, version: 'test' });
  });
  afterAll(() => server?.close());

  it('streams the chosen packets to the page that holds the token', async () => {
    const origin = new URL(server.url).origin;
    const download = (token: string) => fetch(`${origin}/api/download`, {
      method: 'POST',
      headers: { Origin: origin, 'X-Tapline-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ format: 'pcapng', scope: 'all' }),
    });
    expect((await download('wrong')).status).toBe(401);
    const response = await download(server.token);
    expect(response.headers.get('content-disposition')).toContain('08-two-ifaces.pcapng');
    expect(response.headers.get('content-type')).toBe('application/x-pcapng');
    const file = join(folder, 'downloaded.pcapng');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    expect(packetsOf(file)).toEqual(packetsOf(source));
  });
});
