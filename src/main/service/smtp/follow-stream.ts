// The raw bytes of one conversation as ASCII, one chunk per packet, like tshark's follow.

import { ConversationTracker } from '../../../engine/conversation/conversation-tracker';
import type { Endpoint, Side } from '../../../engine/conversation/tcp-conversation';
import type { SmtpSession } from '../../../engine/smtp/smtp-model';
import type { SmtpStream } from '../../../shared/api';
import type { CaptureDocument } from '../capture-document';
import { eachPacket } from './document-smtp';
import { authFrames } from './session-view';

/** Bytes of stream text held for the view; the rest is dropped and the stream marked so. */
export const MAX_STREAM_BYTES = 8 * 1024 * 1024;

const CR = 0x0d;
const LF = 0x0a;

/** Printable ASCII, CR and LF as they are; any other byte as a dot, as tshark shows them. */
export function asciiOf(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096) {
    const codes = Array.from(bytes.subarray(at, at + 4096), (byte) =>
      (byte >= 0x20 && byte < 0x7f) || byte === CR || byte === LF ? byte : 0x2e);
    text += String.fromCharCode(...codes);
  }
  return text;
}

function same(a: Endpoint, b: Endpoint): boolean {
  return a.address === b.address && a.port === b.port;
}

/**
 * A second pass over the document that keeps only `session`'s bytes: the dialogue view
 * does not hold raw payload, so the raw view reads the file again (once per request; the
 * caller caches the last answer). Client chunks of AUTH exchanges are masked unless
 * `reveal`: a chunk is masked whole, since the mask cannot know where in a pipelined
 * chunk the secret ends.
 */
export async function followStream(document: CaptureDocument, session: SmtpSession,
  reveal: boolean): Promise<SmtpStream> {
  const masked = reveal ? new Set<number>() : authFrames(session);
  const stream: SmtpStream = {
    conversation: session.conversation, chunks: [], truncated: false, revealed: reveal,
  };
  let held = 0;
  const tracker = new ConversationTracker({
    data(conversation, from, bytes, frame) {
      if (conversation.number !== session.conversation) return;
      if (held + bytes.length > MAX_STREAM_BYTES) {
        stream.truncated = true;
        return;
      }
      held += bytes.length;
      const swapped = !same(conversation.client, session.client);
      const side: Side = swapped === (from === 'client') ? 'server' : 'client';
      const hide = side === 'client' && masked.has(frame);
      const text = hide ? `[credentials masked: ${bytes.length} bytes]\r\n` : asciiOf(bytes);
      stream.chunks.push({ side, packet: frame, length: bytes.length, text });
    },
  });
  await eachPacket(document, document.index.count, (record) => tracker.packet(record));
  tracker.finish();
  return stream;
}
