// `tapline stats` against capinfos (and tshark's conversation table), run live, TZ=UTC.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli } from './helpers/cli';
import { capturesDir, linesOf, runProgram, sharedDataMissing } from './helpers/oracle';

const skip = sharedDataMissing();

/** "Label:   value" lines of capinfos or of ours, by label. */
function fields(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of linesOf(text)) {
    const match = /^([A-Z][A-Za-z ]+):\s+(.*)$/.exec(line);
    if (match) map.set(match[1], match[2]);
  }
  return map;
}

/** capinfos's "Name = x" and "Number of packets = n" per interface, in order. */
function capinfosInterfaces(text: string): Array<{ name?: string; packets: string }> {
  const found: Array<{ name?: string; packets: string }> = [];
  let name: string | undefined;
  for (const line of linesOf(text)) {
    const nameMatch = /^\s+Name = (.*)$/.exec(line);
    if (nameMatch) name = nameMatch[1];
    const countMatch = /^\s+Number of packets = (\d+)$/.exec(line);
    if (countMatch) {
      found.push({ name, packets: countMatch[1] });
      name = undefined;
    }
  }
  return found;
}

/** tshark writes "2001:db8::1:25"; we write "[2001:db8::1]:25", as URLs do. */
function endpoint(text: string): string {
  const cut = text.lastIndexOf(':');
  const address = text.slice(0, cut);
  return address.includes(':') ? `[${address}]${text.slice(cut)}` : text;
}

/** tshark's TCP conversations as "a <-> b" → [frames, bytes, unit]. */
function tsharkConversations(file: string): Map<string, [number, number, string]> {
  const out = runProgram('tshark', ['-n', '-q', '-r', file, '-z', 'conv,tcp']).stdout;
  const map = new Map<string, [number, number, string]>();
  for (const line of linesOf(out)) {
    const match = /^(\S+)\s+<->\s+(\S+)\s+\d+\s+\S+ \w+\s+\d+\s+\S+ \w+\s+(\d+)\s+(\d+) (bytes|kB)/
      .exec(line);
    if (!match) continue;
    const key = `${endpoint(match[1])} <-> ${endpoint(match[2])}`;
    map.set(key, [Number(match[3]), Number(match[4]), match[5]]);
  }
  return map;
}

/** tshark's protocol hierarchy down to the transport layer, as "eth/ip/tcp" → frames, bytes. */
function tsharkProtocols(file: string): Map<string, [number, number]> {
  const out = runProgram('tshark', ['-q', '-r', file, '-z', 'io,phs']).stdout;
  return hierarchy(out, /^( *)(\S+)\s+frames:(\d+) bytes:(\d+)$/, 0);
}

/** Our "Protocols:" tree, indented two spaces per level below a two-space margin. */
function ourProtocols(text: string): Map<string, [number, number]> {
  const tree = text.slice(text.indexOf('Protocols:'), text.indexOf('Top conversations'));
  return hierarchy(tree, /^( *)(\S+)\s+(\d+) packets\s+(\d+) bytes$/, 2);
}

function hierarchy(text: string, pattern: RegExp, margin: number): Map<string, [number, number]> {
  const map = new Map<string, [number, number]>();
  const stack: string[] = [];
  for (const line of linesOf(text)) {
    const match = pattern.exec(line);
    if (!match) continue;
    const depth = (match[1].length - margin) / 2;
    if (depth > 2) continue;
    // tshark says "ip" where we say "ipv4".
    stack[depth] = match[2] === 'ip' ? 'ipv4' : match[2];
    stack.length = depth + 1;
    map.set(stack.join('/'), [Number(match[3]), Number(match[4])]);
  }
  return map;
}

describe.skipIf(skip)('tapline stats vs capinfos', () => {
  let cli: BuiltCli;
  beforeAll(() => { cli = buildCli(); });
  afterAll(() => cli?.dispose());

  const files = skip ? [] : readdirSync(capturesDir).filter((n) => /\.pcap(ng)?$/.test(n));
  for (const name of files) {
    it(name, () => {
      const file = path.join(capturesDir, name);
      const ours = runCli(cli, ['stats', file]);
      expect(ours.status, ours.stderr).toBe(0);
      const capinfosText = runProgram('capinfos', ['-M', file]).stdout;
      const theirs = fields(capinfosText);
      const mine = fields(ours.stdout);

      expect(mine.get('Packets')).toBe(theirs.get('Number of packets'));
      expect(mine.get('Data size')).toMatch(new RegExp(`^${theirs.get('Data size')} `));
      expect(mine.get('First packet time')).toBe(theirs.get('First packet time'));
      expect(mine.get('Last packet time')).toBe(theirs.get('Last packet time'));
      expect(mine.get('Duration')).toBe(theirs.get('Capture duration'));
      expect(mine.get('Strict time order')?.startsWith('yes'))
        .toBe(theirs.get('Strict time order') === 'True');
      expect(mine.get('Interfaces')).toBe(theirs.get('Number of interfaces in file'));

      const interfaces = capinfosInterfaces(capinfosText);
      const ourInterfaces = linesOf(ours.stdout).filter((line) => /^ {2}#\d+ /.test(line));
      expect(ourInterfaces).toHaveLength(interfaces.length);
      interfaces.forEach((expected, index) => {
        const label = expected.name ?? '(no name)';
        expect(ourInterfaces[index]).toMatch(new RegExp(
          `^  #${index} ${label.replace(/[()]/g, '\\$&')}: .*, ${expected.packets} packets$`));
      });

      // Link, network and transport layers as tshark's protocol hierarchy counts them.
      const protocols = tsharkProtocols(file);
      expect(protocols.size).toBeGreaterThan(1);
      expect(ourProtocols(ours.stdout)).toEqual(protocols);

      // Every TCP conversation tshark lists, with the same packets and bytes.
      const conversations = tsharkConversations(file);
      expect(conversations.size).toBeGreaterThan(0);
      for (const [key, [packets, size, unit]] of conversations) {
        const [a, b] = key.split(' <-> ');
        const line = linesOf(ours.stdout).find((text) =>
          text.includes(` ${a} <-> ${b} `) || text.includes(` ${b} <-> ${a} `));
        expect(line, `conversation ${key}`).toBeDefined();
        const match = /\s(\d+) packets\s+(\d+) bytes/.exec(line!);
        expect(Number(match?.[1])).toBe(packets);
        // tshark rounds large totals to kB; bytes are compared exactly.
        const bytes = Number(match?.[2]);
        if (unit === 'bytes') expect(bytes).toBe(size);
        else expect(Math.abs(bytes / 1000 - size)).toBeLessThan(1);
      }
    });
  }
});
