// Numbers TCP conversations as tshark's tcp.stream does and routes each packet to its own.

import type { PacketRecord } from '../files/packet-record';
import { type ConversationListener, TcpConversation } from './tcp-conversation';
import { hasFlag, TcpFlag, type TcpSegment } from './tcp-segment';
import { extractTcpSegment } from './tcp-segment-extractor';

export interface ConversationTrackerOptions {
  /** Out-of-order bytes held per direction before a hole is given up. */
  readonly maxHeldBytes?: number;
}

function keyOf(segment: TcpSegment): string {
  const a = `${segment.source} ${segment.sourcePort}`;
  const b = `${segment.destination} ${segment.destinationPort}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class ConversationTracker {
  readonly conversations: TcpConversation[] = [];
  private readonly current = new Map<string, TcpConversation>();
  private frame = 0;

  constructor(
    private readonly listener: ConversationListener = {},
    private readonly options: ConversationTrackerOptions = {},
  ) {}

  /** Takes every packet of the capture in file order; non-TCP packets are only counted. */
  packet(record: PacketRecord): TcpConversation | undefined {
    this.frame++;
    const segment = extractTcpSegment(record, this.frame);
    if (!segment) return undefined;
    return this.segment(segment);
  }

  segment(segment: TcpSegment): TcpConversation {
    const key = keyOf(segment);
    let conversation = this.current.get(key);
    if (!conversation || this.opensNewConnection(conversation, segment)) {
      conversation?.finish();
      conversation = new TcpConversation(this.conversations.length, segment, this.listener,
        this.options.maxHeldBytes);
      this.conversations.push(conversation);
      this.current.set(key, conversation);
      this.listener.opened?.(conversation);
    }
    conversation.accept(segment);
    return conversation;
  }

  /** End of capture. */
  finish(): void {
    for (const conversation of this.current.values()) conversation.finish();
  }

  /**
   * A SYN reusing the ports of a known conversation starts a new one when its sequence
   * number differs from the first one that side used. Like tshark 4.0, a SYN repeating the
   * old number stays in the old conversation, even after FIN or RST: it cannot be told
   * from a retransmission.
   */
  private opensNewConnection(conversation: TcpConversation, segment: TcpSegment): boolean {
    if (!hasFlag(segment, TcpFlag.SYN)) return false;
    const known = conversation.baseSeq[conversation.sideOf(segment)];
    return known !== undefined && known !== segment.seq;
  }
}
