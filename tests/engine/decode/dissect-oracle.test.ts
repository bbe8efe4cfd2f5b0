// dissect() against tshark's PDML: every field we name must sit at Wireshark's offset, with
// Wireshark's size and value, on real captures.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dissect } from '../../../src/engine/decode/dissect';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { join } from 'node:path';
import { hasSharedData, sharedCapture, sharedRoot } from '../../support/shared-data';

interface PdmlField {
  pos: number;
  size: number;
  show: string;
}

/** Per packet, the first field of each name tshark reports. */
function pdmlFields(path: string): Map<string, PdmlField>[] {
  const run = spawnSync('tshark', ['-r', path, '-T', 'pdml'], {
    env: { ...process.env, TZ: 'UTC' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run.stdout.split('<packet>').slice(1).map((packet) => {
    const fields = new Map<string, PdmlField>();
    const pattern = /<field name="([^"]+)"[^>]*? size="(\d+)" pos="(\d+)" show="([^"]*)"/g;
    for (const match of packet.matchAll(pattern)) {
      if (fields.has(match[1])) continue;
      fields.set(match[1], { size: Number(match[2]), pos: Number(match[3]), show: match[4] });
    }
    return fields;
  });
}

function records(path: string): PacketRecord[] {
  const list: PacketRecord[] = [];
  const parser = createCaptureParser({
    packet(record) {
      list.push({ ...record, data: record.data.slice() });
    },
  });
  parser.push(new Uint8Array(readFileSync(path)));
  parser.end();
  return list;
}

/** Fields whose Wireshark value is shown as raw bytes rather than as a number. */
const BYTES_SHOWN = new Set(['tcp.options', 'ip.options']);

describe.skipIf(!hasSharedData)('dissect() against tshark -T pdml', () => {
  const conformance = join(sharedRoot, 'conformance', 'tcpdump');
  const captures = [
    sharedCapture('01-seed-postfix-relay.pcap'), sharedCapture('06-ipv6.pcap'),
    sharedCapture('08-two-ifaces.pcapng'),
    // VLAN tags, UDP, ICMP and raw IP from the tcpdump suite.
    join(conformance, '802.1ad_QinQ.pcap'), join(conformance, 'time_2038.pcap'),
    join(conformance, 'icmp-rfc8335.pcap'), join(conformance, 'LINKTYPE_RAW_ipv4.pcap'),
  ];
  for (const path of captures) {
    it(`${path.split('/').pop()}: names, offsets, sizes and values`, () => {
      const expected = pdmlFields(path);
      const packets = records(path);
      expect(packets.length).toBe(expected.length);
      let compared = 0;
      const problems: string[] = [];
      packets.forEach((record, index) => {
        const { layers } = dissect(record);
        expect(layers.length).toBeGreaterThanOrEqual(1);
        for (const field of layers.flatMap((layer) => layer.fields)) {
          const theirs = expected[index].get(field.name);
          const where = `packet ${index + 1} ${field.name}`;
          if (!theirs) {
            problems.push(`${where}: tshark has no such field`);
            continue;
          }
          compared++;
          if (theirs.pos !== field.offset || theirs.size !== field.length) {
            problems.push(`${where}: at ${field.offset}+${field.length}, ` +
              `tshark ${theirs.pos}+${theirs.size}`);
          }
          if (BYTES_SHOWN.has(field.name)) continue;
          const same = typeof field.value === 'number'
            ? Number(theirs.show) === field.value
            : theirs.show === field.value;
          if (!same) problems.push(`${where}: value ${field.value}, tshark ${theirs.show}`);
        }
      });
      expect(problems.slice(0, 10)).toEqual([]);
      expect(compared).toBeGreaterThanOrEqual(packets.length * 8);
    });
  }
});
