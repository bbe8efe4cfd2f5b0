// `tapline read`: prints a capture the way `tcpdump -r FILE` does, with the same options.

import { LinkType } from '../../engine/files/packet-record';
import { streamCapture } from '../capture-input';
import { CliError, errorLine } from '../cli-error';
import type { Command, CommandIo } from '../command';
import { linkTypeLabel } from '../link-type-names';
import { BufferedOutput } from '../output';
import { PacketLines } from '../read/packet-lines';
import { parseReadOptions, type ReadOptions } from '../read/read-options';
import { compilePacketFilter } from '../read/packet-filter';

const HELP = `usage: tapline read [options] FILE|- [EXPRESSION]
       tapline read [options] -r FILE [EXPRESSION]

Prints every packet of a pcap or pcapng file as Debian's tcpdump -r prints it.
"-" reads a capture stream from stdin and prints packets as they arrive.
EXPRESSION is a pcap-filter expression (as in tcpdump) choosing the packets to print.

options:
  -n, -nn        accepted for tcpdump habits; names are never resolved
  -#, --number   number each packet
  -t             no timestamp          -tt     seconds since 1970
  -ttt           delta since previous  -tttt   date and time
  -ttttt         delta since first     --nano  nanosecond digits
  -q             shorter lines          -e      link-level header
  -v, -vv, -vvv  more detail           -S      absolute TCP sequence numbers
  -x, -xx        hex dump (after / including the link-level header)
  -X, -XX        hex and ASCII dump    -A, -AA ASCII dump
  -c N           stop after N packets  -l      write each packet at once

exit status: 0 when the whole file was read, 1 when it is damaged or unreadable
(packets before the damage are printed first), 2 for a usage mistake.
`;

/** tcpdump's first stderr line, which scripts that parse tcpdump's stderr may expect. */
function readingLine(source: string, linkType: number, snapLength: number): string {
  const line = `reading from file ${source}, link-type ${linkTypeLabel(linkType)}, ` +
    `snapshot length ${snapLength}\n`;
  // Cooked v2 names interfaces by their index on this machine, which may not be the one
  // that captured; tcpdump warns about it, and so do we.
  return linkType === LinkType.LINUX_SLL2
    ? line + 'Warning: interface names might be incorrect\n'
    : line;
}

async function runRead(options: ReadOptions, io: CommandIo): Promise<number> {
  const filter = compilePacketFilter(options.expression);
  const output = new BufferedOutput(io.stdout);
  const lines = new PacketLines(options);
  let printed = 0;
  let announced = false;
  const done = (): boolean =>
    output.closed || (options.count !== undefined && printed >= options.count);

  try {
    await streamCapture(options.source, {
      format: (format) => lines.format(format),
      interface: (captureInterface) => {
        lines.interface(captureInterface);
        if (!announced) {
          announced = true;
          io.stderr.write(readingLine(options.source, captureInterface.linkType,
            captureInterface.snapLength));
        }
        filter?.checkLinkType(captureInterface.linkType);
      },
      packet: (record) => {
        if (done()) return;
        if (filter && !filter.matches(record)) return;
        printed += 1;
        output.write(lines.text(record));
        if (options.lineBuffered) output.flush();
      },
    }, io.stdin, {
      // Stdin is flushed after every chunk so a live pipe shows packets as they come.
      afterChunk: () => (options.source === '-' ? output.drain() : output.settle()),
      stopped: done,
    });
  } catch (error) {
    await output.finish();
    io.stderr.write(errorLine(error));
    return error instanceof CliError ? error.exitCode : 1;
  }
  await output.finish();
  if (output.error) {
    io.stderr.write(errorLine(output.error));
    return 1;
  }
  return 0;
}

export const readCommand: Command = {
  name: 'read',
  summary: 'print the packets of a capture file, as tcpdump -r does',
  help: HELP,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    const options = parseReadOptions(args);
    if (options.help) {
      io.stdout.write(HELP);
      return 0;
    }
    return runRead(options, io);
  },
};
