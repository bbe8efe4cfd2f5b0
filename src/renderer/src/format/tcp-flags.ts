// What the letters in tcpdump's "Flags [...]" mean (RFC 9293 section 3.1, RFC 3168 for E and W).

const MEANINGS: Record<string, string> = {
  S: 'S = SYN: opens a connection and sets the first sequence number',
  F: 'F = FIN: the sender has no more data to send',
  P: 'P = PSH: deliver the data to the application without waiting',
  R: 'R = RST: the connection is refused or aborted at once',
  U: 'U = URG: the urgent pointer field is in use',
  W: 'W = CWR: the sender reduced its congestion window (ECN)',
  E: 'E = ECE: ECN echo, congestion was seen on the path, or ECN offered on SYN',
  '.': '. = ACK: the acknowledgment number is valid',
};

/** One line per flag found in the first "Flags [..]" of an Info line, or null. */
export function explainTcpFlags(info: string): string | null {
  const match = /Flags \[([^\]]*)\]/.exec(info);
  if (!match) return null;
  const letters = match[1] === 'none' ? [] : [...new Set(match[1])];
  const lines = letters.map((letter) => MEANINGS[letter]).filter(Boolean);
  if (lines.length === 0) return 'Flags [none]: no flag set';
  return `Flags [${match[1]}]\n${lines.join('\n')}`;
}
