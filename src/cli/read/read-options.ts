// Parses `tapline read` arguments the way tcpdump's getopt does: bundled flags, counted flags.

import type { DumpStyle } from '../../engine/print/hex-dump';
import { timestampStyleForCount, type TimestampStyle } from '../../engine/print/timestamp';
import { CliError } from '../cli-error';

export interface ReadOptions {
  /** A path, or "-" for stdin. */
  source: string;
  /** The filter expression: every argument after the file, joined by spaces. */
  expression: string;
  number: boolean;
  timestampStyle: TimestampStyle;
  nano: boolean;
  quiet: boolean;
  linkLevel: boolean;
  verbose: number;
  absoluteSequence: boolean;
  dump?: DumpStyle;
  /** -xx, -XX, -AA: the dump starts at the link-layer header, not after it. */
  dumpLinkLayer: boolean;
  /** -c N: stop after N packets. */
  count?: number;
  /** -l: write each packet at once, for watching a live pipe. */
  lineBuffered: boolean;
  help: boolean;
}

/** Flags that may be given more than once, each time adding one. */
const COUNTED = new Set(['n', '#', 't', 'q', 'e', 'v', 'S', 'x', 'X', 'A', 'l']);
/** Flags that take a value, glued (-c5) or as the next argument (-c 5). */
const WITH_VALUE = new Set(['c', 'r']);

const LONG_FLAGS: Record<string, string> = {
  '--number': '#',
  '--absolute-tcp-sequence-numbers': 'S',
};

function usage(message: string): CliError {
  return new CliError('CLI_USAGE', `${message}; see tapline read --help`);
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw usage(`invalid packet count "${text}" for -c: give a whole number above 0`);
  }
  return Number(text);
}

interface Scan {
  counts: Map<string, number>;
  values: Map<string, string>;
  nano: boolean;
  help: boolean;
  words: string[];
}

function scanShortBundle(argument: string, next: () => string | undefined, scan: Scan): void {
  for (let at = 1; at < argument.length; at++) {
    const flag = argument[at];
    if (COUNTED.has(flag)) {
      scan.counts.set(flag, (scan.counts.get(flag) ?? 0) + 1);
      continue;
    }
    if (WITH_VALUE.has(flag)) {
      const value = at + 1 < argument.length ? argument.slice(at + 1) : next();
      if (value === undefined) throw usage(`option -${flag} needs a value`);
      scan.values.set(flag, value);
      return;
    }
    if (flag === 'h') {
      scan.help = true;
      continue;
    }
    throw usage(`unknown option -${flag}`);
  }
}

function scanLong(argument: string, scan: Scan): void {
  if (argument === '--nano' || argument === '--time-stamp-precision=nano') {
    scan.nano = true;
  } else if (argument === '--time-stamp-precision=micro') {
    scan.nano = false;
  } else if (argument === '--help') {
    scan.help = true;
  } else if (LONG_FLAGS[argument]) {
    const flag = LONG_FLAGS[argument];
    scan.counts.set(flag, (scan.counts.get(flag) ?? 0) + 1);
  } else {
    throw usage(`unknown option ${argument}`);
  }
}

/** Options may come before or after the file, as GNU getopt allows; "--" ends them. */
function scan(args: readonly string[]): Scan {
  const result: Scan = { counts: new Map(), values: new Map(), nano: false, help: false,
    words: [] };
  let index = 0;
  const next = (): string | undefined => args[++index];
  for (; index < args.length; index++) {
    const argument = args[index];
    if (argument === '--') {
      result.words.push(...args.slice(index + 1));
      break;
    }
    if (argument.startsWith('--')) scanLong(argument, result);
    else if (argument.startsWith('-') && argument.length > 1) {
      scanShortBundle(argument, next, result);
    } else result.words.push(argument);
  }
  return result;
}

function dumpStyle(counts: Map<string, number>): [DumpStyle | undefined, boolean] {
  // tcpdump prefers -X over -x over -A when several are given.
  const x = counts.get('x') ?? 0;
  const hexAscii = counts.get('X') ?? 0;
  const ascii = counts.get('A') ?? 0;
  if (hexAscii) return ['hex-ascii', hexAscii > 1];
  if (x) return ['hex', x > 1];
  if (ascii) return ['ascii', ascii > 1];
  return [undefined, false];
}

export function parseReadOptions(args: readonly string[]): ReadOptions {
  const found = scan(args);
  const counts = found.counts;
  const words = [...found.words];
  let source = found.values.get('r');
  if (source === undefined && !found.help) {
    source = words.shift();
    if (source === undefined) throw usage('no capture file given (use FILE, -r FILE or - )');
  }
  const [dump, dumpLinkLayer] = dumpStyle(counts);
  const countText = found.values.get('c');

  return {
    source: source ?? '',
    expression: words.join(' '),
    number: counts.has('#'),
    timestampStyle: timestampStyleForCount(counts.get('t') ?? 0),
    nano: found.nano,
    quiet: counts.has('q'),
    linkLevel: counts.has('e'),
    verbose: counts.get('v') ?? 0,
    absoluteSequence: counts.has('S'),
    dump,
    dumpLinkLayer,
    count: countText === undefined ? undefined : parseCount(countText),
    lineBuffered: counts.has('l'),
    help: found.help,
  };
}
