// What the filter bar offers for the word being typed: hosts after `host`, ports after
// `port`, keywords elsewhere, and past expressions that begin with the whole text.

import type { FrequentEndpoints } from '../../../../shared/endpoints-api';

export const KEYWORDS = ['host', 'net', 'port', 'portrange', 'src', 'dst', 'ether', 'ip',
  'ip6', 'arp', 'tcp', 'udp', 'icmp', 'icmp6', 'vlan', 'len', 'less', 'greater', 'and', 'or',
  'not', 'proto', 'broadcast', 'multicast', 'gateway', 'mask'];
/** Byte-offset tests whose syntax is hard to remember, offered as their first word is typed. */
const EXAMPLES = ['tcp[tcpflags] & (tcp-syn|tcp-fin) != 0', 'icmp[icmptype] = icmp-echo'];

/** After these words libpcap expects an address (`src`/`dst` also take a keyword). */
const BEFORE_HOST = new Set(['host', 'net', 'src', 'dst']);
const BEFORE_KEYWORD = new Set(['src', 'dst']);
const AFTER_DIRECTION = ['host', 'net', 'port', 'portrange'];
const MAX_SUGGESTIONS = 12;
const MAX_HISTORY = 4;

export interface Suggestion {
  /** What the list shows. */
  label: string;
  /** A note beside it: how many packets carry a host or port, or where it comes from. */
  note: string;
  /** The whole bar's text once the suggestion is taken. */
  text: string;
}

/** The word under completion runs back to a space, a parenthesis or `!`. */
export function currentWord(text: string): { head: string; word: string } {
  const word = /[^\s()!]*$/.exec(text)?.[0] ?? '';
  return { head: text.slice(0, text.length - word.length), word };
}

export function suggestions(text: string, endpoints: FrequentEndpoints | null,
  history: readonly string[]): Suggestion[] {
  const found: Suggestion[] = [];
  if (text.trim() !== '') {
    for (const entry of history) {
      if (found.length === MAX_HISTORY) break;
      if (entry !== text && entry.startsWith(text)) {
        found.push({ label: entry, note: 'history', text: entry });
      }
    }
  } else {
    return history.slice(0, MAX_SUGGESTIONS).map((entry) =>
      ({ label: entry, note: 'history', text: entry }));
  }

  const { head, word } = currentWord(text);
  const words = head.toLowerCase().split(/[\s()!]+/).filter(Boolean);
  const previous = words.at(-1) ?? '';
  // `ether host`, `ether src`: a link-layer address, which the capture's list does not hold.
  const linkLayer = words.at(-2) === 'ether' || (words.at(-3) === 'ether' &&
    BEFORE_KEYWORD.has(words.at(-2) ?? ''));
  const typed = word.toLowerCase();
  const take = (label: string, note: string) => {
    if (found.length < MAX_SUGGESTIONS && label !== typed && label.startsWith(typed)) {
      found.push({ label, note, text: `${head}${label} ` });
    }
  };
  if (BEFORE_KEYWORD.has(previous)) AFTER_DIRECTION.forEach((k) => take(k, 'keyword'));
  if (BEFORE_HOST.has(previous)) {
    if (linkLayer) return found;
    for (const host of endpoints?.hosts ?? []) take(host.address, packetsNote(host.packets));
  } else if (previous === 'port') {
    for (const port of endpoints?.ports ?? []) take(String(port.port), packetsNote(port.packets));
  } else if (typed !== '') {
    KEYWORDS.forEach((k) => take(k, 'keyword'));
    EXAMPLES.forEach((example) => take(example, 'example'));
  }
  return found;
}

function packetsNote(packets: number): string {
  return `${packets.toLocaleString('en-US')} packet${packets === 1 ? '' : 's'}`;
}
