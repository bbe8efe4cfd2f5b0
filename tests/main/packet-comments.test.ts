// pcapng comments are kept and shown: a packet's in its detail tree, the file's in its status.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import type { CaptureInterface, PacketRecord } from '../../src/engine/files/packet-record';
import { writePcapng } from '../../src/engine/files/pcapng-writer';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';

/** The seed capture rewritten as pcapng, with a comment on its third packet and the file. */
function commentedCopy(): string {
  const interfaces: CaptureInterface[] = [];
  const records: PacketRecord[] = [];
  const parser = createCaptureParser({
    interface: (found) => interfaces.push(found),
    packet: (record) => records.push({ ...record, data: record.data.slice() }),
  });
  parser.push(readFileSync(sharedCapture('01-seed-postfix-relay.pcap')));
  parser.end();
  records[2] = { ...records[2], comments: ['handshake done — ACK from the client'] };
  const chunks = [...writePcapng(interfaces, records,
    { section: { sectionComment: 'seed relay, commented' } })];
  const file = join(mkdtempSync(join(tmpdir(), 'tapline-comments-')), 'commented.pcapng');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

describe.runIf(hasSharedData)('pcapng comments', () => {
  it('shows a packet comment as tshark reads it, and the file comment', async () => {
    const file = commentedCopy();
    const tshark = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.comment'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
    const service = new TaplineService();
    await (await service.openPath(file)).loaded;

    const detail = await service.packetDetail(3);
    expect(detail[0].label).toBe('Packet comments');
    expect(detail[0].fields.map((field) => field.value)).toEqual([tshark[2]]);
    expect((await service.packetDetail(2))[0].name).not.toBe('frame.comment');
    expect(service.status().comment).toBe('seed relay, commented');
    await service.close();
  });
});
