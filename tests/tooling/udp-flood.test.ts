// The capture bench's flood sender: what tcpdump sees on lo is what it says it sent, UDP from
// and to 127.0.0.1 on the asked port, at the asked rate; bad arguments get a clear message.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSender, runFlood } from '../../scripts/bench-capture/flood-sender';
import { startTcpdump, summaryCount } from '../../scripts/bench-capture/tcpdump-beside';
import { tcpdump } from '../support/tcpdump';

const canRun = process.getuid?.() === 0 && spawnSync('which', ['gcc']).status === 0;

describe.runIf(canRun)('udp-flood.c, the bench\'s loopback flood', () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  let folder: string;
  let sender: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'tapline-flood-test-'));
    sender = compileSender(folder);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('sends exactly the packets asked, on lo to 127.0.0.1, at the asked rate', async () => {
    const file = join(folder, 'seen.pcap');
    const watcher = await startTcpdump(file, `udp port ${port}`, 4096);
    const result = await runFlood(sender, port, 3000, 1);
    // tcpdump -w reads whole ring blocks; the last one is handed over after its 1 s timeout.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const summary = await watcher.stop();

    expect(result.sent).toBe(3000);
    expect(result.seconds).toBeGreaterThan(0.99);
    expect(result.seconds).toBeLessThan(1.5);
    expect(summaryCount(summary, 'captured')).toBe(3000);
    // lo hands each frame to a packet socket twice, leaving and arriving.
    expect(summaryCount(summary, 'received by filter')).toBe(6000);
    const lines = tcpdump(['-nn', '-v', '-r', file]).trim().split('\n');
    const headers = lines.filter((line) => /^\d/.test(line));
    const datagrams = lines.filter((line) => !/^\d/.test(line));
    expect(headers).toHaveLength(3000);
    for (const line of datagrams) {
      expect(line).toMatch(new RegExp(`^\\s+127\\.0\\.0\\.1\\.\\d+ > 127\\.0\\.0\\.1\\.${port}: ` +
        'UDP, length 64$'));
    }
    // Every frame is distinct: its IP id is its sequence number.
    const ids = new Set(headers.map((line) => /id (\d+)/.exec(line)?.[1]));
    expect(ids.size).toBe(3000);
  });

  it('refuses a bad port or rate in plain words', async () => {
    await expect(runFlood(sender, 0, 1000, 1)).rejects.toThrow(/PORT must be a positive/);
    await expect(runFlood(sender, 70_000, 1000, 1)).rejects.toThrow(/PORT above 65535/);
  });
});
