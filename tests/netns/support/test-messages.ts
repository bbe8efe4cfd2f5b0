// The two messages the lossy SMTP test sends, and the DATA files swaks is given for them.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CRLF = '\r\n';

/** Deterministic filler (a small LCG), so a failing run can be replayed byte for byte. */
function base64Lines(count: number, seed: number): string[] {
  const lines: string[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    let line = '';
    for (let j = 0; j < 76; j++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      line += BASE64[state >> 25];
    }
    lines.push(line);
  }
  return lines;
}

function headers(subject: string, id: string, extra: string[] = []): string[] {
  return [
    'From: Alice <alice@example.com>',
    'To: Bob <bob@example.net>',
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.com>`,
    'Date: Thu, 03 Dec 2026 20:00:00 +0000',
    'MIME-Version: 1.0',
    ...extra,
  ];
}

/** About 200 KB: a text part and a base64 attachment, many full-sized segments. */
export function largeMessage(): Uint8Array {
  const lines = [
    ...headers('lossy link, large attachment', 'lossy-large',
      ['Content-Type: multipart/mixed; boundary="b1"']),
    '',
    '--b1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'The attachment below crossed a link that drops, reorders and duplicates frames.',
    '',
    '--b1',
    'Content-Type: application/octet-stream; name="filler.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(2600, 20261203),
    '--b1--',
  ];
  return new TextEncoder().encode(lines.join(CRLF) + CRLF);
}

/** Lines that begin with a period travel dot-stuffed (RFC 5321 4.5.2). */
export function dotStuffedMessage(): Uint8Array {
  const lines = [
    ...headers('lines that start with a dot', 'lossy-dots'),
    '',
    'Five lines below begin with a period.',
    '.',
    '..',
    '.hidden line',
    '... three dots',
    '.',
    'And the last line ends the message.',
  ];
  return new TextEncoder().encode(lines.join(CRLF) + CRLF);
}

/**
 * What swaks sends with `--no-data-fixup --data @file`: the file as it is, then CRLF.
 * So the file holds the message dot-stuffed and a final "." with no line end.
 */
export function swaksDataFile(message: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(message);
  if (!text.endsWith(CRLF)) throw new Error('a message must end with CRLF');
  const stuffed = text.split(CRLF).slice(0, -1)
    .map((line) => (line.startsWith('.') ? `.${line}` : line));
  return stuffed.join(CRLF) + CRLF + '.';
}
