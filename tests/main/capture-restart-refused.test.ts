// Restart refuses, in plain words, when the open document is not a capture of this window.

import { describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';

describe('capture restart without a capture', () => {
  it('says there is nothing to restart when nothing is open', async () => {
    const service = new TaplineService();
    await expect(service.restartCapture()).rejects.toMatchObject({
      code: 'NO_CAPTURE', message: expect.stringMatching(/no capture to restart/),
    });
    await service.close();
  });

  it.runIf(hasSharedData)('says so for a file opened from disk', async () => {
    const service = new TaplineService();
    await (await service.openPath(sharedCapture('01-seed-postfix-relay.pcap'))).loaded;
    await expect(service.restartCapture()).rejects.toMatchObject({ code: 'NO_CAPTURE' });
    expect(service.status().packetCount).toBe(15);
    await service.close();
  });
});
