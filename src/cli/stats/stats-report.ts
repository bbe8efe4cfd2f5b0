// Writes a CaptureSummary as text: capinfos-like figures, protocols, top conversations.

import { linkTypeLabel } from '../link-type-names';
import type { CaptureSummary, Tally } from './capture-summary';

const TOP_CONVERSATIONS = 10;
const LABEL_WIDTH = 20;

function line(label: string, value: string): string {
  return `${(label + ':').padEnd(LABEL_WIDTH)} ${value}\n`;
}

/** Digits after the point: nine when any interface stamps finer than microseconds. */
function digitsOf(summary: CaptureSummary): number {
  return summary.interfaces.some((i) => i.ticksPerSecond > 1e6) ? 9 : 6;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Local date and time, as capinfos prints them, truncated to `digits` fraction digits. */
function timeText(nanos: bigint, digits: number): string {
  const seconds = nanos / 1_000_000_000n;
  const fraction = nanos % 1_000_000_000n;
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return `${seconds}.${pad(Number(fraction), 9)} (no date)`;
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-` +
    pad(date.getDate(), 2);
  const clock = `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:` +
    pad(date.getSeconds(), 2);
  return `${day} ${clock}.${pad(Number(fraction), 9).slice(0, digits)}`;
}

function durationText(nanos: bigint, digits: number): string {
  const seconds = nanos / 1_000_000_000n;
  const fraction = pad(Number(nanos % 1_000_000_000n), 9).slice(0, digits);
  return `${seconds}.${fraction}`;
}

function interfaceLines(summary: CaptureSummary): string {
  let text = line('Interfaces', String(summary.interfaces.length));
  for (const captureInterface of summary.interfaces) {
    const packets = summary.packetsPerInterface.get(captureInterface.id) ?? 0;
    const resolution = captureInterface.ticksPerSecond === 1e9 ? 'nanoseconds'
      : captureInterface.ticksPerSecond === 1e6 ? 'microseconds'
        : `${captureInterface.ticksPerSecond} ticks/s`;
    text += `  #${captureInterface.id} ${captureInterface.name ?? '(no name)'}: ` +
      `${linkTypeLabel(captureInterface.linkType)}, snaplen ${captureInterface.snapLength}, ` +
      `${resolution}, ${packets} packets\n`;
    if (captureInterface.description) text += `      ${captureInterface.description}\n`;
  }
  return text;
}

interface TreeNode extends Tally {
  children: Map<string, TreeNode>;
}

/** Each path adds to every one of its prefixes, so "eth" counts all Ethernet packets. */
function protocolTree(protocols: Map<string, Tally>): TreeNode {
  const root: TreeNode = { packets: 0, bytes: 0, children: new Map() };
  for (const [path, tally] of protocols) {
    let node = root;
    for (const name of path.split('/')) {
      let child = node.children.get(name);
      if (!child) {
        child = { packets: 0, bytes: 0, children: new Map() };
        node.children.set(name, child);
      }
      child.packets += tally.packets;
      child.bytes += tally.bytes;
      node = child;
    }
  }
  return root;
}

function treeLines(node: TreeNode, depth: number): string {
  const children = [...node.children].sort((a, b) => b[1].packets - a[1].packets);
  let text = '';
  for (const [name, child] of children) {
    const label = `${'  '.repeat(depth + 1)}${name}`;
    text += `${label.padEnd(28)} ${String(child.packets).padStart(10)} packets ` +
      `${String(child.bytes).padStart(12)} bytes\n`;
    text += treeLines(child, depth + 1);
  }
  return text;
}

function conversationLines(summary: CaptureSummary, digits: number): string {
  const conversations = summary.conversations;
  let text = `\nTop conversations (of ${conversations.count}, by bytes):\n`;
  for (const row of conversations.top(TOP_CONVERSATIONS)) {
    const duration = durationText(row.durationNanos, digits);
    text += `  ${row.key.padEnd(60)} ${String(row.packets).padStart(8)} packets ` +
      `${String(row.bytes).padStart(12)} bytes  ${duration} s\n`;
  }
  if (conversations.other.packets > 0) {
    text += `  (conversations past the first ${conversations.count}: ` +
      `${conversations.other.packets} packets, not itemised)\n`;
  }
  return text;
}

export function formatStats(source: string, summary: CaptureSummary): string {
  const digits = digitsOf(summary);
  let text = line('File', source);
  text += line('Format', summary.format ?? 'unknown');
  text += line('Packets', String(summary.packets));
  text += line('Data size', `${summary.wireBytes} bytes (original lengths)`);
  text += line('Captured bytes', String(summary.capturedBytes));
  if (summary.earliest !== undefined && summary.latest !== undefined) {
    text += line('First packet time', timeText(summary.earliest, digits));
    text += line('Last packet time', timeText(summary.latest, digits));
    text += line('Duration', `${durationText(summary.latest - summary.earliest, digits)} seconds`);
  }
  text += line('Strict time order', summary.outOfOrder === 0 ? 'yes'
    : `no (${summary.outOfOrder} ${summary.outOfOrder === 1 ? 'packet' : 'packets'} ` +
      'earlier than the one before)');
  const linkTypes = [...summary.linkTypes]
    .map(([linkType, packets]) => `${linkTypeLabel(linkType)}: ${packets} packets`);
  text += line('Link types', linkTypes.join(', ') || 'none');
  text += interfaceLines(summary);
  text += '\nProtocols:\n' + treeLines(protocolTree(summary.protocols), 0);
  text += conversationLines(summary, digits);
  return text;
}
