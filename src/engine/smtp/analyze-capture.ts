// Runs conversation tracking and SMTP reconstruction over a capture's packets.

import { createCaptureParser } from '../files/capture-parser';
import type { CaptureSink } from '../files/packet-record';
import { ConversationTracker } from '../conversation/conversation-tracker';
import type { TcpConversation } from '../conversation/tcp-conversation';
import { SmtpAnalyzer } from './smtp-analyzer';
import type { SmtpSession } from './smtp-model';
import type { SmtpOptions } from './smtp-session-builder';

export interface SmtpCaptureResult {
  readonly sessions: SmtpSession[];
  readonly conversations: TcpConversation[];
  readonly packets: number;
}

/** A sink for any capture parser; `finish` after the parser's end. */
export function smtpCaptureSink(options: SmtpOptions = {}): {
  sink: CaptureSink;
  finish(): SmtpCaptureResult;
} {
  const smtp = new SmtpAnalyzer(options);
  const tracker = new ConversationTracker(smtp);
  let packets = 0;
  return {
    sink: {
      packet(record) {
        packets++;
        tracker.packet(record);
      },
    },
    finish() {
      tracker.finish();
      return { sessions: smtp.sessions(), conversations: tracker.conversations, packets };
    },
  };
}

export interface SmtpCaptureAnalysis {
  /** Feeds the next bytes of the capture file; throws CaptureFileError on damage. */
  push(chunk: Uint8Array): void;
  /** Ends the file and returns what was found. */
  end(): SmtpCaptureResult;
}

export function analyzeSmtpCapture(options: SmtpOptions = {}): SmtpCaptureAnalysis {
  const { sink, finish } = smtpCaptureSink(options);
  const parser = createCaptureParser(sink);
  return {
    push: (chunk) => parser.push(chunk),
    end() {
      parser.end();
      return finish();
    },
  };
}
