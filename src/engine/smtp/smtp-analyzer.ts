// Finds the SMTP sessions among a capture's TCP conversations and rebuilds each one.

import type { ConversationListener, Side, TcpConversation } from '../conversation/tcp-conversation';
import type { SmtpSession } from './smtp-model';
import { type SmtpOptions, SmtpSessionBuilder } from './smtp-session-builder';

/** SMTP over implicit TLS, "submissions" (RFC 8314 3.3): nothing to read but byte counts. */
export const SMTPS_PORT = 465;

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

interface Tracked {
  builder?: SmtpSessionBuilder;
  /** True when the server turned out to be the side the TCP layer called the client. */
  swapped: boolean;
}

export class SmtpAnalyzer implements ConversationListener {
  private readonly tracked = new Map<TcpConversation, Tracked>();

  constructor(private readonly options: SmtpOptions = {}) {}

  opened(conversation: TcpConversation): void {
    const tracked: Tracked = { swapped: false };
    this.tracked.set(conversation, tracked);
    const { client, server } = conversation;
    if (server.port === SMTPS_PORT || client.port === SMTPS_PORT) {
      tracked.swapped = server.port !== SMTPS_PORT;
      tracked.builder = new SmtpSessionBuilder(conversation, tracked.swapped, true,
        this.options);
    }
  }

  data(conversation: TcpConversation, from: Side, bytes: Uint8Array, frame: number,
    time: number): void {
    const tracked = this.tracked.get(conversation);
    if (!tracked) return;
    if (!tracked.builder) {
      // Without a handshake the roles are a guess; the side that speaks first in reply
      // codes (digits) is the server.
      const startsWithDigit = bytes[0] >= DIGIT_0 && bytes[0] <= DIGIT_9;
      const sender = from === 'server' ? startsWithDigit : !startsWithDigit;
      tracked.swapped = !conversation.rolesFromHandshake && !sender;
      tracked.builder = new SmtpSessionBuilder(conversation, tracked.swapped, false,
        this.options);
    }
    if (tracked.builder.isSmtp === false) return;
    tracked.builder.data(this.side(tracked, from), bytes, frame, time);
  }

  gap(conversation: TcpConversation, from: Side, length: number, frame: number,
    time: number): void {
    const tracked = this.tracked.get(conversation);
    tracked?.builder?.gap(this.side(tracked, from), length, frame, time);
  }

  end(conversation: TcpConversation, from: Side, how: 'fin' | 'rst', frame: number,
    time: number): void {
    const tracked = this.tracked.get(conversation);
    tracked?.builder?.end(this.side(tracked, from), how, frame, time);
  }

  /** Call after the tracker finished: the SMTP sessions, in conversation order. */
  sessions(): SmtpSession[] {
    const found: SmtpSession[] = [];
    for (const tracked of this.tracked.values()) {
      const builder = tracked.builder;
      if (!builder || builder.isSmtp !== true) continue;
      builder.finish();
      found.push(builder.session);
    }
    return found.sort((a, b) => a.conversation - b.conversation);
  }

  private side(tracked: Tracked, from: Side): Side {
    if (!tracked.swapped) return from;
    return from === 'client' ? 'server' : 'client';
  }
}
