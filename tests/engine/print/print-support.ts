// Helpers for the printer tests: read a capture through our parser, print it, and split
// tcpdump's output into packets.

import { readFileSync } from 'node:fs';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type { PacketRecord } from '../../../src/engine/files/packet-record';
import { PacketPrinter, type PrintOptions } from '../../../src/engine/print/packet-printer';

/** The PrintOptions that tcpdump's flags in `args` stand for. */
export function optionsFromArgs(args: readonly string[]): PrintOptions {
  let verbose = 0;
  for (const arg of args) if (/^-v+$/.test(arg)) verbose += arg.length - 1;
  return {
    quiet: args.includes('-q'),
    linkLevel: args.includes('-e'),
    absoluteSequence: args.includes('-S'),
    verbose,
  };
}

/** Our text for each packet of a capture file. */
export function printCapture(path: string, options: PrintOptions): string[] {
  const printer = new PacketPrinter(options);
  const texts: string[] = [];
  const parser = createCaptureParser({
    packet(record: PacketRecord) {
      texts.push(printer.print(record).text);
    },
  });
  parser.push(new Uint8Array(readFileSync(path)));
  try {
    parser.end();
  } catch {
    // A damaged tail: the packets before it were printed, as tcpdump prints them.
  }
  return texts;
}

/** tcpdump output, one string per packet: continuation lines start with a blank. */
export function packetsOf(output: string): string[] {
  const packets: string[] = [];
  for (const line of output.split('\n')) {
    if (line === '') continue;
    if ((line.startsWith('\t') || line.startsWith(' ')) && packets.length > 0) {
      packets[packets.length - 1] += `\n${line}`;
    } else {
      packets.push(line);
    }
  }
  return packets;
}
