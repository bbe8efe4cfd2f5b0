// The recent-files list the service keeps: order, one entry per file, the cap, persistence in
// the state folder, and the requests that open an entry by id only.

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/service/dispatcher';
import {
  defaultRecentFilesPath, MAX_RECENT_FILES, RecentFiles,
} from '../../src/main/service/recent-files';
import { TaplineService } from '../../src/main/service/tapline-service';
import type { RecentFileItem } from '../../src/shared/recent-api';
import { hasSharedData, sharedCapture } from '../support/shared-data';

const services: TaplineService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

function start(stateFolder: string) {
  const service = new TaplineService({ recent: new RecentFiles(join(stateFolder, 'recent.json')) });
  services.push(service);
  return { service, dispatch: createDispatcher(service, { mode: 'web', version: 'test' }) };
}

async function recent(dispatch: ReturnType<typeof start>['dispatch']) {
  return await dispatch('document.recent', {}) as RecentFileItem[];
}

describe('the recent-files list', () => {
  it('puts the newest first, lists a file once, and keeps ten', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tapline-recent-'));
    const list = new RecentFiles(join(folder, 'recent.json'));
    for (let i = 0; i < 14; i++) list.add(`/captures/${i}.pcap`, 1000 + i);
    list.add('/captures/12.pcap', 5000);
    const view = list.view();
    expect(view.length).toBe(MAX_RECENT_FILES);
    expect(view.map((item) => item.name).slice(0, 4))
      .toEqual(['12.pcap', '13.pcap', '11.pcap', '10.pcap']);
    expect(view[0]).toMatchObject({ folder: '/captures', openedAt: 5000, exists: false });
    expect(new Set(view.map((item) => item.id)).size).toBe(MAX_RECENT_FILES);
    expect(view.at(-1)?.name).toBe('4.pcap');
  });

  it('finds its file in $TAPLINE_STATE_DIR, else in the XDG state folder', () => {
    const saved = { ...process.env };
    try {
      process.env.TAPLINE_STATE_DIR = '/tmp/state-a';
      expect(defaultRecentFilesPath()).toBe('/tmp/state-a/recent.json');
      delete process.env.TAPLINE_STATE_DIR;
      process.env.XDG_STATE_HOME = '/tmp/xdg';
      expect(defaultRecentFilesPath()).toBe('/tmp/xdg/tapline/recent.json');
    } finally {
      process.env.TAPLINE_STATE_DIR = saved.TAPLINE_STATE_DIR;
      process.env.XDG_STATE_HOME = saved.XDG_STATE_HOME;
      if (saved.TAPLINE_STATE_DIR === undefined) delete process.env.TAPLINE_STATE_DIR;
      if (saved.XDG_STATE_HOME === undefined) delete process.env.XDG_STATE_HOME;
    }
  });

  it.runIf(hasSharedData)('outlives the service and reopens a file by id', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tapline-state-'));
    const first = start(state);
    await (await first.service.openAndRemember(sharedCapture('01-seed-postfix-relay.pcap')))
      .loaded;
    await (await first.service.openAndRemember(sharedCapture('06-ipv6.pcap'))).loaded;
    // Opened without remembering, as the web mode opens its uploads: not listed.
    await (await first.service.openPath(sharedCapture('02-pipelining-multircpt-rset.pcap')))
      .loaded;
    await first.service.close();

    const second = start(state);
    const items = await recent(second.dispatch);
    expect(items.map((item) => item.name)).toEqual(['06-ipv6.pcap', '01-seed-postfix-relay.pcap']);
    expect(items.every((item) => item.exists && item.folder.endsWith('captures'))).toBe(true);

    const status = await second.dispatch('document.openRecent', { id: items[1].id });
    expect(status).toMatchObject({ name: '01-seed-postfix-relay.pcap' });
    // Reopened, it moves to the top.
    expect((await recent(second.dispatch))[0].name).toBe('01-seed-postfix-relay.pcap');
  });

  it.runIf(hasSharedData)('marks a vanished file missing and says so on open', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tapline-state-'));
    const folder = mkdtempSync(join(tmpdir(), 'tapline-vanish-'));
    const copy = join(folder, 'soon-gone.pcap');
    copyFileSync(sharedCapture('01-seed-postfix-relay.pcap'), copy);
    const { service, dispatch } = start(state);
    await (await service.openAndRemember(copy)).loaded;
    rmSync(copy);
    const [item] = await recent(dispatch);
    expect(item).toMatchObject({ name: 'soon-gone.pcap', folder, exists: false });
    await expect(dispatch('document.openRecent', { id: item.id })).rejects.toMatchObject({
      code: 'RECENT_MISSING', message: `soon-gone.pcap is no longer in ${folder}: ` +
        'it was moved or deleted',
    });
  });

  it('refuses an unknown id and any path in the request', async () => {
    const { dispatch } = start(mkdtempSync(join(tmpdir(), 'tapline-state-')));
    await expect(dispatch('document.openRecent', { id: '0123456789abcdef' }))
      .rejects.toMatchObject({ code: 'UNKNOWN_RECENT' });
    await expect(dispatch('document.openRecent', { id: '0123456789abcdef', path: '/etc/passwd' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/path/) });
    await expect(dispatch('document.openRecent', { id: '/etc/passwd' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(dispatch('document.recent', { path: '/etc/passwd' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the desktop list of older builds', () => {
  it('is taken over once when the state folder has no list yet', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tapline-recent-import-'));
    const older = join(folder, 'recent-files.json');
    writeFileSync(older, '["/old/a.pcap", "/old/b.pcap"]');
    const list = new RecentFiles(join(folder, 'state', 'recent.json'), older);
    expect(list.items).toEqual(['/old/a.pcap', '/old/b.pcap']);
    list.add('/new/c.pcap');
    writeFileSync(older, '["/old/ignored.pcap"]');
    expect(new RecentFiles(join(folder, 'state', 'recent.json'), older).items)
      .toEqual(['/new/c.pcap', '/old/a.pcap', '/old/b.pcap']);
  });
});
