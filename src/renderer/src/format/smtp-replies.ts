// SMTP reply codes in plain words (RFC 5321 section 4.2), for the Info column's tooltip.

const CODES: Record<string, string> = {
  '211': 'system status', '214': 'help message', '220': 'service ready',
  '221': 'service closing the connection', '235': 'authentication succeeded',
  '250': 'requested action done', '251': 'user not local, will forward',
  '252': 'cannot verify the user, will try delivery', '334': 'authentication challenge',
  '354': 'start mail input, end with <CRLF>.<CRLF>', '421': 'service not available, closing',
  '450': 'mailbox unavailable (temporary)', '451': 'local error in processing (temporary)',
  '452': 'insufficient storage (temporary)', '454': 'TLS or authentication temporarily unavailable',
  '500': 'syntax error, command unrecognized', '501': 'syntax error in parameters',
  '502': 'command not implemented', '503': 'bad sequence of commands',
  '504': 'parameter not implemented', '530': 'authentication required',
  '535': 'authentication credentials invalid', '550': 'mailbox unavailable (permanent)',
  '551': 'user not local', '552': 'exceeded storage allocation',
  '553': 'mailbox name not allowed', '554': 'transaction failed',
};

const CLASSES: Record<string, string> = {
  '2': 'success', '3': 'more input expected', '4': 'temporary failure: retry later',
  '5': 'permanent failure',
};

/** The meaning of the first reply code after "SMTP: " in an Info line, or null. */
export function explainSmtpReply(info: string): string | null {
  const match = /SMTP: ([2-5][0-9][0-9])[ -]/.exec(info);
  if (!match) return null;
  const code = match[1];
  const meaning = CODES[code] ?? 'reply';
  return `SMTP ${code}: ${meaning} (${CLASSES[code[0]]})`;
}
