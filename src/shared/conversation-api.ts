// The TCP conversation part of the contract: which conversation a packet is in, its ladder.

import { z } from 'zod';

export interface LadderSegment {
  packet: number;
  /** Seconds since the conversation's first packet. */
  time: number;
  fromClient: boolean;
  /** tcpdump's flag letters: S, F, P, R, U, W, E and "." for ACK. */
  flags: string;
  /** Relative to each side's initial sequence number, as Wireshark shows them. */
  seq: number;
  ack: number;
  length: number;
  phase: 'handshake' | 'data' | 'teardown';
  /** Reassembly's remarks on this packet: retransmission, out-of-order… */
  notes: string[];
}

export interface Ladder {
  conversation: number;
  client: string;
  server: string;
  /** SYN to the client's ACK, in milliseconds, when the handshake was captured. */
  handshakeMs?: number;
  /** What each side offered in its SYN: "mss 1460, wscale 10, sackOK, TS". */
  clientOffer?: string;
  serverOffer?: string;
  segments: LadderSegment[];
  /** True when the conversation had more segments than a ladder shows. */
  truncated: boolean;
}

const PacketNumber = z.object({ number: z.number().int().positive() }).strict();

export const ConversationRequestSchemas = {
  'conversation.forPacket': PacketNumber,
  'conversation.ladder': z.object({
    conversation: z.number().int().nonnegative(),
  }).strict(),
} as const;

export interface ConversationResults {
  'conversation.forPacket': { number: number; conversation: number | null };
  'conversation.ladder': Ladder;
}
