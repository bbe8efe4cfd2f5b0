// Splits `tapline capture` arguments: capture options here, printing options for `read`'s
// parser, so both commands print with the same tcpdump flags.

import { CliError } from '../cli-error';
import { parseReadOptions, type ReadOptions } from '../read/read-options';

export interface CaptureArguments {
  listInterfaces: boolean;
  interface?: string;
  snapLength: number;
  promiscuous: boolean;
  /** -B, in KiB as tcpdump takes it. */
  bufferKiB?: number;
  immediate: boolean;
  /** -w: the file the packets go to instead of being printed. */
  write?: string;
  print: ReadOptions;
}

function usage(message: string): CliError {
  return new CliError('CLI_USAGE', `${message}; see tapline capture --help`);
}

function whole(text: string | undefined, flag: string, max: number): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) > max) {
    throw usage(`option ${flag} takes a whole number up to ${max}`);
  }
  return Number(text);
}

export function parseCaptureArguments(args: readonly string[]): CaptureArguments {
  const parsed: Omit<CaptureArguments, 'print'> = {
    listInterfaces: false, snapLength: 262144, promiscuous: true, immediate: false,
  };
  const forwarded: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-D' || arg === '--list-interfaces') parsed.listInterfaces = true;
    else if (arg === '-i') parsed.interface = args[++i] ?? throwUsage('option -i needs a name');
    else if (arg.startsWith('-i') && arg.length > 2) parsed.interface = arg.slice(2);
    else if (arg === '-s') parsed.snapLength = whole(args[++i], '-s', 262144) || 262144;
    else if (arg === '-B') parsed.bufferKiB = whole(args[++i], '-B', 4 * 1024 * 1024);
    else if (arg === '-p' || arg === '--no-promiscuous-mode') parsed.promiscuous = false;
    else if (arg === '--immediate-mode') parsed.immediate = true;
    else if (arg === '-w') parsed.write = args[++i] ?? throwUsage('option -w needs a file name');
    else if (arg === '-c') forwarded.push(arg, args[++i] ?? throwUsage('option -c needs N'));
    else if (arg.startsWith('-') && words.length === 0) forwarded.push(arg);
    else words.push(arg);
  }
  // The printing options are read's; "-" stands in for the file read would take.
  return { ...parsed, print: parseReadOptions([...forwarded, '-', ...words]) };
}

function throwUsage(message: string): never {
  throw usage(message);
}
