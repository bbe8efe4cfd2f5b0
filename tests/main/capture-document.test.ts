// The packet store: a whole file indexed, and a damaged one keeping what came before the damage.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureDocument } from '../../src/main/service/capture-document';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { splitPackets, tcpdump } from '../support/tcpdump';

async function load(path: string) {
  const { document, done } = await CaptureDocument.open(path);
  await done;
  return document;
}

describe.runIf(hasSharedData)('capture document', () => {
  it('indexes every packet and reads their bytes back from the file', async () => {
    const capture = sharedCapture('02-pipelining-multircpt-rset.pcap');
    const document = await load(capture);
    const dump = splitPackets(tcpdump(['-nn', '-xx', '-r', capture]));
    expect(document.status()).toMatchObject({ loading: false, packetCount: dump.length });
    expect(document.status().error).toBeUndefined();

    const packets = await document.packets(100, 3);
    for (const { number, record } of packets) {
      const hex = dump[number - 1].slice(1).map((line) => line.split(':')[1]).join('')
        .replace(/\s+/g, '');
      expect(Buffer.from(record.data).toString('hex')).toBe(hex);
    }
    await document.close();
  });

  it('keeps the packets before damage and says where the file broke', async () => {
    const source = readFileSync(sharedCapture('02-pipelining-multircpt-rset.pcap'));
    const cut = join(mkdtempSync(join(tmpdir(), 'tapline-cut-')), 'cut.pcap');
    writeFileSync(cut, source.subarray(0, Math.floor(source.length / 2)));

    const document = await load(cut);
    const status = document.status();
    const tcpdumpCount = tcpdump(['-nn', '-r', cut]).trim().split('\n').length;
    expect(status.packetCount).toBe(tcpdumpCount);
    expect(status.error).toMatch(/byte offset \d+/);
    await document.close();
  });
});
