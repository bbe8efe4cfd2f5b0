// The desktop's small state files and command lines: damage in them is refused, not trusted.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFromArguments } from '../../src/main/electron/launch-arguments';
import {
  MAX_RECENT_FILES, parseRecentFiles, RecentFiles, withRecent, type RecentEntry,
} from '../../src/main/electron/recent-files';
import {
  fitToScreens, parseWindowState, readWindowState, writeWindowState,
} from '../../src/main/electron/window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('reads back what it wrote', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-state-')), 'sub', 'state.json');
    const state = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
  });

  it('ignores missing, damaged and implausible files', () => {
    expect(readWindowState('/nonexistent/tapline/state.json')).toBeUndefined();
    for (const text of ['', '{', 'null', '[]', '{"bounds":{}}',
      '{"bounds":{"x":0,"y":0,"width":900,"height":700}}',
      '{"bounds":{"x":0,"y":0,"width":10,"height":10},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":1e9,"height":700},"maximized":false}',
      '{"bounds":{"x":0.5,"y":0,"width":900,"height":700},"maximized":false}',
      '{"bounds":{"x":"0","y":0,"width":900,"height":700},"maximized":false}']) {
      expect(parseWindowState(text), text).toBeUndefined();
    }
  });

  it('drops bounds whose title bar is on no attached screen', () => {
    const onScreen = { bounds: { x: 100, y: 100, width: 900, height: 700 }, maximized: false };
    const gone = { bounds: { x: 2500, y: 100, width: 900, height: 700 }, maximized: false };
    const above = { bounds: { x: 100, y: -800, width: 900, height: 700 }, maximized: false };
    expect(fitToScreens(onScreen, [screen])).toBe(onScreen);
    expect(fitToScreens(gone, [screen])).toBeUndefined();
    expect(fitToScreens(gone, [screen, { ...screen, x: 1920 }])).toBe(gone);
    expect(fitToScreens(above, [screen])).toBeUndefined();
  });
});

describe('recent files', () => {
  it('puts the newest first, once, and keeps at most the limit', () => {
    let list: RecentEntry[] = [];
    for (let i = 0; i < MAX_RECENT_FILES + 5; i++) {
      list = withRecent(list, { path: `/c/${i}.pcap`, openedAt: i });
    }
    list = withRecent(list, { path: '/c/7.pcap', openedAt: 99 });
    expect(list[0]).toEqual({ path: '/c/7.pcap', openedAt: 99 });
    expect(list.length).toBe(MAX_RECENT_FILES);
    expect(new Set(list.map((entry) => entry.path)).size).toBe(list.length);
  });

  it('keeps only absolute paths from the file', () => {
    expect(parseRecentFiles('["/a.pcap", "relative.pcap", 3, null, "/b.pcapng"]')
      .map((entry) => entry.path)).toEqual(['/a.pcap', '/b.pcapng']);
    expect(parseRecentFiles('[{"path":"/c.pcap","openedAt":5},{"path":"c.pcap"}]'))
      .toEqual([{ path: '/c.pcap', openedAt: 5 }]);
    expect(parseRecentFiles('{"0":"/a.pcap"}')).toEqual([]);
    expect(parseRecentFiles('not json')).toEqual([]);
  });

  it('persists across instances', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-recent-')), 'recent.json');
    writeFileSync(file, 'damaged');
    const first = new RecentFiles(file);
    expect(first.items).toEqual([]);
    first.add('/a.pcap');
    first.add('/b.pcap');
    expect(new RecentFiles(file).items).toEqual(['/b.pcap', '/a.pcap']);
    first.clear();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('the file on a command line', () => {
  it('skips the binary, the app path and options, and resolves against the cwd', () => {
    expect(fileFromArguments(['/usr/bin/electron', 'out/main/index.js', 'a.pcap'], false,
      '/home/u')).toBe('/home/u/a.pcap');
    expect(fileFromArguments(['/opt/Tapline/tapline', '--no-sandbox', '/tmp/b.pcapng'], true,
      '/')).toBe('/tmp/b.pcapng');
    expect(fileFromArguments(['/opt/Tapline/tapline', '--allow-file-access-from-files'], true,
      '/')).toBeUndefined();
    expect(fileFromArguments(['/opt/Tapline/tapline'], true, '/')).toBeUndefined();
  });
});
