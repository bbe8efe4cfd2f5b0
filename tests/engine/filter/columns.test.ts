// The header-column plan answers exactly as the compiled filter (itself equal to tcpdump) for
// every packet it claims to answer: every expression, every shared capture by link type.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../../src/engine/filter/columns/column-plan';
import { extractHeader } from '../../../src/engine/filter/columns/extract-header';
import {
  HeaderKind, type HeaderColumnArrays,
} from '../../../src/engine/filter/columns/header-columns';
import { compileFilter } from '../../../src/engine/filter/compile-filter';
import { parseFilter } from '../../../src/engine/filter/parser';
import { compareWithTcpdump } from './compare';
import { corpora, hasSharedData, type Packet } from './oracle';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Plannable expressions that expressions.txt lacks, checked against tcpdump below too. */
const EXTRA = [
  'host 127.0.0.11 and port 25',
  'src and dst port 25',
  'tcp dst portrange 1-1024',
  'udp src port 53 or igmp',
  'net 198.51.100.0/24 and portrange 20-30',
  'less 64 and not tcp',
  'greater 100 and host 198.51.100.112',
  'ip and not port 25 and not icmp',
  'proto 132 or sctp port 0',
  'esp or ah or pim or vrrp or igrp or carp',
  'len > 100 and tcp',
  'len = 60 or len != 54',
  'arp host 198.51.100.110 or stp or ipx',
  'src net 198.51.100.0 mask 255.255.255.128 and not dst port 25',
];

function expressions(): string[] {
  const lines = readFileSync(path.join(here, 'expressions.txt'), 'utf8').split('\n');
  return ['', ...lines.filter((line) => line.trim() !== '' && !line.startsWith('#')), ...EXTRA];
}

function columnsFor(linkType: number, packets: readonly Packet[]): HeaderColumnArrays {
  const n = packets.length;
  const columns: HeaderColumnArrays = {
    kinds: new Uint8Array(n), protocols: new Uint8Array(n), sources: new Uint32Array(n),
    destinations: new Uint32Array(n), sourcePorts: new Uint16Array(n),
    destinationPorts: new Uint16Array(n),
    originalLengths: Uint32Array.from(packets, (p) => p.length),
  };
  packets.forEach((p, i) => extractHeader(linkType, p.data, columns, i));
  return columns;
}

interface Tally { planned: number; answered: number; disagreements: string[] }

/** Every packet the plan answers, compared with the compiled filter on its bytes. */
function compare(linkType: number, packets: readonly Packet[], list: readonly string[],
  label: string, tally: Tally): void {
  const columns = columnsFor(linkType, packets);
  for (const expression of list) {
    const plan = planColumns(parseFilter(expression));
    if (!plan) continue;
    tally.planned++;
    const filter = compileFilter(expression);
    const test = plan.bind(columns);
    // The block scan too, in blocks of 7 so that block edges fall everywhere.
    const scanned = new Uint8Array(packets.length);
    const scan = plan.scanner(columns);
    for (let start = 0; start < packets.length; start += 7) {
      const count = Math.min(7, packets.length - start);
      const block = new Uint8Array(count);
      scan(start, count, block);
      scanned.set(block, start);
    }
    packets.forEach((p, i) => {
      if (columns.kinds[i] === HeaderKind.UNKNOWN) return;
      tally.answered++;
      const want = filter.matches(linkType, p.data, p.length);
      const answers = [test(i), scanned[i] === 1];
      if (answers.some((answer) => answer !== want) && tally.disagreements.length < 20) {
        tally.disagreements.push(`${label} packet ${i}: ${JSON.stringify(expression)} ` +
          `columns (test, scan) ${answers.join(', ')}, bytes ${want}`);
      }
    });
  }
}

/** IPv4 frames cut at every length, with odd IHLs and fragment offsets: the edges. */
function variants(packets: readonly Packet[]): Packet[] {
  const out: Packet[] = [];
  for (const p of packets.filter((q) => q.data[12] === 8 && q.data[13] === 0).slice(0, 60)) {
    for (let cut = 14; cut <= Math.min(p.data.length, 14 + 60 + 4); cut++) {
      out.push({ ...p, data: p.data.slice(0, cut) });
    }
    for (const ihl of [0, 1, 4, 6, 15]) {
      const data = p.data.slice();
      data[14] = (data[14] & 0xf0) | ihl;
      out.push({ ...p, data });
    }
    for (const flags of [[0x20, 0x00], [0x00, 0x01], [0x1f, 0xff], [0x40, 0x00]]) {
      const data = p.data.slice();
      data[20] = flags[0];
      data[21] = flags[1];
      out.push({ ...p, data });
    }
  }
  return out;
}

describe.skipIf(!hasSharedData)('display filter over header columns', () => {
  it('answers as the compiled filter on every capture, for every listed expression', () => {
    const { corpora: list } = corpora();
    const tally: Tally = { planned: 0, answered: 0, disagreements: [] };
    const kinds = [0, 0, 0];
    for (const corpus of list) {
      const columns = columnsFor(corpus.linkType, corpus.packets);
      for (const kind of columns.kinds) kinds[kind]++;
      compare(corpus.linkType, corpus.packets, expressions(), `link type ${corpus.linkType}`,
        tally);
    }
    console.log(`[columns] ${list.length} link types; packets unknown/IPv4/IPv4 with ports ` +
      `${kinds.join('/')}; ${tally.planned} (expression, link type) pairs planned; ` +
      `${tally.answered} answers from columns, all compared`);
    expect(tally.disagreements).toEqual([]);
    expect(kinds.every((k) => k > 40)).toBe(true);
    expect(tally.answered).toBeGreaterThan(300_000);
  }, 60_000);

  it('answers as the compiled filter on cut, re-headered and fragmented IPv4 frames', () => {
    const ethernet = corpora().corpora.find((c) => c.linkType === 1);
    expect(ethernet).toBeDefined();
    const packets = variants(ethernet!.packets);
    const tally: Tally = { planned: 0, answered: 0, disagreements: [] };
    compare(1, packets, expressions(), 'variant', tally);
    console.log(`[columns] ${packets.length} variant frames: ${tally.answered} answers`);
    expect(tally.disagreements).toEqual([]);
    expect(tally.answered).toBeGreaterThan(100_000);
  }, 60_000);

  it('plans the expressions it claims, and leaves the byte-level ones to the bytes', () => {
    for (const expression of ['host 127.0.0.11 and port 25', 'tcp', 'net 10', 'less 60']) {
      expect(planColumns(parseFilter(expression)), expression).toBeDefined();
    }
    for (const expression of ['tcp[13] & 2 != 0', 'vlan and tcp', 'ether broadcast',
      'host ::1', 'ether proto 0x0800', 'len - 14 > 40']) {
      expect(planColumns(parseFilter(expression)), expression).toBeUndefined();
    }
  });

  it('the extra expressions select what tcpdump selects through the compiled filter', async () => {
    const { corpora: list } = corpora();
    const report = await compareWithTcpdump(EXTRA, list);
    console.log(`[columns] extra expressions: ${report.summary}`);
    expect(report.disagreements).toEqual([]);
    expect(report.packetsCompared).toBeGreaterThan(10_000);
  }, 120_000);
});
