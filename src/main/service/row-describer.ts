// Turns stored packets into packet-list rows: the tcpdump line as Info, endpoints, protocol.

import { dissect } from '../../engine/decode/dissect';
import type { Layer } from '../../engine/decode/field-tree';
import { PacketPrinter, type PrintOptions } from '../../engine/print/packet-printer';
import type { PacketRow } from '../../shared/api';
import type { CaptureDocument, StoredPacket } from './capture-document';
import { Serial } from './serial';

/** Packets printed per step while catching up to a requested row. */
const CATCH_UP_STEP = 2000;

const NETWORK_LAYERS = ['ip', 'ipv6', 'arp'];

/**
 * tcpdump's relative sequence numbers depend on every earlier packet of the connection, so
 * lines are printed in file order by one printer that remembers where it stopped; a packet
 * it has passed is printed again with `reprint`, which recalls the numbers in force then.
 * Known gap: the first jump deep into a very large file prints every packet before it once
 * (about a second per million packets).
 */
export class RowDescriber {
  private readonly printer: PacketPrinter;
  /** The renderer asks for several pages at once; one printer serves them in turn. */
  private readonly serial = new Serial();

  /** `options` as tcpdump's: `absoluteSequence` is -S. */
  constructor(private readonly document: CaptureDocument, options: PrintOptions = {}) {
    this.printer = new PacketPrinter(options);
  }

  /**
   * Rows for packets in file order, with gaps allowed (a display filter's matches): the
   * packets in the gaps are printed too, unseen, so a line never depends on the filter.
   */
  describe(packets: StoredPacket[]): Promise<PacketRow[]> {
    return this.serial.run(() => this.describeInOrder(packets));
  }

  private async describeInOrder(packets: StoredPacket[]): Promise<PacketRow[]> {
    if (packets.length === 0) return [];
    const origin = this.document.index.count > 0 ? this.document.index.time(0) : 0;
    const rows: PacketRow[] = [];
    for (const { number, record } of packets) {
      const index = number - 1;
      let info: string;
      if (index < this.printer.printed) {
        info = this.printer.reprint(record, index).text;
      } else {
        await this.catchUp(index);
        info = this.printer.print(record).text;
      }
      const { source, destination, protocol } = endpoints(dissect(record).layers);
      rows.push({
        number,
        time: record.seconds + record.nanoseconds / 1e9 - origin,
        source,
        destination,
        protocol,
        length: record.originalLength,
        info,
      });
    }
    return rows;
  }

  private async catchUp(index: number): Promise<void> {
    while (this.printer.printed < index) {
      const count = Math.min(CATCH_UP_STEP, index - this.printer.printed);
      const packets = await this.document.packets(this.printer.printed, count);
      for (const { record } of packets) this.printer.print(record);
      if (packets.length === 0) break;
    }
  }
}

function endpoints(layers: readonly Layer[]) {
  const network = [...layers].reverse().find((layer) => NETWORK_LAYERS.includes(layer.name));
  const link = layers[0];
  const from = network ?? link;
  const value = (suffix: string) =>
    String(from?.fields.find((field) => field.name.endsWith(suffix))?.value ?? '');
  const top = layers.at(-1);
  return {
    source: value('.src'),
    destination: value('.dst'),
    protocol: (top?.name ?? '').toUpperCase(),
  };
}
