// The one contract between the main side and the renderer: requests, their results, events.
// Both transports (Electron IPC and the web mode's WebSocket) carry exactly these shapes.

import { z } from 'zod';
import { CaptureRequestSchemas, type CaptureResults, type CaptureState } from './capture-api';
import { FilterRequestSchemas, type FilterResults } from './filter-api';
import { EndpointRequestSchemas, type EndpointResults } from './endpoints-api';
import {
  ConversationRequestSchemas, type ConversationResults,
} from './conversation-api';
import { RecoveryRequestSchemas, type RecoveryResults } from './recovery-api';
import { SaveRequestSchemas, type SaveResults } from './save-api';
import { RecentRequestSchemas, type RecentResults } from './recent-api';

export const MAX_ROWS_PER_REQUEST = 2000;

export const DocumentStatusSchema = z.object({
  /** Which opened file this is about: a new number for every file opened. */
  documentId: z.number().int().nonnegative(),
  /** Snapshots are numbered in the order they were taken, so the newest one wins. */
  revision: z.number().int().nonnegative(),
  /** File name shown in the title and status bar; empty when nothing is open. */
  name: z.string(),
  format: z.enum(['pcap', 'pcapng', '']),
  packetCount: z.number().int().nonnegative(),
  bytesRead: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  loading: z.boolean(),
  /** The damage or failure that stopped loading; packets read before it stay listed. */
  error: z.string().optional(),
});
export type DocumentStatus = z.infer<typeof DocumentStatusSchema> & {
  /** Present when the document is a live capture. */
  capture?: CaptureState;
  /** The capture file's own comment (a pcapng section comment), if it has one. */
  comment?: string;
  /** The display filter applied, and how many packets it shows; absent without one. */
  displayFilter?: { expression: string; displayed: number; milliseconds: number };
  /**
   * True while the document is a capture spool (live, or reopened after a crash) that no
   * save has copied whole: closing it or opening another file leaves it only in the spool.
   */
  unsaved?: boolean;
};

export const PacketRowSchema = z.object({
  number: z.number().int().positive(),
  /** Seconds since the first packet of the file. */
  time: z.number(),
  source: z.string(),
  destination: z.string(),
  protocol: z.string(),
  length: z.number().int().nonnegative(),
  info: z.string(),
});
export type PacketRow = z.infer<typeof PacketRowSchema>;

/** One decoded field, named like Wireshark's display filters, with where its bytes are. */
export interface DetailField {
  name: string;
  label: string;
  offset: number;
  length: number;
  value: string | number;
}

/** One protocol layer of a packet, for the detail tree. */
export interface DetailLayer {
  name: string;
  label: string;
  offset: number;
  length: number;
  fields: DetailField[];
}

/** One SMTP session in the list: who, when, and what was sent. */
export interface SmtpSessionItem {
  /** tshark's tcp.stream. */
  conversation: number;
  client: string;
  server: string;
  /** Seconds since the epoch. */
  startTime: number;
  endTime: number;
  encrypted: boolean;
  commands: number;
  envelope: SmtpEnvelope[];
  messages: { number: number; size: number; accepted?: boolean }[];
}

export interface SmtpEnvelope {
  mailFrom: string;
  recipients: { address: string; accepted?: boolean; code?: number }[];
  outcome: 'accepted' | 'rejected' | 'reset' | 'open';
}

/** A line of the dialogue as one side sent it, with the packets that carried it. */
export interface SmtpLineView {
  side: 'client' | 'server';
  time: number;
  packets: number[];
  text: string;
}

/** A request with the reply that answers it. */
export interface SmtpStepView {
  request: SmtpLineView[];
  reply: SmtpLineView[];
  code?: number;
  /** The reply code (and enhanced status code) in plain words. */
  meaning?: string;
  /** Seconds from the request's last byte to the reply's. */
  latency?: number;
  /** Set on the EHLO step: the extensions the server offered. */
  extensions?: string[];
  /** True when the request holds AUTH secrets that are masked. */
  masked?: boolean;
}

export type SmtpPhaseKind = 'handshake' | 'greeting' | 'ehlo' | 'starttls' | 'auth' |
  'transaction' | 'message' | 'reset' | 'quit' | 'other' | 'encrypted' | 'teardown' | 'notes';

export interface SmtpPhaseView {
  kind: SmtpPhaseKind;
  title: string;
  /** Facts that are not dialogue lines: handshake options, closes, notes. */
  facts: { text: string; packets: number[] }[];
  steps: SmtpStepView[];
}

export interface SmtpMimePart {
  /** Dotted position, as IMAP numbers body parts: "1", "2.1". */
  path: string;
  contentType: string;
  filename?: string;
  size: number;
}

export interface SmtpMessageSummary {
  number: number;
  via: 'DATA' | 'BDAT';
  size: number;
  complete: boolean;
  missingBytes: number;
  accepted?: boolean;
  packets: number[];
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  date?: string;
  messageId?: string;
  headers: { name: string; value: string }[];
  parts: SmtpMimePart[];
}

export interface SmtpDialogue {
  session: SmtpSessionItem;
  encryption?: string;
  auth?: { mechanism: string; username?: string; password?: string; succeeded?: boolean };
  revealed: boolean;
  phases: SmtpPhaseView[];
  messages: SmtpMessageSummary[];
}

/** The conversation's bytes as sent, one chunk per packet, like tshark's follow ascii. */
export interface SmtpStream {
  conversation: number;
  chunks: { side: 'client' | 'server'; packet: number; length: number; text: string }[];
  /** True when the stream was longer than the view holds. */
  truncated: boolean;
  revealed: boolean;
}

export const AppInfoSchema = z.object({
  mode: z.enum(['electron', 'web']),
  version: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Every request: its parameters' schema. Results are typed by ApiResults below. */
export const RequestSchemas = {
  ...CaptureRequestSchemas,
  ...FilterRequestSchemas,
  ...SaveRequestSchemas,
  ...RecoveryRequestSchemas,
  ...ConversationRequestSchemas,
  ...EndpointRequestSchemas,
  ...RecentRequestSchemas,
  'app.info': z.object({}).strict(),
  'document.status': z.object({}).strict(),
  'document.openDialog': z.object({}).strict(),
  'packets.rows': z.object({
    start: z.number().int().nonnegative(),
    count: z.number().int().positive().max(MAX_ROWS_PER_REQUEST),
    /** Info as tcpdump -S prints it: absolute TCP sequence numbers. */
    absoluteSequence: z.boolean().optional(),
  }).strict(),
  'packets.bytes': z.object({ number: z.number().int().positive() }).strict(),
  'packets.detail': z.object({ number: z.number().int().positive() }).strict(),
  /** The first packet's time, so the renderer can show times of day. */
  'packets.timeOrigin': z.object({}).strict(),
  /** The first packet after `after` that the expression selects or whose bytes hold `hex`. */
  'packets.find': z.object({
    after: z.number().int().nonnegative(),
    expression: z.string().max(4096).optional(),
    hex: z.string().max(1024).regex(/^([0-9a-fA-F]{2})+$/).optional(),
  }).strict(),
  'smtp.sessions': z.object({}).strict(),
  'smtp.session': z.object({
    conversation: z.number().int().nonnegative(),
    revealCredentials: z.boolean().optional(),
  }).strict(),
  'smtp.sessionForPacket': z.object({ number: z.number().int().positive() }).strict(),
  'smtp.message': z.object({
    conversation: z.number().int().nonnegative(),
    message: z.number().int().positive(),
  }).strict(),
  'smtp.stream': z.object({
    conversation: z.number().int().nonnegative(),
    revealCredentials: z.boolean().optional(),
  }).strict(),
} as const;

export type ApiMethod = keyof typeof RequestSchemas;
export type ApiParams<M extends ApiMethod> = z.infer<(typeof RequestSchemas)[M]>;

export interface ApiResults extends CaptureResults, FilterResults, SaveResults,
  RecoveryResults, ConversationResults, EndpointResults, RecentResults {
  'app.info': AppInfo;
  'document.status': DocumentStatus;
  /** Null when the user cancelled the dialog. */
  'document.openDialog': DocumentStatus | null;
  'packets.rows': PacketRow[];
  /** Base64 of the captured bytes, so both transports carry it as plain JSON. */
  'packets.bytes': { number: number; base64: string };
  'packets.detail': { number: number; layers: DetailLayer[] };
  /** Seconds since the epoch of packet 1; null when no packet is loaded. */
  'packets.timeOrigin': { seconds: number | null };
  /** null when no packet after `after` matches. */
  'packets.find': { number: number | null };
  'smtp.sessions': SmtpSessionItem[];
  'smtp.session': SmtpDialogue;
  /** conversation is null when the packet belongs to no SMTP session. */
  'smtp.sessionForPacket': { number: number; conversation: number | null };
  /** The message as the server received it, base64, for "Save .eml". */
  'smtp.message': { name: string; size: number; complete: boolean; base64: string };
  'smtp.stream': SmtpStream;
  'capture.start': DocumentStatus;
  'capture.stop': DocumentStatus;
  'capture.restart': DocumentStatus;
  'filter.apply': DocumentStatus;
  'captures.reopen': DocumentStatus;
}

export interface ApiEvents {
  'document.status': DocumentStatus;
}
export type ApiEvent = keyof ApiEvents;

export const API_METHODS = Object.keys(RequestSchemas) as ApiMethod[];

/** Errors cross the boundary as a code and a sentence a user can act on. */
export interface ApiErrorShape {
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}
