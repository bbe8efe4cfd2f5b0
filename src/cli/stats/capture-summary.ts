// Gathers the figures of `tapline stats` as packets stream past, in bounded memory.
// Every packet passes through here, so the per-packet path makes no objects: times are
// compared as (seconds, nanoseconds) numbers and conversations are kept as numbers.

import type {
  CaptureFormat, CaptureInterface, PacketRecord,
} from '../../engine/files/packet-record';
import { ConversationTable } from './conversation-table';
import { classifyPacket, ConversationKind, PacketLayers } from './protocol-classifier';
import { ProtocolNode } from './protocol-path';
import type { Tally } from './tally';

export type { Tally } from './tally';

/**
 * Conversations beyond this many are counted together as "other": a scan of a large
 * network must not grow the table without bound.
 */
export const MAX_CONVERSATIONS = 100_000;

export class CaptureSummary {
  format?: CaptureFormat;
  readonly interfaces: CaptureInterface[] = [];
  readonly packetsPerInterface = new Map<number, number>();
  readonly linkTypes = new Map<number, number>();
  /** Protocol paths such as "eth/ipv4/tcp", with their packets and wire bytes. */
  readonly protocols = new Map<string, Tally>();
  readonly conversations = new ConversationTable(MAX_CONVERSATIONS);
  packets = 0;
  capturedBytes = 0;
  /** Sum of the original lengths: what capinfos calls the data size. */
  wireBytes = 0;
  /** Packets whose time is before the packet ahead of them in the file. */
  outOfOrder = 0;
  private readonly layers = new PacketLayers(new ProtocolNode(''));
  private timed = false;
  private earliestSeconds = 0;
  private earliestNanos = 0;
  private latestSeconds = 0;
  private latestNanos = 0;
  private previousSeconds = 0;
  private previousNanos = 0;

  get earliest(): bigint | undefined {
    return this.timed ? nanosOf(this.earliestSeconds, this.earliestNanos) : undefined;
  }

  get latest(): bigint | undefined {
    return this.timed ? nanosOf(this.latestSeconds, this.latestNanos) : undefined;
  }

  addFormat(format: CaptureFormat): void {
    this.format = format;
  }

  addInterface(captureInterface: CaptureInterface): void {
    this.interfaces.push(captureInterface);
  }

  addPacket(record: PacketRecord): void {
    this.packets += 1;
    this.capturedBytes += record.capturedLength;
    this.wireBytes += record.originalLength;
    increment(this.packetsPerInterface, record.interfaceId);
    increment(this.linkTypes, record.linkType);
    if (record.hasTimestamp) this.addTime(record.seconds, record.nanoseconds);

    const layers = this.layers;
    classifyPacket(record.linkType, record.data, layers);
    this.addProtocol(layers.node, record.originalLength);
    if (layers.conversation === ConversationKind.Ipv4) {
      this.conversations.addIpv4(layers.protocol, layers.addressA, layers.portA,
        layers.addressB, layers.portB, record.originalLength, record.seconds,
        record.nanoseconds);
    } else if (layers.conversation === ConversationKind.Text) {
      this.conversations.addText(layers.text, record.originalLength, record.seconds,
        record.nanoseconds);
    }
  }

  private addProtocol(node: ProtocolNode, bytes: number): void {
    let tally = node.tally;
    if (!tally) {
      tally = { packets: 0, bytes: 0 };
      node.tally = tally;
      this.protocols.set(node.path, tally);
    }
    tally.packets += 1;
    tally.bytes += bytes;
  }

  private addTime(seconds: number, nanos: number): void {
    if (!this.timed) {
      this.timed = true;
      this.earliestSeconds = this.latestSeconds = seconds;
      this.earliestNanos = this.latestNanos = nanos;
    } else {
      if (seconds < this.earliestSeconds ||
        (seconds === this.earliestSeconds && nanos < this.earliestNanos)) {
        this.earliestSeconds = seconds;
        this.earliestNanos = nanos;
      }
      if (seconds > this.latestSeconds ||
        (seconds === this.latestSeconds && nanos > this.latestNanos)) {
        this.latestSeconds = seconds;
        this.latestNanos = nanos;
      }
      if (seconds < this.previousSeconds ||
        (seconds === this.previousSeconds && nanos < this.previousNanos)) {
        this.outOfOrder += 1;
      }
    }
    this.previousSeconds = seconds;
    this.previousNanos = nanos;
  }
}

export function nanosOf(seconds: number, nanoseconds: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds);
}

function increment(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
