// Plain-words meanings of SMTP reply codes (RFC 5321 4.2) and enhanced codes (RFC 3463).

const REPLY_MEANINGS: Readonly<Record<number, string>> = {
  211: 'system status',
  214: 'help text',
  220: 'service ready',
  221: 'closing the connection',
  235: 'authentication succeeded',
  250: 'done',
  251: 'user not local, will forward',
  252: 'cannot verify the user, will try delivery',
  334: 'authentication challenge: send the next part',
  354: 'go ahead: send the message, end it with a line holding a single dot',
  421: 'service not available, closing the connection',
  450: 'mailbox unavailable for now (busy or blocked): try again later',
  451: 'aborted by a local error: try again later',
  452: 'not enough storage on the server for now',
  454: 'authentication or TLS temporarily failed',
  455: 'server cannot accept these parameters now',
  500: 'command not recognised',
  501: 'syntax error in the arguments',
  502: 'command not implemented',
  503: 'commands in the wrong order',
  504: 'parameter not implemented',
  521: 'this host accepts no mail',
  530: 'authentication required',
  534: 'authentication mechanism too weak',
  535: 'authentication failed: wrong credentials',
  538: 'encryption required for this authentication mechanism',
  550: 'mailbox unavailable or refused: the message was not accepted for it',
  551: 'user not local',
  552: 'storage limit exceeded',
  553: 'mailbox name not allowed',
  554: 'transaction failed',
  555: 'MAIL or RCPT parameters not recognised',
  556: 'the domain accepts no mail',
};

const CLASS_MEANINGS: Readonly<Record<number, string>> = {
  2: 'success',
  3: 'waiting for more from the client',
  4: 'temporary failure: the client may retry',
  5: 'permanent failure',
};

export function replyMeaning(code: number): string {
  return REPLY_MEANINGS[code] ?? CLASS_MEANINGS[Math.floor(code / 100)] ?? 'unknown reply code';
}

/** RFC 3463 subject.detail pairs that servers commonly send. */
const DETAIL_MEANINGS: Readonly<Record<string, string>> = {
  '0.0': 'no further detail',
  '1.0': 'other address status',
  '1.1': 'no such mailbox',
  '1.2': 'no such destination system',
  '1.3': 'bad mailbox address syntax',
  '1.5': 'destination address valid',
  '1.6': 'mailbox has moved',
  '1.7': 'bad sender address syntax',
  '1.8': 'bad sender system address',
  '2.0': 'other mailbox status',
  '2.1': 'mailbox disabled',
  '2.2': 'mailbox full',
  '2.3': 'message longer than the mailbox allows',
  '3.0': 'other mail system status',
  '3.4': 'message too big for the system',
  '4.0': 'other network or routing status',
  '4.7': 'delivery time expired',
  '5.0': 'other protocol status',
  '5.1': 'invalid command',
  '5.2': 'syntax error',
  '5.3': 'too many recipients',
  '5.4': 'invalid command arguments',
  '6.0': 'other message content status',
  '7.0': 'other security or policy status',
  '7.1': 'delivery not authorised, message refused',
  '7.8': 'authentication credentials invalid',
};

const SUBJECT_MEANINGS: Readonly<Record<string, string>> = {
  '0': 'other', '1': 'addressing', '2': 'mailbox', '3': 'mail system',
  '4': 'network and routing', '5': 'mail delivery protocol', '6': 'message content',
  '7': 'security or policy',
};

export function enhancedMeaning(status: string): string {
  const [klass, subject, detail] = status.split('.');
  const outcome = CLASS_MEANINGS[Number(klass)] ?? 'unknown class';
  const what = DETAIL_MEANINGS[`${subject}.${detail}`] ??
    `${SUBJECT_MEANINGS[subject] ?? 'unknown'} status`;
  return `${outcome}: ${what}`;
}
