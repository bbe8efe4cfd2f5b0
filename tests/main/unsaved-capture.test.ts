// A capture spool that no save has copied whole is marked unsaved in the status, until Save
// As or a download of every packet; only then is it no longer offered at start.

import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../src/shared/api';
import { createDispatcher } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const source = sharedCapture('08-two-ifaces.pcapng');
const spool = mkdtempSync(join(tmpdir(), 'tapline-unsaved-spool-'));
const saved = mkdtempSync(join(tmpdir(), 'tapline-unsaved-saved-'));
const previousSpoolDir = process.env.TAPLINE_SPOOL_DIR;

async function opened(path: string, name?: string): Promise<TaplineService> {
  const service = new TaplineService();
  await (await service.openPath(path, name)).loaded;
  return service;
}

describe.runIf(hasSharedData)('unsaved captures', () => {
  beforeAll(() => {
    process.env.TAPLINE_SPOOL_DIR = spool;
    for (const name of ['lo-a.pcapng', 'lo-b.pcapng', 'lo-c.pcapng']) {
      copyFileSync(source, join(spool, name));
    }
  });
  afterAll(() => {
    if (previousSpoolDir === undefined) delete process.env.TAPLINE_SPOOL_DIR;
    else process.env.TAPLINE_SPOOL_DIR = previousSpoolDir;
  });

  it('says so for a spool until Save As writes every packet', async () => {
    const service = new TaplineService();
    const events: DocumentStatus[] = [];
    service.onStatus((status) => events.push(status));
    await (await service.openPath(join(spool, 'lo-a.pcapng'), 'lo-a.pcapng')).loaded;
    try {
      expect(service.status().unsaved).toBe(true);
      // The last word while loading says it too, or the window would forget it.
      expect(events.at(-1)).toMatchObject({ loading: false, unsaved: true });
      // The open one is the window's own; the others are offered.
      expect((await service.unsavedCaptures()).map((c) => c.name).sort())
        .toEqual(['lo-b.pcapng', 'lo-c.pcapng']);

      await service.saveAs(join(saved, 'part.pcap'), { format: 'pcap',
        scope: { first: 1, last: 3 } });
      expect(service.status().unsaved).toBe(true);

      const whole = join(saved, 'whole.pcapng');
      await service.saveAs(whole, { format: 'pcapng', scope: 'all' });
      expect(service.status().unsaved).toBeUndefined();
      expect(events.at(-1)?.unsaved).toBeUndefined();
      expect(tcpdump(['-nn', '-r', whole])).toBe(tcpdump(['-nn', '-r', source]));
      expect(existsSync(join(spool, 'lo-a.pcapng.saved'))).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('counts a download of every packet as saved once its last byte is out', async () => {
    const service = await opened(join(spool, 'lo-b.pcapng'), 'lo-b.pcapng');
    try {
      await service.applyFilter('port 25');
      const shown = service.exportChunks({ format: 'pcap', scope: 'displayed' });
      for await (const chunk of shown.chunks) expect(chunk.length).toBeGreaterThan(0);
      expect(service.status().unsaved).toBe(true);

      const all = service.exportChunks({ format: 'pcapng', scope: 'all' });
      const iterator = all.chunks[Symbol.asyncIterator]();
      await iterator.next();
      // Half a download saves nothing.
      expect(service.status().unsaved).toBe(true);
      while (!(await iterator.next()).done) { /* the rest of the file */ }
      expect(service.status().unsaved).toBeUndefined();
    } finally {
      await service.close();
    }
    const later = new TaplineService();
    expect((await later.unsavedCaptures()).map((c) => c.name)).toEqual(['lo-c.pcapng']);
  });

  it('keeps a spool open in one window out of another window\'s offers', async () => {
    const name = 'lo-d.pcapng';
    copyFileSync(source, join(spool, name));
    const first = await opened(join(spool, name), name);
    const second = new TaplineService();
    const dispatch = createDispatcher(second, { mode: 'electron', version: 'test' });
    try {
      const offered = async () => (await second.unsavedCaptures()).map((c) => c.name);
      expect(await offered()).not.toContain(name);
      await expect(dispatch('captures.discard', { name }))
        .rejects.toMatchObject({ code: 'CAPTURE_IN_USE' });
      expect(existsSync(join(spool, name))).toBe(true);

      await first.close();
      expect(await offered()).toContain(name);
      await dispatch('captures.discard', { name });
      expect(existsSync(join(spool, name))).toBe(false);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('never marks a file outside the spool folder', async () => {
    const service = await opened(source);
    try {
      expect(service.status().unsaved).toBeUndefined();
    } finally {
      await service.close();
    }
  });
});
