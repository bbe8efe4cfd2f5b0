// Turns stored packets into packet-list rows: the tcpdump line as Info, endpoints, protocol.

import { dissect } from '../../engine/decode/dissect';
import type { Layer } from '../../engine/decode/field-tree';
import { PacketPrinter } from '../../engine/print/packet-printer';
import type { PacketRow } from '../../shared/api';
import type { CaptureDocument, StoredPacket } from './capture-document';

/** Packets printed per step while catching up to a requested row. */
const CATCH_UP_STEP = 2000;

const NETWORK_LAYERS = ['ip', 'ipv6', 'arp'];

/**
 * tcpdump's relative sequence numbers depend on every earlier packet of the connection, so
 * lines are printed in file order by one printer that remembers where it stopped. Asking for
 * an earlier row starts it again from the first packet. Known gap: a jump deep into a very
 * large file prints every packet before it once; checkpoints of the printer's TCP table
 * would make that constant.
 */
export class RowDescriber {
  private printer = new PacketPrinter();
  private nextToPrint = 0;

  constructor(private readonly document: CaptureDocument) {}

  async describe(packets: StoredPacket[]): Promise<PacketRow[]> {
    if (packets.length === 0) return [];
    const firstIndex = packets[0].number - 1;
    if (firstIndex < this.nextToPrint) {
      this.printer = new PacketPrinter();
      this.nextToPrint = 0;
    }
    await this.catchUp(firstIndex);

    const origin = this.document.index.count > 0 ? this.document.index.time(0) : 0;
    return packets.map(({ number, record }) => {
      const info = this.printer.print(record).text;
      this.nextToPrint = number;
      const { source, destination, protocol } = endpoints(dissect(record).layers);
      return {
        number,
        time: record.seconds + record.nanoseconds / 1e9 - origin,
        source,
        destination,
        protocol,
        length: record.originalLength,
        info,
      };
    });
  }

  private async catchUp(index: number): Promise<void> {
    while (this.nextToPrint < index) {
      const count = Math.min(CATCH_UP_STEP, index - this.nextToPrint);
      const packets = await this.document.packets(this.nextToPrint, count);
      for (const { record } of packets) this.printer.print(record);
      this.nextToPrint += packets.length;
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
