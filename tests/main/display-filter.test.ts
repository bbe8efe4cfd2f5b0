// The filter bar's expression in the service: the displayed packets are the ones tcpdump
// selects with the same expression, and each keeps the line it has without a filter.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { capturesDir, hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const EXPRESSIONS = [
  'host 198.51.100.112 and port 25',
  'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0',
  'ip6',
  'src host 198.51.100.110 and greater 500',
  'not tcp',
  'arp or icmp6',
];

/** Nanosecond timestamps of the packets tcpdump prints, one per packet line. */
function stamps(file: string, expression: string[] = []): string[] {
  const output = tcpdump(['-tt', '--nano', '-nn', '-r', file, ...expression]);
  return output.split('\n').filter((line) => /^\d+\.\d{9} /.test(line))
    .map((line) => line.slice(0, line.indexOf(' ')));
}

/**
 * The file's packet numbers that tcpdump selects with `expression` (its -# numbers only
 * the packets it prints): each printed packet is found, in order, among all packets.
 */
function tcpdumpNumbers(file: string, expression: string): number[] {
  const all = stamps(file);
  const numbers: number[] = [];
  let at = 0;
  for (const stamp of stamps(file, [expression])) {
    while (all[at] !== stamp) at++;
    numbers.push(++at);
  }
  return numbers;
}

const captures = hasSharedData
  ? readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name)) : [];

describe.runIf(hasSharedData)('display filter', () => {
  it.each(captures)('%s: shows what tcpdump selects, with unfiltered lines', async (name) => {
    const file = sharedCapture(name);
    const service = new TaplineService();
    const { loaded } = await service.openPath(file);
    await loaded;
    const allLines = tcpdump(['-nn', '-t', '-r', file]).trim().split('\n');

    for (const expression of EXPRESSIONS) {
      const status = await service.applyFilter(expression);
      const expected = tcpdumpNumbers(file, expression);
      expect(status.displayFilter?.displayed, expression).toBe(expected.length);
      const rows = await service.rows(0, 2000);
      expect(rows.map((row) => row.number), expression).toEqual(expected);
      for (const row of rows.slice(0, 20)) expect(row.info).toBe(allLines[row.number - 1]);
    }
    const cleared = await service.applyFilter('');
    expect(cleared.displayFilter).toBeUndefined();
    await service.close();
  });

  it('refuses a wrong expression with libpcap wording and its position', async () => {
    const service = new TaplineService();
    expect(service.checkFilter('host 198.51.100.112 and')).toMatchObject({ ok: false });
    expect(service.checkFilter('port 70000')).toEqual({
      ok: false, message: expect.stringContaining('70000'), position: expect.any(Number),
    });
    expect(service.checkFilter('tcp port smtp')).toEqual({ ok: true });
    const { loaded } = await service.openPath(sharedCapture('01-seed-postfix-relay.pcap'));
    await loaded;
    await expect(service.applyFilter('host and')).rejects.toMatchObject({
      code: 'FILTER_SYNTAX', message: expect.stringMatching(/syntax error \(at character \d+\)/),
    });
    await service.close();
  });
});
