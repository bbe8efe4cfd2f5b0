// `tapline stats`: a capinfos-like summary with a protocol breakdown and top conversations.

import { CaptureFileError } from '../../engine/files/capture-file-error';
import { streamCapture } from '../capture-input';
import { CliError, errorLine } from '../cli-error';
import type { Command, CommandIo } from '../command';
import { CaptureSummary } from '../stats/capture-summary';
import { formatStats } from '../stats/stats-report';

const HELP = `usage: tapline stats FILE|-

Summarises a pcap or pcapng file: format, packets, data size (the original lengths, as
capinfos counts them), captured bytes, first and last packet time, duration, time order,
link types, interfaces with their names, a protocol breakdown and the top conversations.
Times are local; set TZ=UTC for UTC.

exit status: 0 when the whole file was read; 1 when it is damaged (the summary of the
packets before the damage is still printed) or unreadable; 2 for a usage mistake.
`;

export const statsCommand: Command = {
  name: 'stats',
  summary: 'summarise a capture file: counts, times, interfaces, protocols, conversations',
  help: HELP,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(HELP);
      return 0;
    }
    if (args.length !== 1) {
      throw new CliError('CLI_USAGE', 'give exactly one capture file; see tapline stats --help');
    }
    const source = args[0];
    const summary = new CaptureSummary();
    let damage: CaptureFileError | undefined;
    try {
      await streamCapture(source, {
        format: (format) => summary.addFormat(format),
        interface: (captureInterface) => summary.addInterface(captureInterface),
        packet: (record) => summary.addPacket(record),
      }, io.stdin);
    } catch (error) {
      if (!(error instanceof CaptureFileError)) throw error;
      damage = error;
    }
    io.stdout.write(formatStats(source, summary));
    if (!damage) return 0;
    io.stderr.write(errorLine(damage));
    return 1;
  },
};
