// Test helper: tshark as the oracle for SMTP streams and their bytes, run in UTC.

import { spawnSync } from 'node:child_process';

export function tshark(args: string[]): string {
  const run = spawnSync('tshark', args, { env: { ...process.env, TZ: 'UTC' },
    encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw run.error;
  return run.stdout;
}

/** tshark's tcp.stream of every frame (index = frame - 1); NaN where the frame is not TCP. */
export function tsharkStreams(file: string): number[] {
  return tshark(['-r', file, '-T', 'fields', '-e', 'tcp.stream']).split('\n')
    .slice(0, -1).map((field) => (field === '' ? NaN : Number(field)));
}

/** The streams tshark's SMTP dissector found any SMTP in. */
export function tsharkSmtpStreams(file: string): number[] {
  const fields = tshark(['-r', file, '-Y', 'smtp', '-T', 'fields', '-e', 'tcp.stream']);
  return [...new Set(fields.split('\n').filter(Boolean).map(Number))].sort((a, b) => a - b);
}

/** `tshark -z follow,tcp,ascii,N`: the chunks, server ones indented by a tab. */
export function tsharkFollow(file: string, stream: number) {
  const out = tshark(['-r', file, '-q', '-z', `follow,tcp,ascii,${stream}`]);
  const lines = out.split('\n');
  const nodes = lines.filter((line) => line.startsWith('Node '))
    .map((line) => line.replace(/^Node \d: /, ''));
  const chunks: Array<{ from: string; length: number; text: string }> = [];
  let at = lines.findIndex((line) => line.startsWith('Node 1:')) + 1;
  while (at < lines.length && !lines[at].startsWith('=====')) {
    // Data ending in a newline is followed by the newline tshark adds after each chunk.
    if (lines[at] === '') {
      at++;
      continue;
    }
    const header = /^(\t?)(\d+)$/.exec(lines[at]);
    if (!header) break;
    const length = Number(header[2]);
    // The text is `length` bytes, each shown as one char, then a newline tshark adds.
    let text = '';
    at++;
    while (text.length < length && at < lines.length) text += `${lines[at++]}\n`;
    chunks.push({ from: header[1] ? nodes[1] : nodes[0], length,
      text: text.slice(0, length) });
  }
  return chunks;
}
