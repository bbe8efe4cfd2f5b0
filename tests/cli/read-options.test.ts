// Argument parsing of `tapline read`, following tcpdump's getopt conventions.

import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error';
import { parseReadOptions } from '../../src/cli/read/read-options';

describe('tapline read options', () => {
  it('takes bundled and counted flags as tcpdump does', () => {
    const options = parseReadOptions(['-nn#ttttvvXX', '-c5', 'f.pcap']);
    expect(options).toMatchObject({
      source: 'f.pcap', number: true, timestampStyle: 'date-time', verbose: 2,
      dump: 'hex-ascii', dumpLinkLayer: true, count: 5, expression: '',
    });
  });

  it('reads -r FILE, or the first word, and joins the rest into the expression', () => {
    expect(parseReadOptions(['-r', 'a.pcap', 'tcp', 'port', '25'])).toMatchObject({
      source: 'a.pcap', expression: 'tcp port 25',
    });
    expect(parseReadOptions(['a.pcap', 'udp', '-q'])).toMatchObject({
      source: 'a.pcap', expression: 'udp', quiet: true,
    });
    expect(parseReadOptions(['-', '--', '-x'])).toMatchObject({ source: '-', expression: '-x' });
  });

  it('prefers -X over -x over -A, and knows --nano', () => {
    expect(parseReadOptions(['-xA', 'f'])).toMatchObject({ dump: 'hex', dumpLinkLayer: false });
    expect(parseReadOptions(['-AXx', 'f']).dump).toBe('hex-ascii');
    expect(parseReadOptions(['--nano', '-ttt', 'f'])).toMatchObject({
      nano: true, timestampStyle: 'delta-previous',
    });
  });

  it('refuses unknown flags, missing values and bad counts with CLI_USAGE', () => {
    for (const args of [['-Z', 'f'], ['-c'], ['-c', 'x', 'f'], ['-c', '0', 'f'], [], ['--bogus']]) {
      expect(() => parseReadOptions(args), args.join(' ')).toThrow(CliError);
      try {
        parseReadOptions(args);
      } catch (error) {
        expect((error as CliError).code).toBe('CLI_USAGE');
      }
    }
  });
});
