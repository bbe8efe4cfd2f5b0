// Reads SMTP command lines, reply lines and ESMTP parameters (RFC 5321 4.1, RFC 1869).

import type { EhloExtension, SmtpCommand, SmtpParameter } from './smtp-model';

export interface ReplyLine {
  readonly code: number;
  /** True for `250-`: more lines of the same reply follow. */
  readonly continues: boolean;
  readonly text: string;
}

/** A reply line is three digits, then space, hyphen or nothing. */
export function parseReplyLine(line: string): ReplyLine | undefined {
  const match = /^([2-5][0-9][0-9])([ -]|$)/.exec(line);
  if (!match) return undefined;
  return { code: Number(match[1]), continues: match[2] === '-', text: line.slice(4) };
}

/** `KEYWORD[=VALUE]` words separated by spaces (RFC 5321 4.1.2 Mail-parameters). */
export function parseParameters(text: string): SmtpParameter[] {
  return text.split(' ').filter((word) => word !== '').map((word) => {
    const equals = word.indexOf('=');
    if (equals < 0) return { keyword: word.toUpperCase() };
    return { keyword: word.slice(0, equals).toUpperCase(), value: word.slice(equals + 1) };
  });
}

/**
 * `FROM:<path> params` or `TO:<path> params`. Some clients put a space after the colon;
 * servers accept it, so it is read here too.
 */
function parsePath(argument: string, prefix: string): { address: string; rest: string } {
  const afterPrefix = argument.slice(prefix.length).trimStart();
  if (afterPrefix.startsWith('<')) {
    const close = afterPrefix.indexOf('>');
    if (close >= 0) {
      return { address: afterPrefix.slice(1, close), rest: afterPrefix.slice(close + 1) };
    }
  }
  const space = afterPrefix.indexOf(' ');
  if (space < 0) return { address: afterPrefix, rest: '' };
  return { address: afterPrefix.slice(0, space), rest: afterPrefix.slice(space) };
}

export function parseCommand(line: string, frame: number, time: number): SmtpCommand {
  const space = line.indexOf(' ');
  const verb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const argument = space < 0 ? '' : line.slice(space + 1);
  const base = { verb, argument, line, frame, time };

  const prefix = verb === 'MAIL' ? 'FROM:' : verb === 'RCPT' ? 'TO:' : undefined;
  if (prefix && argument.toUpperCase().startsWith(prefix)) {
    const path = parsePath(argument, prefix);
    return { ...base, address: path.address, parameters: parseParameters(path.rest) };
  }
  return base;
}

/** The EHLO reply's lines after the first: one extension keyword and its parameters each. */
export function parseEhloExtensions(lines: readonly string[]): EhloExtension[] {
  return lines.slice(1).map((line) => {
    const words = line.split(' ').filter((word) => word !== '');
    return { keyword: (words[0] ?? '').toUpperCase(), parameters: words.slice(1) };
  });
}

/** `BDAT <size> [LAST]` (RFC 3030); undefined when the size is not a number. */
export function parseBdat(argument: string): { size: number; last: boolean } | undefined {
  const match = /^([0-9]{1,15})(?: +(LAST))? *$/i.exec(argument);
  if (!match) return undefined;
  return { size: Number(match[1]), last: match[2] !== undefined };
}
