// Whether a network interface still exists and is up, read from /sys/class/net.

import { readFileSync } from 'node:fs';

export type InterfaceState = 'up' | 'down' | 'missing' | 'unknown';

const IFF_UP = 0x1;

/** 'unknown' for names that are not network interfaces (any, nflog) or off Linux. */
export function interfaceState(name: string): InterfaceState {
  if (process.platform !== 'linux') return 'unknown';
  if (name.includes('/') || name === '.' || name === '..') return 'unknown';
  let text: string;
  try {
    text = readFileSync(`/sys/class/net/${name}/flags`, 'utf8');
  } catch {
    return name === 'any' ? 'unknown' : 'missing';
  }
  const flags = Number.parseInt(text.trim(), 16);
  if (Number.isNaN(flags)) return 'unknown';
  return (flags & IFF_UP) !== 0 ? 'up' : 'down';
}
