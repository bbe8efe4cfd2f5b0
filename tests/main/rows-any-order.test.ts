// Rows asked for in any order (the user scrolls back, jumps with Ctrl+G) carry the lines
// tcpdump prints for those packets.

import { describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

describe.runIf(hasSharedData)('rows in any order', () => {
  it('gives tcpdump\'s line for every window asked, forwards and backwards', async () => {
    const file = sharedCapture('09-lossy-dev.pcap');
    const lines = tcpdump(['-nn', '-t', '-r', file]).trim().split('\n');
    const service = new TaplineService();
    await (await service.openPath(file)).loaded;
    for (const [start, count] of [[300, 32], [0, 40], [150, 60], [20, 10], [320, 12]]) {
      const rows = await service.rows(start, count);
      expect(rows.map((row) => row.info)).toEqual(lines.slice(start, start + count));
    }
    await service.close();
  });
});
