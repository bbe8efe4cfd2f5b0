// Runs conversation tracking and SMTP reconstruction over an open document, once.

import { ConversationTracker } from '../../../engine/conversation/conversation-tracker';
import type {
  ConversationListener, TcpConversation,
} from '../../../engine/conversation/tcp-conversation';
import { SmtpAnalyzer } from '../../../engine/smtp/smtp-analyzer';
import type { SmtpSession } from '../../../engine/smtp/smtp-model';
import type { CaptureDocument } from '../capture-document';

/** Packets read from the file per step: a bounded span, whatever the capture's size. */
export const READ_STEP = 500;

/** What one pass over a document found. */
export interface DocumentSmtp {
  readonly sessions: SmtpSession[];
  readonly conversations: TcpConversation[];
  /** The conversation number of each packet (index = number - 1), or -1 for none. */
  readonly conversationOfPacket: Int32Array;
}

/**
 * Reads every packet of the document in file order and feeds the engine. Costs one read of
 * the whole file and the engine's own memory: each session's dialogue and its messages
 * (up to the engine's size limit per message), plus 4 bytes per packet for the packet to
 * conversation table. Callers cache the result per document.
 */
export async function analyzeDocument(document: CaptureDocument,
  revealCredentials: boolean): Promise<DocumentSmtp> {
  const count = document.index.count;
  const conversationOfPacket = new Int32Array(count).fill(-1);
  const smtp = new SmtpAnalyzer({ revealCredentials });
  const listener: ConversationListener = {
    opened: (conversation) => smtp.opened(conversation),
    segment: (conversation, segment) => {
      if (segment.frame <= count) conversationOfPacket[segment.frame - 1] = conversation.number;
    },
    data: (conversation, from, bytes, frame, time) =>
      smtp.data(conversation, from, bytes, frame, time),
    gap: (conversation, from, length, frame, time) =>
      smtp.gap(conversation, from, length, frame, time),
    end: (conversation, from, how, frame, time) =>
      smtp.end(conversation, from, how, frame, time),
  };
  const tracker = new ConversationTracker(listener);
  await eachPacket(document, count, (record) => tracker.packet(record));
  tracker.finish();
  return { sessions: smtp.sessions(), conversations: tracker.conversations,
    conversationOfPacket };
}

/**
 * Calls `visit` for packets 1..count in file order, reading READ_STEP at a time; awaits
 * `beforeStep` (when given) before each step, which lets a background pass give way.
 */
export async function eachPacket(document: CaptureDocument, count: number,
  visit: (record: Parameters<ConversationTracker['packet']>[0]) => void,
  beforeStep?: () => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += READ_STEP) {
    if (beforeStep) await beforeStep();
    const packets = await document.packets(start, Math.min(READ_STEP, count - start));
    if (packets.length === 0) break;
    for (const { record } of packets) visit(record);
  }
}
