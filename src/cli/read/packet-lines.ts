// Turns each packet record into tcpdump's text for it: number, time, packet line, dump.

import type {
  CaptureFormat, CaptureInterface, PacketRecord,
} from '../../engine/files/packet-record';
import { formatDump } from '../../engine/print/hex-dump';
import { PacketPrinter } from '../../engine/print/packet-printer';
import { TimestampFormatter, packetTime, type TimeSource } from '../../engine/print/timestamp';
import { lazyInterfaceNames } from '../interface-names';
import type { ReadOptions } from './read-options';

/** Holds per-file state (delta times, relative sequence numbers), so one per input. */
export class PacketLines {
  private readonly printer: PacketPrinter;
  private readonly timestamps: TimestampFormatter;
  /** Each interface's time source, made once rather than for every packet. */
  private readonly timeSources = new Map<number, TimeSource>();
  private defaultSource: TimeSource = { classicPcap: true, ticksPerSecond: 1e6 };
  private classicPcap = true;
  private printed = 0;

  constructor(private readonly options: ReadOptions) {
    this.printer = new PacketPrinter({
      quiet: options.quiet,
      linkLevel: options.linkLevel,
      verbose: options.verbose,
      absoluteSequence: options.absoluteSequence,
      interfaceName: lazyInterfaceNames(),
    });
    this.timestamps = new TimestampFormatter({
      style: options.timestampStyle, nano: options.nano,
    });
  }

  format(format: CaptureFormat): void {
    this.classicPcap = format === 'pcap';
    this.defaultSource = { classicPcap: this.classicPcap, ticksPerSecond: 1e6 };
    for (const [id, source] of this.timeSources) {
      this.timeSources.set(id, { ...source, classicPcap: this.classicPcap });
    }
  }

  interface(captureInterface: CaptureInterface): void {
    this.timeSources.set(captureInterface.id, {
      classicPcap: this.classicPcap, ticksPerSecond: captureInterface.ticksPerSecond,
    });
  }

  /** The full text for one packet, ending in a newline. */
  text(record: PacketRecord): string {
    this.printed += 1;
    const number = this.options.number ? `${String(this.printed).padStart(5)}  ` : '';
    const source = this.timeSources.get(record.interfaceId) ?? this.defaultSource;
    const time = this.timestamps.format(packetTime(record, source, this.options.nano));

    const { text, networkOffset } = this.printPacket(record);
    let dump = '';
    if (this.options.dump) {
      const start = this.options.dumpLinkLayer ? 0 : Math.min(networkOffset, record.data.length);
      dump = formatDump(record.data.subarray(start), this.options.dump);
    }
    return `${number}${time}${text}${dump}\n`;
  }

  private printPacket(record: PacketRecord): { text: string; networkOffset: number } {
    try {
      return this.printer.print(record);
    } catch (error) {
      // A printer fault on one odd packet must not end the whole listing.
      const message = error instanceof Error ? error.message : String(error);
      return { text: `[|tapline: cannot print this packet: ${message}]`, networkOffset: 0 };
    }
  }
}
