// Turns the engine's SMTP sessions into the API's list items and annotated dialogues.

import { handshakeRtt, type SideOffer } from '../../../engine/conversation/handshake';
import { PACKET_NOTE_LABELS, type PacketNote } from '../../../engine/conversation/packet-note';
import type { Endpoint, SideClose } from '../../../engine/conversation/tcp-conversation';
import type {
  SmtpExchange, SmtpReply, SmtpSession,
} from '../../../engine/smtp/smtp-model';
import type {
  SmtpDialogue, SmtpLineView, SmtpPhaseKind, SmtpPhaseView, SmtpSessionItem, SmtpStepView,
} from '../../../shared/api';
import { summarizeMessage } from './message-summary';

export function endpointText(point: Endpoint): string {
  return point.address.includes(':') ? `[${point.address}]:${point.port}`
    : `${point.address}:${point.port}`;
}

export function sessionItem(session: SmtpSession): SmtpSessionItem {
  return {
    conversation: session.conversation,
    client: endpointText(session.client),
    server: endpointText(session.server),
    startTime: session.firstTime,
    endTime: session.lastTime,
    encrypted: session.encryption !== undefined,
    commands: session.exchanges.filter((each) => each.kind === 'command').length,
    envelope: session.transactions.map((transaction) => ({
      mailFrom: transaction.mailFrom,
      recipients: transaction.recipients.map((recipient) => ({
        address: recipient.address, accepted: recipient.accepted, code: recipient.reply?.code,
      })),
      outcome: transaction.outcome,
    })),
    messages: session.messages.map((message) => ({
      number: message.number, size: message.bytes.length, accepted: message.accepted,
    })),
  };
}

/** Frames whose client bytes carry AUTH secrets: the AUTH line and the answers to 334. */
export function authFrames(session: SmtpSession): Set<number> {
  const frames = new Set<number>();
  for (const exchange of session.exchanges) {
    if (exchange.kind === 'auth-response' || exchange.command?.verb === 'AUTH') {
      frames.add(exchange.frame);
    }
  }
  return frames;
}

function milliseconds(seconds: number): string {
  return `${(seconds * 1000).toFixed(3)} ms`;
}

function offerText(offer: SideOffer | undefined): string {
  if (!offer) return 'not seen';
  const parts = [`mss ${offer.mss ?? 'none'}`];
  if (offer.windowScale !== undefined) parts.push(`wscale ${offer.windowScale}`);
  if (offer.sackPermitted) parts.push('sackOK');
  if (offer.timestamps) parts.push('TS');
  return parts.join(', ');
}

function replyLines(reply: SmtpReply): SmtpLineView[] {
  const last = reply.lines.length - 1;
  return reply.lines.map((text, index) => ({
    side: 'server', time: reply.time, packets: [reply.frame],
    text: `${reply.code}${index === last ? ' ' : '-'}${text}`,
  }));
}

function replyMeaning(reply: SmtpReply): string {
  const enhanced = reply.enhanced ? `; ${reply.enhanced.text}: ${reply.enhanced.meaning}` : '';
  return `${reply.meaning}${enhanced}`;
}

function phaseOf(exchange: SmtpExchange, transactions: { n: number }):
  { kind: SmtpPhaseKind; title: string } {
  if (exchange.kind === 'message') {
    return { kind: 'message', title: `message ${exchange.messageIndex! + 1}` };
  }
  if (exchange.kind === 'auth-response') return { kind: 'auth', title: 'AUTH' };
  if (exchange.kind === 'unsolicited') return { kind: 'other', title: 'unsolicited reply' };
  if (exchange.kind === 'bdat-chunk') {
    return { kind: 'transaction', title: `transaction ${transactions.n}` };
  }
  const verb = exchange.command!.verb;
  if (['EHLO', 'HELO', 'LHLO'].includes(verb)) return { kind: 'ehlo', title: verb };
  if (verb === 'MAIL') transactions.n++;
  if (['MAIL', 'RCPT', 'DATA', 'BDAT'].includes(verb)) {
    return { kind: 'transaction', title: `transaction ${transactions.n}` };
  }
  const named: Record<string, SmtpPhaseKind> = {
    STARTTLS: 'starttls', AUTH: 'auth', RSET: 'reset', QUIT: 'quit',
  };
  if (named[verb]) return { kind: named[verb], title: verb };
  return { kind: 'other', title: 'other commands' };
}

function stepOf(exchange: SmtpExchange, session: SmtpSession, revealed: boolean):
  SmtpStepView {
  const request: SmtpLineView[] = [];
  if (exchange.kind === 'message') {
    const message = session.messages[exchange.messageIndex!];
    const packets = [...new Set([message.firstFrame, message.lastFrame, exchange.frame])];
    request.push({ side: 'client', time: exchange.time, packets,
      text: `[message ${message.number}: ${message.bytes.length} bytes, ended by .CRLF]` });
  } else if (exchange.command) {
    request.push({ side: 'client', time: exchange.command.time,
      packets: [exchange.command.frame], text: exchange.command.line });
  }
  const step: SmtpStepView = { request, reply: [] };
  const reply = exchange.reply;
  if (reply) {
    step.reply = replyLines(reply);
    step.code = reply.code;
    step.meaning = replyMeaning(reply);
  }
  if (exchange.latency !== undefined) step.latency = exchange.latency;
  const secret = exchange.kind === 'auth-response' || exchange.command?.verb === 'AUTH';
  if (secret && !revealed) step.masked = true;
  if (['EHLO', 'LHLO'].includes(exchange.command?.verb ?? '')) {
    step.extensions = session.extensions.map((each) =>
      [each.keyword, ...each.parameters].join(' '));
  }
  return step;
}

function handshakePhase(session: SmtpSession): SmtpPhaseView {
  const facts = session.handshake;
  const phase: SmtpPhaseView = { kind: 'handshake', title: 'TCP handshake', facts: [],
    steps: [] };
  if (facts.synFrame === undefined) {
    phase.facts.push({ text: 'not captured', packets: [] });
    return phase;
  }
  const frames = [facts.synFrame, facts.synAckFrame, facts.ackFrame]
    .filter((frame): frame is number => frame !== undefined);
  const rtt = handshakeRtt(facts);
  phase.facts.push(
    { text: `SYN, SYN/ACK, ACK${rtt === undefined ? '' : `; RTT ${milliseconds(rtt)}`}`,
      packets: frames },
    { text: `client offers: ${offerText(facts.client)}`, packets: [] },
    { text: `server offers: ${offerText(facts.server)}`, packets: [] },
  );
  return phase;
}

function closeFact(side: string, close: SideClose | undefined) {
  if (!close) return { text: `${side}: no FIN or RST seen`, packets: [] };
  return { text: `${side} sent ${close.how.toUpperCase()}`, packets: [close.frame] };
}

function teardownPhase(session: SmtpSession): SmtpPhaseView {
  const facts = [closeFact('client', session.closes.client),
    closeFact('server', session.closes.server)];
  const counts = Object.entries(session.tcpNotes) as Array<[PacketNote, number]>;
  if (counts.length > 0) {
    const list = counts.map(([note, count]) => `${PACKET_NOTE_LABELS[note]}: ${count}`);
    facts.push({ text: `TCP notes: ${list.join(', ')}`, packets: [] });
  }
  return { kind: 'teardown', title: 'teardown', facts, steps: [] };
}

export function encryptionText(session: SmtpSession): string | undefined {
  const encryption = session.encryption;
  if (!encryption) return undefined;
  const how = encryption.how === 'starttls' ? 'after STARTTLS' : 'implicit TLS (port 465)';
  return `encrypted ${how}: ${encryption.clientBytes} bytes from the client, ` +
    `${encryption.serverBytes} from the server; TLS is not decrypted`;
}

/** The annotated dialogue of one session, in phases. */
export function sessionDialogue(session: SmtpSession, revealed: boolean): SmtpDialogue {
  const phases: SmtpPhaseView[] = [handshakePhase(session)];
  const greeting: SmtpPhaseView = { kind: 'greeting', title: 'greeting', facts: [],
    steps: [] };
  if (session.greeting) {
    greeting.steps.push({ request: [], reply: replyLines(session.greeting),
      code: session.greeting.code, meaning: replyMeaning(session.greeting) });
  } else {
    greeting.facts.push({ text: 'not captured', packets: [] });
  }
  phases.push(greeting);

  const count = { n: 0 };
  for (const exchange of session.exchanges) {
    const { kind, title } = phaseOf(exchange, count);
    let phase = phases.at(-1)!;
    if (phase.title !== title) {
      phase = { kind, title, facts: [], steps: [] };
      phases.push(phase);
    }
    phase.steps.push(stepOf(exchange, session, revealed));
  }
  const encryption = encryptionText(session);
  if (encryption) {
    phases.push({ kind: 'encrypted', title: 'encrypted', steps: [],
      facts: [{ text: encryption, packets: session.encryption?.fromFrame === undefined ? []
        : [session.encryption.fromFrame] }] });
  }
  phases.push(teardownPhase(session));
  if (session.notes.length > 0) {
    phases.push({ kind: 'notes', title: 'notes', steps: [],
      facts: session.notes.map((note) => ({ text: note.text, packets: [note.frame] })) });
  }

  return {
    session: sessionItem(session),
    encryption,
    auth: session.auth && { ...session.auth },
    revealed,
    phases,
    messages: session.messages.map(summarizeMessage),
  };
}
