// TCP conversations of an open document, found in one pass and kept: the conversation of
// each packet (4 bytes a packet) and reassembly's notes on the packets that have some.

import { ConversationTracker } from '../../../engine/conversation/conversation-tracker';
import type { PacketNote } from '../../../engine/conversation/packet-note';
import type { TcpConversation } from '../../../engine/conversation/tcp-conversation';
import type { CaptureDocument } from '../capture-document';
import { eachPacket } from '../smtp/document-smtp';

export interface DocumentConversations {
  readonly conversations: TcpConversation[];
  /** Conversation number by packet index (number - 1), -1 for packets outside any. */
  readonly conversationOfPacket: Int32Array;
  /** Notes by packet index, only for packets that have some. */
  readonly notes: Map<number, readonly PacketNote[]>;
  /** Packets the pass covered: a growing live capture is analysed again past this. */
  readonly packets: number;
}

/** One pass over `document`; `beforeStep` is awaited before each step of the read. */
export async function analyzeConversations(document: CaptureDocument,
  beforeStep?: () => Promise<void>): Promise<DocumentConversations> {
  const count = document.index.count;
  const conversationOfPacket = new Int32Array(count).fill(-1);
  const notes = new Map<number, readonly PacketNote[]>();
  const tracker = new ConversationTracker({
    segment: (conversation, segment, _from, packetNotes) => {
      if (segment.frame > count) return;
      conversationOfPacket[segment.frame - 1] = conversation.number;
      if (packetNotes.length > 0) notes.set(segment.frame - 1, [...packetNotes]);
    },
  });
  await eachPacket(document, count, (record) => tracker.packet(record), beforeStep);
  tracker.finish();
  return { conversations: tracker.conversations, conversationOfPacket, notes, packets: count };
}
