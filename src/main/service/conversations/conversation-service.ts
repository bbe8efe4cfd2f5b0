// Answers the conversation.* requests, and reassembly's notes for the detail tree, for the
// open document: one pass over it when first asked, again only when a live capture grew.
// A pass started for the detail tree's notes gives way to the page's requests; one that a
// conversation.* request awaits runs at full speed.

import { PACKET_NOTE_LABELS } from '../../../engine/conversation/packet-note';
import { ApiError } from '../../../shared/api';
import type { Ladder } from '../../../shared/conversation-api';
import type { CaptureDocument } from '../capture-document';
import type { RequestActivity } from '../request-activity';
import {
  analyzeConversations, type DocumentConversations,
} from './document-conversations';
import { ladderOf } from './ladder';

export class ConversationService {
  /** Dropped with the document: nothing to clear when another file is opened. */
  private readonly cache = new WeakMap<CaptureDocument, Promise<DocumentConversations>>();
  private readonly ready = new WeakMap<CaptureDocument, DocumentConversations>();
  /** conversation.* requests waiting for a pass: while there are some, it does not yield. */
  private awaiting = 0;

  /** Without `activity`, every pass runs at full speed. */
  constructor(private readonly currentDocument: () => CaptureDocument,
    private readonly activity?: RequestActivity) {}

  /** True once reassembly's notes for the open document, as it is now, are known. */
  notesReady(): boolean {
    const document = this.currentDocument();
    return this.ready.get(document)?.packets === document.index.count;
  }

  async forPacket(number: number): Promise<number | null> {
    const found = await this.awaited();
    if (number > found.conversationOfPacket.length) {
      throw new ApiError('NO_SUCH_PACKET', `packet ${number} is not in this capture`);
    }
    const conversation = found.conversationOfPacket[number - 1];
    return conversation < 0 ? null : conversation;
  }

  async ladder(number: number): Promise<Ladder> {
    const found = await this.awaited();
    const conversation = found.conversations[number];
    if (!conversation) {
      throw new ApiError('NO_SUCH_CONVERSATION',
        `there is no TCP conversation ${number}: this capture has ${found.conversations.length}`);
    }
    return ladderOf(this.currentDocument(), found, conversation);
  }

  /**
   * Reassembly's labels for one packet (retransmission, duplicate ACK…) once the pass over
   * the document is done; the first call starts it in the background, so that selecting a
   * packet never waits for a whole file to be read.
   */
  notesIfReady(number: number): readonly string[] {
    const document = this.currentDocument();
    const ready = this.ready.get(document);
    if (ready?.packets === document.index.count) {
      return (ready.notes.get(number - 1) ?? []).map((note) => PACKET_NOTE_LABELS[note]);
    }
    if (!document.status().loading) this.analysis().catch(() => undefined);
    return [];
  }

  /** The pass, with a request waiting for it: it stops giving way until it is done. */
  private async awaited(): Promise<DocumentConversations> {
    this.awaiting++;
    try {
      return await this.analysis();
    } finally {
      this.awaiting--;
    }
  }

  private analysis(): Promise<DocumentConversations> {
    const document = this.currentDocument();
    if (document.status().loading) {
      throw new ApiError('DOCUMENT_LOADING', 'the file is still loading: try again when ' +
        'it has been read to the end');
    }
    const cached = this.cache.get(document);
    const fresh = cached?.then((found) => found.packets === document.index.count);
    const answer = (async () => {
      if (cached && await fresh) return cached;
      const activity = this.activity;
      const found = await analyzeConversations(document, activity &&
        (() => activity.giveWay(() => this.awaiting > 0)));
      this.ready.set(document, found);
      return found;
    })();
    this.cache.set(document, answer);
    return answer;
  }
}
