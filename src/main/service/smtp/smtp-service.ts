// Answers the smtp.* requests for the open document, analysing it once, when first asked.

import type { SmtpSession } from '../../../engine/smtp/smtp-model';
import {
  ApiError, type SmtpDialogue, type SmtpSessionItem, type SmtpStream,
} from '../../../shared/api';
import type { CaptureDocument } from '../capture-document';
import { analyzeDocument, type DocumentSmtp } from './document-smtp';
import { followStream } from './follow-stream';
import { sessionDialogue, sessionItem } from './session-view';

interface Cached {
  masked?: Promise<DocumentSmtp>;
  /** Only computed when the user asks to see AUTH secrets: a second pass over the file. */
  revealed?: Promise<DocumentSmtp>;
  stream?: { key: string; answer: Promise<SmtpStream> };
}

export class SmtpService {
  /** Dropped with the document: nothing to clear when another file is opened. */
  private readonly cache = new WeakMap<CaptureDocument, Cached>();

  constructor(private readonly currentDocument: () => CaptureDocument) {}

  async sessions(): Promise<SmtpSessionItem[]> {
    const { sessions } = await this.analysis(false);
    return sessions.map(sessionItem);
  }

  async session(conversation: number, reveal = false): Promise<SmtpDialogue> {
    const found = await this.find(conversation, reveal);
    return sessionDialogue(found, reveal);
  }

  async sessionForPacket(number: number): Promise<number | null> {
    const document = this.currentDocument();
    if (number > document.index.count) {
      throw new ApiError('NO_SUCH_PACKET',
        `packet ${number} does not exist: the file has ${document.index.count} packets`);
    }
    const { sessions, conversationOfPacket } = await this.analysis(false);
    const conversation = conversationOfPacket[number - 1];
    if (conversation < 0) return null;
    return sessions.some((each) => each.conversation === conversation) ? conversation : null;
  }

  async message(conversation: number, number: number) {
    const session = await this.find(conversation, false);
    const message = session.messages.find((each) => each.number === number);
    if (!message) {
      throw new ApiError('NO_SUCH_MESSAGE', `session ${conversation} has ` +
        `${session.messages.length} message(s), not a message ${number}`);
    }
    return {
      name: `session-${conversation}-message-${number}.eml`,
      size: message.bytes.length,
      complete: message.complete && message.missingBytes === 0,
      base64: Buffer.from(message.bytes).toString('base64'),
    };
  }

  /** The raw view; the last one asked for is kept, since each costs a pass over the file. */
  async stream(conversation: number, reveal = false): Promise<SmtpStream> {
    const document = this.currentDocument();
    const session = await this.find(conversation, false);
    const cached = this.entry(document);
    const key = `${conversation}:${reveal}`;
    if (cached.stream?.key !== key) {
      const answer = followStream(document, session, reveal);
      cached.stream = { key, answer };
      answer.catch(() => { if (cached.stream?.answer === answer) cached.stream = undefined; });
    }
    return cached.stream!.answer;
  }

  private async find(conversation: number, reveal: boolean): Promise<SmtpSession> {
    const { sessions } = await this.analysis(reveal);
    const found = sessions.find((each) => each.conversation === conversation);
    if (found) return found;
    const known = sessions.map((each) => each.conversation).join(', ') || 'none';
    throw new ApiError('NO_SUCH_SESSION', `conversation ${conversation} is not an SMTP ` +
      `session; SMTP sessions in this file: ${known}`);
  }

  private entry(document: CaptureDocument): Cached {
    let cached = this.cache.get(document);
    if (!cached) {
      cached = {};
      this.cache.set(document, cached);
    }
    return cached;
  }

  private analysis(reveal: boolean): Promise<DocumentSmtp> {
    const document = this.currentDocument();
    if (document.status().loading) {
      throw new ApiError('DOCUMENT_LOADING', 'the file is still being read: follow SMTP ' +
        'again once loading has finished');
    }
    const cached = this.entry(document);
    const slot = reveal ? 'revealed' : 'masked';
    let pending = cached[slot];
    if (!pending) {
      pending = analyzeDocument(document, reveal);
      cached[slot] = pending;
      pending.catch(() => { if (cached[slot] === pending) cached[slot] = undefined; });
    }
    return pending;
  }
}
