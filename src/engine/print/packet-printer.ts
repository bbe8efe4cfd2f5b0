// tcpdump -nn's one-line summary of a packet, after the timestamp, byte for byte.

import { Truncated } from '../decode/byte-reader';
import { DecodeContext, type PrintOptions } from '../decode/decode-context';
import { decodeLink } from '../decode/link';
import type { PacketRecord } from '../files/packet-record';

export type { PrintOptions } from '../decode/decode-context';

export interface PrintedPacket {
  /** What follows the timestamp and its space, without the trailing newline. */
  text: string;
  /** Where the link-layer header ends: -x/-X/-A dumps start there. */
  networkOffset: number;
}

/**
 * Prints packets in file order. Keep one printer per capture: it remembers each TCP
 * connection's initial sequence numbers, as tcpdump does, to print relative ones.
 */
export class PacketPrinter {
  private readonly ctx: DecodeContext;

  constructor(options: PrintOptions = {}) {
    this.ctx = new DecodeContext(options);
  }

  /** Prints the next packet in file order. */
  print(record: PacketRecord): PrintedPacket {
    const printed = this.printOne(record);
    this.ctx.tcp.packet++;
    return printed;
  }

  /**
   * Prints again packet `index` (0-based, counted by print()), which this printer has
   * already printed: the same line, without printing the packets between again.
   */
  reprint(record: PacketRecord, index: number): PrintedPacket {
    if (index >= this.ctx.tcp.packet) {
      throw new RangeError(`packet ${index} has not been printed yet`);
    }
    this.ctx.tcp.replayAt = index;
    try {
      return this.printOne(record);
    } finally {
      this.ctx.tcp.replayAt = undefined;
    }
  }

  /** How many packets print() has printed. */
  get printed(): number {
    return this.ctx.tcp.packet;
  }

  private printOne(record: PacketRecord): PrintedPacket {
    const ctx = this.ctx;
    ctx.begin(record.data);
    ctx.originalLength = record.originalLength;
    ctx.interfaceId = record.interfaceId;
    if (record.capturedLength === 0 || record.data.length === 0) {
      const also = record.originalLength === 0 ? ', len==0' : '';
      return { text: `[Invalid header: caplen==0${also}]`, networkOffset: 0 };
    }
    try {
      if (!decodeLink(ctx, record.linkType)) {
        ctx.out += `[unsupported link type ${record.linkType}]`;
      }
    } catch (error) {
      // The one recovery point: a read past the captured bytes ends the packet here,
      // naming the protocol being decoded, as tcpdump's " [|tcp]" does.
      if (!(error instanceof Truncated)) throw error;
      ctx.out += ` [|${ctx.protocol}]`;
    }
    return { text: ctx.out, networkOffset: ctx.networkOffset };
  }
}
