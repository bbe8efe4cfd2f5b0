// What the TCP ladder panel is told while a file is still being read: DOCUMENT_LOADING, in
// words it can show, and the real answer once the file has been read to the end.

import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher, toErrorShape } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';

describe.runIf(hasSharedData)('conversation requests while a file loads', () => {
  const service = new TaplineService();
  const dispatch = createDispatcher(service, { mode: 'web', version: 'test' });
  afterAll(() => service.close());

  it('answers DOCUMENT_LOADING until the file is read, then the conversation', async () => {
    const { loaded } = await service.openPath(sharedCapture('09-lossy-dev.pcap'));
    expect(service.status().loading).toBe(true);
    const early = await dispatch('conversation.forPacket', { number: 1 }).catch(toErrorShape);
    expect(early).toMatchObject({ code: 'DOCUMENT_LOADING',
      message: expect.stringMatching(/still loading/) });

    await loaded;
    expect(await dispatch('conversation.forPacket', { number: 1 }))
      .toEqual({ number: 1, conversation: 0 });
  });
});
