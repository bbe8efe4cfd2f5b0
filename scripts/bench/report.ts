// Lays the benchmark's figures out as a text table for the terminal and a Markdown table.

import type { Sample } from './probes/probe-io';

export interface Figure {
  figure: string;
  ours: string;
  /** Our times, or instead a ready-made value such as "31.7 B/packet". */
  our: Sample | string;
  /** Packets the measurement went through, for the packets/s column. */
  packets?: number;
  against?: string;
  their?: Sample;
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

const HEADINGS = ['figure', 'Tapline', 'wall', 'cpu', 'pkt/s cpu', 'against', 'wall', 'cpu',
  'pkt/s cpu', 'ratio cpu (wall)', 'target', 'result'];

function cells(row: Figure): string[] {
  const our = typeof row.our === 'string' ? undefined : row.our;
  const rate = (sample?: Sample) =>
    (sample && row.packets ? formatRate(row.packets, sample.cpuMs) : '');
  // Ratio = their time over ours: above 1 means Tapline is faster.
  const ratio = our && row.their
    ? `${(row.their.cpuMs / our.cpuMs).toFixed(2)}x (${(row.their.ms / our.ms).toFixed(2)}x)`
    : '';
  return [
    row.figure, row.ours, our ? formatTime(our.ms) : String(row.our),
    our ? formatTime(our.cpuMs) : '', rate(our), row.against ?? '',
    row.their ? formatTime(row.their.ms) : '', row.their ? formatTime(row.their.cpuMs) : '',
    rate(row.their), ratio, row.target,
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

/** A Markdown list item, wrapped so that the document keeps to its line width. */
export function markdownItem(text: string, width = 96): string {
  const lines: string[] = [];
  let line = '-';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > width && line.trim() !== '-') {
      lines.push(line);
      line = ' ';
    }
    line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}

export function markdownTable(rows: readonly Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const line = (values: string[]) => `| ${values.map(escape).join(' | ')} |`;
  return [line(HEADINGS), line(HEADINGS.map(() => '---')), ...rows.map((row) => line(cells(row)))]
    .join('\n');
}
