// One conversation as a ladder: every segment between the two hosts with its flags,
// relative seq/ack, length and phase (handshake, data, teardown), for the diagram.

import type { SideOffer } from '../../../engine/conversation/handshake';
import { handshakeRtt } from '../../../engine/conversation/handshake';
import { PACKET_NOTE_LABELS } from '../../../engine/conversation/packet-note';
import type { TcpConversation } from '../../../engine/conversation/tcp-conversation';
import { hasFlag, TcpFlag, type TcpSegment } from '../../../engine/conversation/tcp-segment';
import { extractTcpSegment } from '../../../engine/conversation/tcp-segment-extractor';
import type { Ladder, LadderSegment } from '../../../shared/conversation-api';
import type { CaptureDocument } from '../capture-document';
import type { DocumentConversations } from './document-conversations';

/** A diagram of more segments than this is cut, and says so. */
export const MAX_LADDER_SEGMENTS = 5000;

/** In tcpdump's order, so that a FIN with PSH reads "FP." as it does there. */
const FLAG_LETTERS: [number, string][] = [
  [TcpFlag.FIN, 'F'], [TcpFlag.SYN, 'S'], [TcpFlag.RST, 'R'], [TcpFlag.PSH, 'P'],
  [TcpFlag.URG, 'U'], [0x40, 'E'], [0x80, 'W'],
];

/** tcpdump's flag text, e.g. "S." for SYN/ACK, "P." for PSH/ACK, "." for a bare ACK. */
export function flagLetters(flags: number): string {
  const letters = FLAG_LETTERS.filter(([bit]) => flags & bit).map(([, letter]) => letter);
  return letters.join('') + (flags & TcpFlag.ACK ? '.' : '') || 'none';
}

function offerText(offer: SideOffer | undefined): string | undefined {
  if (!offer) return undefined;
  const parts = [offer.mss !== undefined ? `mss ${offer.mss}` : '',
    offer.windowScale !== undefined ? `wscale ${offer.windowScale}` : '',
    offer.sackPermitted ? 'sackOK' : '', offer.timestamps ? 'TS' : ''];
  return parts.filter(Boolean).join(', ') || 'no options';
}

export async function ladderOf(document: CaptureDocument, found: DocumentConversations,
  conversation: TcpConversation): Promise<Ladder> {
  const indexes: number[] = [];
  found.conversationOfPacket.forEach((number, index) => {
    if (number === conversation.number) indexes.push(index);
  });
  const shown = indexes.slice(0, MAX_LADDER_SEGMENTS);

  const segments: LadderSegment[] = [];
  let tearingDown = false;
  for (const index of shown) {
    const [packet] = await document.packets(index, 1);
    const segment = packet && extractTcpSegment(packet.record, index + 1);
    if (!segment) continue;
    tearingDown ||= hasFlag(segment, TcpFlag.FIN) || hasFlag(segment, TcpFlag.RST);
    segments.push(describeSegment(conversation, segment, found, index, tearingDown));
  }

  const rtt = handshakeRtt(conversation.handshake);
  return {
    conversation: conversation.number,
    client: `${conversation.client.address}.${conversation.client.port}`,
    server: `${conversation.server.address}.${conversation.server.port}`,
    ...(rtt !== undefined ? { handshakeMs: rtt * 1000 } : {}),
    ...(conversation.handshake.client
      ? { clientOffer: offerText(conversation.handshake.client) } : {}),
    ...(conversation.handshake.server
      ? { serverOffer: offerText(conversation.handshake.server) } : {}),
    segments,
    truncated: indexes.length > shown.length,
  };
}

function describeSegment(conversation: TcpConversation, segment: TcpSegment,
  found: DocumentConversations, index: number, tearingDown: boolean): LadderSegment {
  const fromClient = conversation.sideOf(segment) === 'client';
  const ownBase = (fromClient ? conversation.baseSeq.client : conversation.baseSeq.server) ?? 0;
  const peerBase = (fromClient ? conversation.baseSeq.server : conversation.baseSeq.client) ?? 0;
  const acking = hasFlag(segment, TcpFlag.ACK);
  const handshake = hasFlag(segment, TcpFlag.SYN) || index + 1 === conversation.handshake.ackFrame;
  return {
    packet: index + 1,
    time: segment.time - conversation.firstTime,
    fromClient,
    flags: flagLetters(segment.flags),
    seq: (segment.seq - ownBase) >>> 0,
    ack: acking ? (segment.ack - peerBase) >>> 0 : 0,
    length: segment.length,
    phase: handshake ? 'handshake' : tearingDown ? 'teardown' : 'data',
    notes: (found.notes.get(index) ?? []).map((note) => PACKET_NOTE_LABELS[note]),
  };
}
