// Gathers the figures of `tapline stats` as packets stream past, in bounded memory.

import type {
  CaptureFormat, CaptureInterface, PacketRecord,
} from '../../engine/files/packet-record';
import { classifyPacket } from './protocol-classifier';

export interface Tally {
  packets: number;
  bytes: number;
}

export interface ConversationTally extends Tally {
  firstNanos: bigint;
  lastNanos: bigint;
}

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
  readonly conversations = new Map<string, ConversationTally>();
  readonly otherConversations: Tally = { packets: 0, bytes: 0 };
  packets = 0;
  capturedBytes = 0;
  /** Sum of the original lengths: what capinfos calls the data size. */
  wireBytes = 0;
  earliest?: bigint;
  latest?: bigint;
  /** Packets whose time is before the packet ahead of them in the file. */
  outOfOrder = 0;
  private previous?: bigint;

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
    this.addTime(record);

    const layers = classifyPacket(record.linkType, record.data);
    add(this.protocols, layers.path.join('/'), record.originalLength);
    if (layers.conversation) this.addConversation(layers.conversation, record);
  }

  private addTime(record: PacketRecord): void {
    if (!record.hasTimestamp) return;
    const time = nanosOf(record);
    if (this.earliest === undefined || time < this.earliest) this.earliest = time;
    if (this.latest === undefined || time > this.latest) this.latest = time;
    if (this.previous !== undefined && time < this.previous) this.outOfOrder += 1;
    this.previous = time;
  }

  private addConversation(key: string, record: PacketRecord): void {
    const time = nanosOf(record);
    const known = this.conversations.get(key);
    if (known) {
      known.packets += 1;
      known.bytes += record.originalLength;
      if (time < known.firstNanos) known.firstNanos = time;
      if (time > known.lastNanos) known.lastNanos = time;
      return;
    }
    if (this.conversations.size >= MAX_CONVERSATIONS) {
      this.otherConversations.packets += 1;
      this.otherConversations.bytes += record.originalLength;
      return;
    }
    this.conversations.set(key, {
      packets: 1, bytes: record.originalLength, firstNanos: time, lastNanos: time,
    });
  }
}

export function nanosOf(record: PacketRecord): bigint {
  return BigInt(record.seconds) * 1_000_000_000n + BigInt(record.nanoseconds);
}

function increment(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function add(map: Map<string, Tally>, key: string, bytes: number): void {
  const tally = map.get(key) ?? { packets: 0, bytes: 0 };
  tally.packets += 1;
  tally.bytes += bytes;
  map.set(key, tally);
}
