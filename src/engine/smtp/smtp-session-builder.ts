// Follows one connection's SMTP dialogue from both byte streams, in capture order.

import type { Side } from '../conversation/tcp-conversation';
import type { TcpConversation } from '../conversation/tcp-conversation';
import { ByteQueue } from './byte-queue';
import { DataUnstuffer, MessageBuffer } from './data-unstuffer';
import { AuthReader, MASKED } from './smtp-auth';
import type {
  ExchangeKind, SmtpCommand, SmtpExchange, SmtpMessage, SmtpReply, SmtpSession,
  SmtpTransaction,
} from './smtp-model';
import { enhancedMeaning, replyMeaning } from './smtp-reply-meaning';
import { parseBdat, parseCommand, parseEhloExtensions, parseReplyLine } from './smtp-syntax';
import { utf8Text } from './text';

export interface SmtpOptions {
  /** Show AUTH passwords instead of masking them. */
  readonly revealCredentials?: boolean;
  /** Bytes kept of one message; the rest is counted and the message marked cut. */
  readonly maxMessageBytes?: number;
}

/** RFC 5321 4.5.3.1 allows 512-byte command lines and 1000-byte text lines; allow slack. */
const MAX_LINE = 64 * 1024;
const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;
/**
 * Client bytes held while a reply decides how to read them (after DATA, AUTH, STARTTLS).
 * Past this the reply is taken as lost and the bytes are read as if it had said yes.
 */
const MAX_WAITING_BYTES = 1024 * 1024;
/** A client that says this much before any greeting is speaking some other protocol. */
const MAX_BYTES_BEFORE_GREETING = 4096;
/** Lines of one multi-line reply; a server that never ends one is cut off here. */
const MAX_REPLY_LINES = 1000;
const GREETING_CODES = [220, 554];
const HELLO_VERBS = ['EHLO', 'HELO', 'LHLO'];

type ClientMode = 'command' | 'wait' | 'data' | 'bdat' | 'auth' | 'encrypted';

interface Pending {
  readonly exchange: SmtpExchange;
  readonly onReply?: (reply: SmtpReply) => void;
}

export class SmtpSessionBuilder {
  readonly session: SmtpSession;
  /** Undefined until the dialogue shows whether this is SMTP. */
  isSmtp: boolean | undefined;
  private readonly client = new ByteQueue();
  private readonly server = new ByteQueue();
  private clientMode: ClientMode = 'command';
  private serverEncrypted = false;
  private readonly pending: Pending[] = [];
  private replyLines: string[] = [];
  private transaction?: SmtpTransaction;
  private message?: { record: SmtpMessage; buffer: MessageBuffer; unstuffer?: DataUnstuffer };
  private bdatRemaining = 0;
  private bdatLast = false;
  private auth?: AuthReader;
  private lastChallenge?: string;
  private sawCommand = false;
  /**
   * A hole that cut a line leaves its tail after the hole: skipped up to the next line
   * end. A hole after a complete line is taken to hold whole lines, as SMTP segments
   * usually do; when it does not, one broken line is read as a command or reply.
   */
  private clientResync = false;
  private serverResync = false;
  private readonly options: SmtpOptions;

  constructor(conversation: TcpConversation, swapped: boolean, implicitTls: boolean,
    options: SmtpOptions = {}) {
    this.options = options;
    this.session = {
      conversation: conversation.number,
      client: swapped ? conversation.server : conversation.client,
      server: swapped ? conversation.client : conversation.server,
      firstTime: conversation.firstTime,
      lastTime: conversation.firstTime,
      handshake: conversation.handshake,
      exchanges: [],
      transactions: [],
      messages: [],
      extensions: [],
      notes: [],
      closes: {},
      tcpNotes: conversation.noteCounts,
    };
    if (implicitTls) {
      this.isSmtp = true;
      this.session.encryption = { how: 'implicit-tls', clientBytes: 0, serverBytes: 0 };
      this.clientMode = 'encrypted';
      this.serverEncrypted = true;
    }
  }

  data(from: Side, bytes: Uint8Array, frame: number, time: number): void {
    if (this.isSmtp === false) return;
    this.session.lastTime = time;
    const encryption = this.session.encryption;
    const encrypted = from === 'client' ? this.clientMode === 'encrypted' : this.serverEncrypted;
    if (encrypted && encryption) {
      encryption.fromFrame ??= frame;
      if (from === 'client') encryption.clientBytes += bytes.length;
      else encryption.serverBytes += bytes.length;
      return;
    }
    if (from === 'server') {
      this.server.push(bytes, frame, time);
      this.readServer();
      return;
    }
    this.client.push(bytes, frame, time);
    if (!this.session.greeting && this.client.length > MAX_BYTES_BEFORE_GREETING) {
      this.notSmtp();
      return;
    }
    if (this.clientMode === 'wait' && this.client.length > MAX_WAITING_BYTES) {
      this.note(frame, 'the reply that decides how to read the client\'s bytes was not ' +
        'captured; reading on as if the server had agreed');
      this.resolveLostReply();
    }
    this.readClient();
  }

  gap(from: Side, length: number, frame: number, time: number): void {
    if (this.isSmtp === false) return;
    this.session.lastTime = time;
    this.note(frame, `[${length} bytes missing] from the ${from}`);
    if (from === 'server') {
      if (this.serverEncrypted && this.session.encryption) return;
      this.serverResync = this.server.length > 0;
      this.server.clear();
      this.replyLines = [];
      return;
    }
    if (this.message && (this.clientMode === 'data' || this.clientMode === 'bdat')) {
      this.message.record.missingBytes += length;
      this.message.unstuffer?.lostBytes();
      if (this.clientMode === 'bdat') {
        const skipped = Math.min(length, this.bdatRemaining);
        this.bdatRemaining -= skipped;
        if (this.bdatRemaining === 0) this.endBdatChunk(frame, time);
      }
      return;
    }
    if (this.clientMode === 'command' || this.clientMode === 'auth') {
      this.clientResync = this.client.length > 0;
      this.client.clear();
    }
  }

  end(from: Side, how: 'fin' | 'rst', frame: number, time: number): void {
    this.session.closes[from] = { how, frame, time };
    this.session.lastTime = time;
  }

  /** End of capture: an open message is kept as it stands, marked incomplete. */
  finish(): void {
    if (this.isSmtp !== true) return;
    if (this.client.length > 0 && this.clientMode === 'wait') {
      this.note(this.session.exchanges.at(-1)?.frame ?? 0, `${this.client.length} client ` +
        'bytes wait for a reply the capture does not hold; read as if the server agreed');
      this.resolveLostReply();
      this.readClient();
    }
    if (this.message && (this.clientMode === 'data' || this.clientMode === 'bdat')) {
      this.closeMessage(false);
    }
  }

  /** Not SMTP after all: stop reading and let go of what was queued. */
  private notSmtp(): void {
    this.isSmtp = false;
    this.client.clear();
    this.server.clear();
  }

  private note(frame: number, text: string): void {
    this.session.notes.push({ frame, text });
  }

  // ---- server side -------------------------------------------------------------------

  private readServer(): void {
    while (this.isSmtp !== false && !this.serverEncrypted) {
      const line = this.server.readLine(MAX_LINE);
      if (!line) return;
      if (this.serverResync) {
        this.serverResync = false;
        continue;
      }
      const text = utf8Text(line.bytes);
      const parsed = parseReplyLine(text);
      if (!parsed) {
        if (!this.session.greeting) {
          this.notSmtp();
          return;
        }
        this.note(line.frame, `server line that is not a reply: ${text.slice(0, 80)}`);
        continue;
      }
      this.replyLines.push(parsed.text);
      if (parsed.continues && this.replyLines.length < MAX_REPLY_LINES) continue;
      const lines = this.replyLines;
      this.replyLines = [];
      this.handleReply(this.makeReply(parsed.code, lines, line.frame, line.time));
    }
    if (this.serverEncrypted && this.session.encryption && this.server.length > 0) {
      this.session.encryption.serverBytes += this.server.length;
      this.server.clear();
    }
  }

  private makeReply(code: number, lines: string[], frame: number, time: number): SmtpReply {
    const status = /^([245])\.([0-9]{1,3})\.([0-9]{1,3})(?= |$)/.exec(lines[0] ?? '');
    const enhanced = status && Number(status[1]) === Math.floor(code / 100)
      ? { text: status[0], meaning: enhancedMeaning(status[0]) } : undefined;
    return { code, lines, enhanced, meaning: replyMeaning(code), frame, time };
  }

  private handleReply(reply: SmtpReply): void {
    const session = this.session;
    if (!session.greeting && session.exchanges.length === 0 && this.pending.length === 0) {
      if (!GREETING_CODES.includes(reply.code)) {
        this.notSmtp();
        return;
      }
      session.greeting = reply;
      this.readClient();
      return;
    }
    const waiting = this.pending.shift();
    if (!waiting) {
      session.exchanges.push({ kind: 'unsolicited', frame: reply.frame, time: reply.time, reply });
      return;
    }
    waiting.exchange.reply = reply;
    waiting.exchange.latency = reply.time - waiting.exchange.time;
    waiting.onReply?.(reply);
    this.readClient();
  }

  /** Past the wait limit: act as if the awaited reply had been the positive one. */
  private resolveLostReply(): void {
    const waiting = this.pending.at(-1);
    const verb = waiting?.exchange.command?.verb;
    const agreed = verb === 'DATA' ? 354 : verb === 'STARTTLS' ? 220 : 334;
    const last = this.pending.length > 0 ? this.pending.pop() : undefined;
    const frame = last?.exchange.frame ?? 0;
    last?.onReply?.(this.makeReply(agreed, ['(reply not captured)'], frame, 0));
  }

  // ---- client side -------------------------------------------------------------------

  private readClient(): void {
    while (this.isSmtp !== false && this.client.length > 0) {
      if (this.clientMode === 'wait') return;
      if (this.clientMode === 'encrypted') {
        this.session.encryption!.clientBytes += this.client.length;
        this.client.clear();
        return;
      }
      if (this.clientMode === 'data' || this.clientMode === 'bdat') {
        this.readMessageBytes();
        continue;
      }
      // Before the greeting, wait: the first line decides whether this is SMTP at all.
      if (!this.session.greeting && !this.session.encryption) return;
      const line = this.client.readLine(MAX_LINE);
      if (!line) return;
      if (this.clientResync) {
        this.clientResync = false;
        continue;
      }
      const text = utf8Text(line.bytes);
      if (this.clientMode === 'auth') this.handleAuthAnswer(text, line.frame, line.time);
      else this.handleCommand(text, line.frame, line.time);
    }
  }

  private readMessageBytes(): void {
    const chunk = this.client.readChunk();
    if (!chunk || !this.message) return;
    const message = this.message;
    if (message.buffer.length === 0 && message.record.missingBytes === 0) {
      message.record.firstFrame = chunk.frame;
    }
    message.record.lastFrame = chunk.frame;

    if (this.clientMode === 'bdat') {
      const used = Math.min(chunk.bytes.length, this.bdatRemaining);
      message.buffer.append(chunk.bytes.subarray(0, used));
      this.bdatRemaining -= used;
      this.client.unshift(chunk.bytes.subarray(used), chunk.frame, chunk.time);
      if (this.bdatRemaining === 0) this.endBdatChunk(chunk.frame, chunk.time);
      return;
    }
    const used = message.unstuffer!.feed(chunk.bytes);
    if (used < 0) return;
    this.client.unshift(chunk.bytes.subarray(used), chunk.frame, chunk.time);
    const record = this.closeMessage(true);
    this.clientMode = 'command';
    this.expectReply('message', undefined, chunk.frame, chunk.time, (reply) => {
      this.settleMessage(record, reply);
    }, record.number - 1);
  }

  private endBdatChunk(_frame: number, _time: number): void {
    this.clientMode = 'command';
    if (this.bdatLast) this.closeMessage(true);
  }

  private closeMessage(complete: boolean): SmtpMessage {
    const { record, buffer } = this.message!;
    record.bytes = buffer.result();
    record.complete = complete;
    record.cut = buffer.dropped > 0;
    this.message = undefined;
    return record;
  }

  private settleMessage(record: SmtpMessage, reply: SmtpReply): void {
    record.reply = reply;
    record.accepted = reply.code >= 200 && reply.code < 300;
    const transaction = this.session.transactions.find(
      (each) => each.messageNumbers.includes(record.number));
    if (transaction) transaction.outcome = record.accepted ? 'accepted' : 'rejected';
    if (this.transaction === transaction) this.transaction = undefined;
  }

  private openMessage(via: 'DATA' | 'BDAT', frame: number): void {
    const buffer = new MessageBuffer(this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE);
    const record: SmtpMessage = {
      number: this.session.messages.length + 1, via, bytes: new Uint8Array(0),
      missingBytes: 0, complete: false, cut: false, firstFrame: frame, lastFrame: frame,
    };
    this.session.messages.push(record);
    this.transaction?.messageNumbers.push(record.number);
    this.message = { record, buffer, unstuffer: via === 'DATA' ? new DataUnstuffer(buffer) :
      undefined };
  }

  private expectReply(kind: ExchangeKind, command: SmtpCommand | undefined, frame: number,
    time: number, onReply?: (reply: SmtpReply) => void, messageIndex?: number): void {
    const exchange: SmtpExchange = { kind, command, frame, time, messageIndex };
    this.session.exchanges.push(exchange);
    this.pending.push({ exchange, onReply });
  }

  private handleCommand(text: string, frame: number, time: number): void {
    const command = parseCommand(text, frame, time);
    if (!this.sawCommand && !this.session.encryption) {
      if (!HELLO_VERBS.includes(command.verb)) {
        this.notSmtp();
        return;
      }
      this.isSmtp = true;
    }
    this.sawCommand = true;

    switch (command.verb) {
      case 'EHLO':
      case 'HELO':
      case 'LHLO':
        return this.expectReply('command', command, frame, time, (reply) => {
          if (command.verb !== 'HELO' && reply.code === 250) {
            this.session.extensions = parseEhloExtensions(reply.lines);
          }
        });
      case 'MAIL':
        return this.startTransaction(command);
      case 'RCPT':
        return this.addRecipient(command);
      case 'DATA':
        this.clientMode = 'wait';
        return this.expectReply('command', command, frame, time, (reply) => {
          if (reply.code !== 354) {
            this.clientMode = 'command';
            return;
          }
          this.openMessage('DATA', frame);
          this.clientMode = 'data';
        });
      case 'BDAT':
        return this.startBdat(command);
      case 'STARTTLS':
        this.clientMode = 'wait';
        return this.expectReply('command', command, frame, time, (reply) => {
          this.clientMode = reply.code === 220 ? 'encrypted' : 'command';
          if (reply.code === 220) this.startTls(reply.frame);
        });
      case 'AUTH':
        return this.startAuth(command);
      case 'RSET':
        return this.expectReply('command', command, frame, time, (reply) => {
          if (reply.code !== 250) return;
          if (this.transaction?.outcome === 'open') this.transaction.outcome = 'reset';
          this.transaction = undefined;
        });
      default:
        return this.expectReply('command', command, frame, time);
    }
  }

  private startTransaction(command: SmtpCommand): void {
    const transaction: SmtpTransaction = {
      mailFrom: command.address ?? '', parameters: command.parameters ?? [],
      recipients: [], messageNumbers: [], outcome: 'open',
    };
    this.session.transactions.push(transaction);
    this.transaction = transaction;
    this.expectReply('command', command, command.frame, command.time, (reply) => {
      if (reply.code >= 300 && transaction.outcome === 'open') {
        transaction.outcome = 'rejected';
        if (this.transaction === transaction) this.transaction = undefined;
      }
    });
  }

  private addRecipient(command: SmtpCommand): void {
    const recipient = { address: command.address ?? '', parameters: command.parameters ?? [] };
    const transaction = this.transaction;
    transaction?.recipients.push(recipient);
    this.expectReply('command', command, command.frame, command.time, (reply) => {
      Object.assign(recipient, { reply, accepted: reply.code >= 200 && reply.code < 300 });
    });
  }

  private startBdat(command: SmtpCommand): void {
    const chunk = parseBdat(command.argument);
    this.expectReply('command', command, command.frame, command.time, (reply) => {
      if (chunk?.last && this.session.messages.length > 0) {
        this.settleMessage(this.session.messages.at(-1)!, reply);
      }
    });
    if (!chunk) return;
    if (!this.message) this.openMessage('BDAT', command.frame);
    this.bdatRemaining = chunk.size;
    this.bdatLast = chunk.last;
    if (chunk.size > 0) this.clientMode = 'bdat';
    else if (chunk.last) this.closeMessage(true);
  }

  private startTls(frame: number): void {
    this.session.encryption = { how: 'starttls', clientBytes: 0, serverBytes: 0 };
    this.serverEncrypted = true;
    this.note(frame, 'from here on the connection is encrypted (TLS)');
  }

  private startAuth(command: SmtpCommand): void {
    const [mechanism = '', initial] = command.argument.split(' ');
    const reader = new AuthReader(mechanism, this.options.revealCredentials === true);
    this.auth = reader;
    this.session.auth = reader.auth;
    const answer = reader.initial(initial);
    const shown = answer && !this.options.revealCredentials
      ? { ...command, line: `AUTH ${mechanism} ${MASKED}`, argument: `${mechanism} ${MASKED}` }
      : command;
    this.clientMode = 'wait';
    this.expectReply('command', shown, command.frame, command.time, (reply) =>
      this.afterAuthReply(reply));
    if (answer) this.note(command.frame, `AUTH ${mechanism}: ${answer.shown}`);
  }

  private afterAuthReply(reply: SmtpReply): void {
    if (reply.code === 334) {
      this.lastChallenge = reply.lines[0];
      this.clientMode = 'auth';
      return;
    }
    if (this.auth) this.auth.auth.succeeded = reply.code === 235;
    this.clientMode = 'command';
  }

  private handleAuthAnswer(text: string, frame: number, time: number): void {
    const answer = this.auth!.answer(text, this.lastChallenge);
    const line = this.options.revealCredentials ? text : answer.shown;
    const command = { verb: '', argument: '', line, frame, time };
    this.clientMode = 'wait';
    this.expectReply('auth-response', command, frame, time, (reply) =>
      this.afterAuthReply(reply));
  }
}
