// Runs conversation tracking and SMTP reconstruction over a capture fed in chunks.

import { createCaptureParser } from '../files/capture-parser';
import { ConversationTracker } from '../conversation/conversation-tracker';
import type { ConversationListener } from '../conversation/tcp-conversation';
import type { TcpConversation } from '../conversation/tcp-conversation';
import { SmtpAnalyzer } from './smtp-analyzer';
import type { SmtpSession } from './smtp-model';
import type { SmtpOptions } from './smtp-session-builder';

export interface SmtpCaptureAnalysis {
  /** Feeds the next bytes of the capture file; throws CaptureFileError on damage. */
  push(chunk: Uint8Array): void;
  /** Ends the file and returns what was found. */
  end(): { sessions: SmtpSession[]; conversations: TcpConversation[]; packets: number };
}

export function analyzeSmtpCapture(options: SmtpOptions = {},
  also?: ConversationListener): SmtpCaptureAnalysis {
  const smtp = new SmtpAnalyzer(options);
  const listener: ConversationListener = also ? {
    opened: (c) => { smtp.opened(c); also.opened?.(c); },
    segment: (c, s, from, notes) => also.segment?.(c, s, from, notes),
    data: (c, from, b, f, t) => { smtp.data(c, from, b, f, t); also.data?.(c, from, b, f, t); },
    gap: (c, from, n, f, t) => { smtp.gap(c, from, n, f, t); also.gap?.(c, from, n, f, t); },
    end: (c, from, h, f, t) => { smtp.end(c, from, h, f, t); also.end?.(c, from, h, f, t); },
  } : smtp;
  const tracker = new ConversationTracker(listener);
  let packets = 0;
  const parser = createCaptureParser({
    packet(record) {
      packets++;
      tracker.packet(record);
    },
  });
  return {
    push: (chunk) => parser.push(chunk),
    end() {
      parser.end();
      tracker.finish();
      return { sessions: smtp.sessions(), conversations: tracker.conversations, packets };
    },
  };
}
