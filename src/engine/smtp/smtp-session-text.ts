// Renders SMTP sessions as text: a one-block summary each, or the dialogue in phases.

import { handshakeRtt, type SideOffer } from '../conversation/handshake';
import { PACKET_NOTE_LABELS, type PacketNote } from '../conversation/packet-note';
import type { SideClose } from '../conversation/tcp-conversation';
import type { SmtpExchange, SmtpReply, SmtpSession } from './smtp-model';

export function utcTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const micros = Math.round((seconds - whole) * 1e6);
  const iso = new Date(whole * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return `${iso}.${String(micros).padStart(6, '0')}`;
}

function milliseconds(seconds: number): string {
  return `${(seconds * 1000).toFixed(3)} ms`;
}

function endpoint(point: { address: string; port: number }): string {
  return point.address.includes(':') ? `[${point.address}]:${point.port}`
    : `${point.address}:${point.port}`;
}

function encryptionText(session: SmtpSession): string {
  const encryption = session.encryption;
  if (!encryption) return 'no';
  const how = encryption.how === 'starttls' ? 'after STARTTLS' : 'implicit TLS (port 465)';
  return `yes, ${how}: ${encryption.clientBytes} bytes from the client, ` +
    `${encryption.serverBytes} from the server`;
}

/** The summary block `tapline smtp FILE` prints for each session. */
export function sessionSummary(session: SmtpSession): string[] {
  const verbs = session.exchanges.filter((each) => each.kind === 'command')
    .map((each) => each.command!.verb);
  const lines = [
    `session ${session.conversation}: ${endpoint(session.client)} -> ` +
      `${endpoint(session.server)}`,
    `  time: ${utcTime(session.firstTime)} to ${utcTime(session.lastTime)} UTC`,
    `  commands (${verbs.length}): ${verbs.join(' ') || '(none seen)'}`,
  ];
  for (const transaction of session.transactions) {
    const recipients = transaction.recipients.map((recipient) => {
      const verdict = recipient.accepted === undefined ? 'no reply'
        : recipient.accepted ? 'accepted' : `refused ${recipient.reply?.code}`;
      return `<${recipient.address}> (${verdict})`;
    });
    lines.push(`  envelope: <${transaction.mailFrom}> -> ${recipients.join(', ') || '(none)'}` +
      `; ${transaction.outcome}`);
  }
  for (const message of session.messages) {
    const state = message.accepted === undefined ? 'no reply'
      : message.accepted ? 'accepted' : `refused ${message.reply?.code}`;
    const damage = message.missingBytes > 0 ? `, ${message.missingBytes} bytes missing` : '';
    const open = message.complete ? '' : ', incomplete';
    lines.push(`  message ${message.number}: ${message.bytes.length} bytes by ${message.via}, ` +
      `${state}${damage}${open}`);
  }
  lines.push(`  encrypted: ${encryptionText(session)}`);
  return lines;
}

function offerText(offer: SideOffer | undefined): string {
  if (!offer) return 'not seen';
  const parts = [`mss ${offer.mss ?? 'none'}`];
  if (offer.windowScale !== undefined) parts.push(`wscale ${offer.windowScale}`);
  if (offer.sackPermitted) parts.push('sackOK');
  if (offer.timestamps) parts.push('TS');
  return parts.join(', ');
}

function replyText(reply: SmtpReply, latencyFrom?: number): string[] {
  const last = reply.lines.length - 1;
  const lines = reply.lines.map((text, index) =>
    `  [${reply.frame}] S: ${reply.code}${index === last ? ' ' : '-'}${text}`);
  const latency = latencyFrom === undefined ? '' : `after ${milliseconds(latencyFrom)}; `;
  const enhanced = reply.enhanced ? `; ${reply.enhanced.text} ${reply.enhanced.meaning}` : '';
  lines.push(`        (${latency}${reply.code}: ${reply.meaning}${enhanced})`);
  return lines;
}

function phaseOf(exchange: SmtpExchange, transactions: { n: number }): string {
  if (exchange.kind === 'message') return `message ${exchange.messageIndex! + 1}`;
  if (exchange.kind === 'auth-response') return 'AUTH';
  if (exchange.kind === 'unsolicited') return 'unsolicited reply';
  const verb = exchange.command!.verb;
  if (['EHLO', 'HELO', 'LHLO'].includes(verb)) return verb;
  if (verb === 'MAIL') transactions.n++;
  if (['MAIL', 'RCPT', 'DATA', 'BDAT'].includes(verb)) {
    return `transaction ${transactions.n}`;
  }
  if (['STARTTLS', 'AUTH', 'RSET', 'QUIT'].includes(verb)) return verb;
  return 'other commands';
}

function exchangeText(exchange: SmtpExchange, session: SmtpSession): string[] {
  const lines: string[] = [];
  if (exchange.kind === 'message') {
    const message = session.messages[exchange.messageIndex!];
    lines.push(`  [${message.firstFrame}-${message.lastFrame}] C: message ` +
      `${message.number}, ${message.bytes.length} bytes (ended by .CRLF in frame ` +
      `${exchange.frame})`);
  } else if (exchange.command) {
    lines.push(`  [${exchange.frame}] C: ${exchange.command.line}`);
  }
  if (exchange.reply) lines.push(...replyText(exchange.reply, exchange.latency));
  else if (exchange.kind !== 'unsolicited') lines.push('        (no reply captured)');
  return lines;
}

function closeText(side: string, close: SideClose | undefined): string {
  if (!close) return `  ${side}: no FIN or RST seen`;
  return `  [${close.frame}] ${side}: ${close.how.toUpperCase()} at ${utcTime(close.time)}`;
}

/** The annotated dialogue of `tapline smtp FILE --session N`. */
export function sessionDialogue(session: SmtpSession): string[] {
  const lines = sessionSummary(session);
  const facts = session.handshake;
  lines.push('', '== TCP handshake ==');
  if (facts.synFrame === undefined) lines.push('  not captured');
  else {
    const rtt = handshakeRtt(facts);
    const rttText = rtt === undefined ? '' : `; RTT ${milliseconds(rtt)}`;
    lines.push(`  SYN frame ${facts.synFrame}, SYN/ACK frame ${facts.synAckFrame ?? '-'}, ` +
      `ACK frame ${facts.ackFrame ?? '-'}${rttText}`);
    lines.push(`  client offers: ${offerText(facts.client)}`);
    lines.push(`  server offers: ${offerText(facts.server)}`);
  }
  lines.push('', '== greeting ==');
  if (session.greeting) lines.push(...replyText(session.greeting));
  else lines.push('  not captured');

  let phase = '';
  const count = { n: 0 };
  for (const exchange of session.exchanges) {
    const next = phaseOf(exchange, count);
    if (next !== phase) lines.push('', `== ${next} ==`);
    phase = next;
    lines.push(...exchangeText(exchange, session));
    if (exchange.command?.verb === 'EHLO' && session.extensions.length > 0) {
      const list = session.extensions.map((each) =>
        [each.keyword, ...each.parameters].join(' '));
      lines.push(`        extensions: ${list.join('; ')}`);
    }
  }
  if (session.encryption) lines.push('', '== encrypted ==', `  ${encryptionText(session)}`);
  lines.push('', '== teardown ==');
  lines.push(closeText('client', session.closes.client));
  lines.push(closeText('server', session.closes.server));
  const counts = Object.entries(session.tcpNotes) as Array<[PacketNote, number]>;
  if (counts.length > 0) {
    const list = counts.map(([note, count]) => `${PACKET_NOTE_LABELS[note]}: ${count}`);
    lines.push(`  TCP notes: ${list.join(', ')}`);
  }
  if (session.notes.length > 0) {
    lines.push('', '== notes ==');
    for (const note of session.notes) lines.push(`  [${note.frame}] ${note.text}`);
  }
  return lines;
}
