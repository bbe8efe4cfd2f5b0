// `tapline capture -w FILE`: the captured packets written to a file as they arrive, pcap as
// tcpdump -w writes, or pcapng when the name ends in .pcapng.

import { closeSync, openSync, writeSync } from 'node:fs';
import type { CaptureInterface, PacketRecord } from '../../engine/files/packet-record';
import { PcapWriter } from '../../engine/files/pcap-writer';
import { PcapngWriter } from '../../engine/files/pcapng-writer';
import { CliError } from '../cli-error';

export class CaptureFileSink {
  private constructor(
    private readonly fd: number,
    private readonly writer: PcapWriter | PcapngWriter,
  ) {}

  static open(path: string, captureInterface: CaptureInterface): CaptureFileSink {
    const writer = /\.pcapng$/i.test(path)
      ? new PcapngWriter([captureInterface])
      : new PcapWriter([captureInterface]);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (error) {
      throw new CliError('CLI_FILE_UNWRITABLE',
        `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const sink = new CaptureFileSink(fd, writer);
    // The header goes out at once, so the file is a valid, empty capture from the start.
    sink.sync();
    return sink;
  }

  add(record: PacketRecord): void {
    this.writer.add(record);
  }

  /** Writes what was added: after every batch, as tcpdump -U does, so a kill loses little. */
  sync(): void {
    for (const chunk of this.writer.flush()) writeSync(this.fd, chunk);
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
