// Lays the benchmark's figures out as a text table for the terminal and a Markdown table.

export interface Figure {
  figure: string;
  ours: string;
  /** Our time in ms, or a ready-made value such as "31.7 B/packet". */
  ourValue: number | string;
  /** Packets the measurement went through, for the packets/s column. */
  packets?: number;
  against?: string;
  theirMs?: number;
  target: string;
  /** Undefined when the figure has no pass mark (context only). */
  met?: boolean;
}

export function formatTime(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatRate(packets: number, ms: number): string {
  const perSecond = packets / (ms / 1000);
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  return `${(perSecond / 1e3).toFixed(0)} k/s`;
}

const HEADINGS = ['figure', 'Tapline', 'time', 'packets/s', 'against', 'time', 'packets/s',
  'ratio', 'target', 'result'];

function cells(row: Figure): string[] {
  const ourMs = typeof row.ourValue === 'number' ? row.ourValue : undefined;
  const rate = (ms?: number) =>
    (ms !== undefined && row.packets ? formatRate(row.packets, ms) : '');
  // Ratio = their time over ours: above 1 means Tapline is faster.
  const ratio = ourMs !== undefined && row.theirMs !== undefined
    ? `${(row.theirMs / ourMs).toFixed(2)}x` : '';
  return [
    row.figure, row.ours, ourMs !== undefined ? formatTime(ourMs) : String(row.ourValue),
    rate(ourMs), row.against ?? '', row.theirMs !== undefined ? formatTime(row.theirMs) : '',
    rate(row.theirMs), ratio, row.target,
    row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
  ];
}

export function textTable(rows: readonly Figure[]): string {
  const table = [HEADINGS, ...rows.map(cells)];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...table.map((line) => line[column].length)));
  return table
    .map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd())
    .join('\n');
}

export function markdownTable(rows: readonly Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const line = (values: string[]) => `| ${values.map(escape).join(' | ')} |`;
  return [line(HEADINGS), line(HEADINGS.map(() => '---')), ...rows.map((row) => line(cells(row)))]
    .join('\n');
}
