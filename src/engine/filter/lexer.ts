// Splits a filter expression into tokens the way libpcap's scanner does (longest match wins).

import { semanticError, syntaxError } from './filter-error';
import { NUMBER_WORDS, OTHER_WORDS, PROTOCOL_WORDS } from './keywords';

export type TokenKind =
  | 'num' | 'hid' | 'hid6' | 'eid' | 'id' | 'proto' | 'word' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Keyword meaning, operator spelling, or the token's text. */
  readonly text: string;
  /** For `num`: the value. */
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ['>=', '<=', '!=', '==', '<<', '>>', '&&', '||'];
const SINGLE = '+-*/%:[]!<>()&|^=';

const NUMBER = /0[xX][0-9A-Fa-f]+|[0-9]+/y;
const DECIMAL_OR_HEX = '(?:0[xX][0-9A-Fa-f]+|[0-9]+)';
const DOTTED = new RegExp(`${DECIMAL_OR_HEX}(?:\\.${DECIMAL_OR_HEX}){1,3}`, 'y');
const IPV6_CHARS = /[0-9A-Fa-f:.]+/y;
const MAC = new RegExp([
  '[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}',
  '[0-9A-Fa-f]{1,2}(?:-[0-9A-Fa-f]{1,2}){5}',
  '[0-9A-Fa-f]{1,2}(?:\\.[0-9A-Fa-f]{1,2}){5}',
  '[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}',
].join('|'), 'y');
const IDENTIFIER = /[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?/y;
const ESCAPED = /\\[^ !()\n\t]+/y;
const KEYWORD = /[a-z0-9][-a-z0-9]*/y;

function matchLength(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  const found = pattern.exec(text);
  return found ? found[0].length : 0;
}

/** Longest keyword that is a prefix at `at` (keywords are letters, digits and dashes). */
function keywordLength(text: string, at: number): number {
  const run = matchLength(KEYWORD, text, at);
  for (let length = run; length > 0; length--) {
    const word = text.slice(at, at + length);
    if (PROTOCOL_WORDS.has(word) || OTHER_WORDS.has(word) || NUMBER_WORDS.has(word)) {
      return length;
    }
  }
  return 0;
}

function ipv6Length(text: string, at: number): number {
  const run = matchLength(IPV6_CHARS, text, at);
  const candidate = text.slice(at, at + run);
  return candidate.includes(':') && isIpv6Text(candidate) ? run : 0;
}

/** Checks the RFC 4291 text form, with an optional dotted IPv4 tail. */
export function isIpv6Text(text: string): boolean {
  return parseIpv6(text) !== undefined;
}

/** The 16 bytes of an IPv6 address, or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(piece);
        if (!v4) return undefined;
        const bytes = v4.slice(1).map(Number);
        if (bytes.some((b) => b > 255)) return undefined;
        out.push((bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]);
        continue;
      }
      if (!/^[0-9A-Fa-f]{1,4}$/.test(piece)) return undefined;
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/** libpcap's number syntax: decimal, 0x hex, or octal with a leading 0. */
function numberValue(text: string, at: number): number {
  let value: number;
  if (/^0[xX]/.test(text)) value = parseInt(text.slice(2), 16);
  else if (text.length > 1 && text[0] === '0') {
    if (/[89]/.test(text)) throw semanticError(at, `number ${text} contains non-octal digit`);
    value = parseInt(text, 8);
  } else value = parseInt(text, 10);
  if (value > 0xffffffff) throw semanticError(at, `number ${text} overflows 32 bits`);
  return value;
}

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, text: string, start: number, end: number, value = 0): void => {
    tokens.push({ kind, text, value, start, end });
  };

  while (at < expression.length) {
    const c = expression[at];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      at++;
      continue;
    }
    const two = expression.slice(at, at + 2);
    if (OPERATORS.includes(two)) {
      const text = two === '==' ? '=' : two === '&&' ? 'and' : two === '||' ? 'or' : two;
      push(two === '&&' || two === '||' ? 'word' : 'op', text, at, at + 2);
      at += 2;
      continue;
    }
    if (c === '\\') {
      const length = matchLength(ESCAPED, expression, at);
      if (length > 1) {
        push('id', expression.slice(at + 1, at + length), at, at + length);
        at += length;
        continue;
      }
    }
    // `::1` starts with a colon, so an IPv6 address gets its chance before the operator.
    const v6 = c === ':' ? ipv6Length(expression, at) : 0;
    if (v6 > 0) {
      push('hid6', expression.slice(at, at + v6), at, at + v6);
      at += v6;
      continue;
    }
    if (SINGLE.includes(c)) {
      push('op', c === '!' ? 'not' : c, at, at + 1);
      if (c === '!') tokens[tokens.length - 1] = { ...tokens[tokens.length - 1], kind: 'word' };
      at++;
      continue;
    }

    // Every word-like rule competes; the longest wins, ties go to the earlier rule.
    const candidates: Array<[TokenKind | 'keyword', number]> = [
      ['keyword', keywordLength(expression, at)],
      ['num', matchLength(NUMBER, expression, at)],
      ['hid', matchLength(DOTTED, expression, at)],
      ['hid6', ipv6Length(expression, at)],
      ['eid', matchLength(MAC, expression, at)],
      ['id', matchLength(IDENTIFIER, expression, at)],
    ];
    let best: [TokenKind | 'keyword', number] = ['end', 0];
    for (const candidate of candidates) if (candidate[1] > best[1]) best = candidate;
    const [kind, length] = best;
    if (length === 0) throw syntaxError(at);
    const text = expression.slice(at, at + length);
    const end = at + length;
    if (kind === 'keyword') {
      const numeric = NUMBER_WORDS.get(text);
      if (numeric !== undefined) push('num', text, at, end, numeric);
      else if (PROTOCOL_WORDS.has(text)) push('proto', PROTOCOL_WORDS.get(text)!, at, end);
      else push('word', OTHER_WORDS.get(text)!, at, end);
    } else if (kind === 'num') {
      push('num', text, at, end, numberValue(text, at));
    } else {
      push(kind as TokenKind, text, at, end);
    }
    at = end;
  }
  push('end', '', expression.length, expression.length);
  checkSize(tokens);
  return tokens;
}

/** Bounds the parser's recursion: no real filter comes near these. */
const MAX_TOKENS = 4000;
const MAX_DEPTH = 200;

function checkSize(tokens: readonly Token[]): void {
  if (tokens.length > MAX_TOKENS) {
    throw syntaxError(tokens[MAX_TOKENS].start,
      `expression too long: more than ${MAX_TOKENS} words and operators`);
  }
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'op' && (token.text === '(' || token.text === '[')) depth++;
    else if (token.kind === 'op' && (token.text === ')' || token.text === ']')) depth--;
    if (depth > MAX_DEPTH) {
      throw syntaxError(token.start, `expression nested too deeply: more than ${MAX_DEPTH} ` +
        'levels of parentheses');
    }
  }
}
