// `tapline capture`: lists interfaces like `tcpdump -D`, or captures live and prints each
// packet as tcpdump does, ending with tcpdump's summary lines.

import type { PacketRecord } from '../../engine/files/packet-record';
import { formatInterfaceLine, listInterfaces, packetsOf } from '../../main/capture/index';
import { summaryLines } from '../../main/service/live-capture-session';
import { parseCaptureArguments } from '../capture/capture-arguments';
import { CaptureFileSink } from '../capture/capture-file-sink';
import { openLiveSource } from '../capture/live-source';
import { CliError } from '../cli-error';
import type { Command, CommandIo } from '../command';
import { linkTypeLabel } from '../link-type-names';
import { BufferedOutput } from '../output';
import { PacketLines } from '../read/packet-lines';

const HELP = `usage: tapline capture -D
       tapline capture -i INTERFACE [options] [EXPRESSION]

Captures live through libpcap and prints each packet as tcpdump does; Ctrl+C stops and
prints tcpdump's summary. INTERFACE is a name or a number from -D. EXPRESSION is a
capture filter, compiled by libpcap itself.

options:
  -D             list the interfaces, numbered as tcpdump -D numbers them
  -s SNAPLEN     bytes kept of each packet (262144)
  -p             no promiscuous mode
  -B KiB         kernel buffer size
  --immediate-mode  hand packets over as soon as they arrive
  -c N           stop after N packets
  -w FILE        write the packets to FILE instead of printing them: pcap, as tcpdump -w
                 writes, or pcapng when FILE ends in .pcapng; written after every batch
and read's printing options: -n, -#, -t…-ttttt, --nano, -q, -e, -v, -S, -x, -X, -A, -l.
Capturing needs root or the capabilities cap_net_raw,cap_net_admin; with
TAPLINE_CAPTURE_HELPER=PATH, only the tapline-capture helper at PATH needs them.
`;

function interfaceName(given: string): string {
  if (!/^\d+$/.test(given)) return given;
  const found = listInterfaces().find((device) => device.number === Number(given));
  if (!found) throw new CliError('CLI_USAGE', `there is no interface ${given}; see -D`);
  return found.name;
}

async function capture(args: ReturnType<typeof parseCaptureArguments>, io: CommandIo) {
  const name = interfaceName(args.interface!);
  const output = new BufferedOutput(io.stdout);
  const lines = new PacketLines(args.print);
  const limit = args.print.count;
  let printed = 0;
  // Batches are held until begin(), after `live` and `sink` are set.
  const stop = (): void => live.stop();
  let sink: CaptureFileSink | undefined;

  const live = await openLiveSource({
    interface: name, filter: args.print.expression, snaplen: args.snapLength,
    promiscuous: args.promiscuous, immediate: args.immediate, nanosecond: args.print.nano,
    ...(args.bufferKiB ? { bufferSize: args.bufferKiB * 1024 } : {}),
  }, (batch) => {
    for (const packet of packetsOf(batch)) {
      if (limit !== undefined && printed >= limit) return stop();
      const record: PacketRecord = {
        fileOffset: 0, interfaceId: 0, linkType: batch.linkType, hasTimestamp: true, ...packet,
      };
      if (sink) sink.add(record);
      else output.write(lines.text(record));
      printed++;
    }
    sink?.sync();
    output.flush();
    if (limit !== undefined && printed >= limit) stop();
  });
  const captureInterface = { id: 0, linkType: live.linkType, snapLength: live.snaplen,
    ticksPerSecond: live.precision === 'nano' ? 1e9 : 1e6, name };
  lines.format('pcapng');
  lines.interface(captureInterface);
  if (args.write !== undefined) {
    try {
      sink = CaptureFileSink.open(args.write, captureInterface);
    } catch (error) {
      live.stop();
      await live.ended;
      throw error;
    }
  }
  io.stderr.write(`tapline: listening on ${name}, link-type ${linkTypeLabel(live.linkType)}, ` +
    `snapshot length ${live.snaplen} bytes\n`);

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  live.begin();
  const end = await live.ended;
  sink?.close();
  await output.finish();
  io.stderr.write(`\n${summaryLines(printed, end.stats)}\n`);
  if (end.error) throw end.error;
  return 0;
}

export const captureCommand: Command = {
  name: 'capture',
  summary: 'list interfaces (-D) or capture live, printing like tcpdump',
  help: HELP,
  async run(rawArgs, io) {
    const args = parseCaptureArguments(rawArgs);
    if (args.print.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (args.listInterfaces) {
      io.stdout.write(listInterfaces().map((d) => `${formatInterfaceLine(d)}\n`).join(''));
      return 0;
    }
    if (!args.interface) throw new CliError('CLI_USAGE', 'say which interface: -i NAME or -D');
    return capture(args, io);
  },
};
