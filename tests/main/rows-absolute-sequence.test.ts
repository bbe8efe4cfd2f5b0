// Rows asked with absoluteSequence carry tcpdump -S's lines; without it, tcpdump's relative
// ones; asking one way never changes what the other way prints.

import { describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const lines = (args: string[]) => tcpdump([...args, '-t']).trim().split('\n');

describe.runIf(hasSharedData)('rows with absolute sequence numbers', () => {
  it('equal tcpdump -nn -S lines with the option and tcpdump -nn lines without', async () => {
    const file = sharedCapture('01-seed-postfix-relay.pcap');
    const relative = lines(['-nn', '-r', file]);
    const absolute = lines(['-nn', '-S', '-r', file]);
    // The oracle tells them apart: the file has data packets whose numbers differ.
    expect(absolute).not.toEqual(relative);
    const service = new TaplineService();
    await (await service.openPath(file)).loaded;
    // Alternating, the absolute side starting past the first packets, then going back.
    for (const [start, count] of [[8, 7], [0, 15], [3, 4], [14, 1]]) {
      const withS = await service.rows(start, count, true);
      expect(withS.map((row) => row.info)).toEqual(absolute.slice(start, start + count));
      const withoutS = await service.rows(start, count);
      expect(withoutS.map((row) => row.info)).toEqual(relative.slice(start, start + count));
    }
    await service.close();
  });
});
