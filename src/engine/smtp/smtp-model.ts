// What SMTP reconstruction produces for one connection: dialogue, envelope and messages.

import type { HandshakeFacts } from '../conversation/handshake';
import type { PacketNote } from '../conversation/packet-note';
import type { Endpoint, SideClose } from '../conversation/tcp-conversation';

export interface SmtpParameter {
  readonly keyword: string;
  /** Undefined for a keyword without `=` (`SMTPUTF8`). */
  readonly value?: string;
}

export interface SmtpCommand {
  /** Upper-cased, as the server compares it. */
  readonly verb: string;
  /** Everything after the verb and one space, as tshark's smtp.req.parameter. */
  readonly argument: string;
  /** The line as sent, without CRLF; AUTH secrets masked unless asked for. */
  readonly line: string;
  readonly frame: number;
  readonly time: number;
  /** MAIL FROM and RCPT TO: the address between the angle brackets. */
  readonly address?: string;
  readonly parameters?: readonly SmtpParameter[];
}

export interface EnhancedStatus {
  readonly text: string;
  readonly meaning: string;
}

export interface SmtpReply {
  readonly code: number;
  /** Text of each line after the code and separator, as tshark's smtp.rsp.parameter. */
  readonly lines: readonly string[];
  readonly enhanced?: EnhancedStatus;
  readonly meaning: string;
  /** Frame of the packet that completed the reply. */
  readonly frame: number;
  readonly time: number;
}

export type ExchangeKind = 'command' | 'auth-response' | 'message' | 'bdat-chunk' | 'unsolicited';

/** A command (or message, or AUTH answer) with the reply that answers it. */
export interface SmtpExchange {
  readonly kind: ExchangeKind;
  /** Frame and time of the request's last byte (the reply's, for an unsolicited reply). */
  readonly frame: number;
  readonly time: number;
  readonly command?: SmtpCommand;
  /** For kind 'message': the index into SmtpSession.messages. */
  readonly messageIndex?: number;
  reply?: SmtpReply;
  /** Seconds from the request's last byte to the reply's last byte. */
  latency?: number;
}

export interface SmtpRecipient {
  readonly address: string;
  readonly parameters: readonly SmtpParameter[];
  accepted?: boolean;
  reply?: SmtpReply;
}

export interface SmtpMessage {
  /** 1-based order within the session. */
  readonly number: number;
  readonly via: 'DATA' | 'BDAT';
  /** The message as the server received it: CRLF endings, dot-unstuffed, no final .CRLF. */
  bytes: Uint8Array;
  /** Bytes the capture lacks inside the message; 0 for an exact copy. */
  missingBytes: number;
  /** False when the capture ended before the end of the message. */
  complete: boolean;
  /** True when the message grew past the size limit and its tail was dropped. */
  cut: boolean;
  /** First and last frame carrying message bytes. */
  firstFrame: number;
  lastFrame: number;
  accepted?: boolean;
  reply?: SmtpReply;
}

export interface SmtpTransaction {
  readonly mailFrom: string;
  readonly parameters: readonly SmtpParameter[];
  readonly recipients: SmtpRecipient[];
  readonly messageNumbers: number[];
  /** How it ended: delivered, RSET, or left open. */
  outcome: 'accepted' | 'rejected' | 'reset' | 'open';
}

export interface EhloExtension {
  readonly keyword: string;
  readonly parameters: readonly string[];
}

export interface SmtpAuth {
  readonly mechanism: string;
  username?: string;
  /** Present only when the analyzer was asked to reveal credentials. */
  password?: string;
  succeeded?: boolean;
}

/**
 * Ciphertext is counted, not read: decrypting TLS with a key log (as tshark's
 * tls.keylog_file does) is not implemented, so messages sent after STARTTLS or on port 465
 * cannot be rebuilt.
 */
export interface SmtpEncryption {
  readonly how: 'implicit-tls' | 'starttls';
  /** First frame carrying ciphertext in either direction. */
  fromFrame?: number;
  clientBytes: number;
  serverBytes: number;
}

export interface SmtpNote {
  readonly frame: number;
  readonly text: string;
}

export interface SmtpSession {
  readonly conversation: number;
  readonly client: Endpoint;
  readonly server: Endpoint;
  readonly firstTime: number;
  lastTime: number;
  readonly handshake: HandshakeFacts;
  greeting?: SmtpReply;
  readonly exchanges: SmtpExchange[];
  readonly transactions: SmtpTransaction[];
  readonly messages: SmtpMessage[];
  extensions: EhloExtension[];
  auth?: SmtpAuth;
  encryption?: SmtpEncryption;
  /** Gaps, lost replies and other things a reader of the dialogue should know. */
  readonly notes: SmtpNote[];
  closes: { client?: SideClose; server?: SideClose };
  /** How many packets of the connection got each TCP note, filled in as packets arrive. */
  readonly tcpNotes: Readonly<Partial<Record<PacketNote, number>>>;
}
