// Names of this machine's network interfaces by ifindex, for Linux cooked v2 captures.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SYS_NET = '/sys/class/net';

/**
 * Reads /sys/class/net/NAME/ifindex for every interface. A cooked v2 header records only
 * the index, and tcpdump names it from the machine it runs on; so do we. Unreadable entries
 * are left out rather than failing the command.
 */
export function readInterfaceNames(root = SYS_NET): Map<number, string> {
  const names = new Map<number, string>();
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return names;
  }
  for (const name of entries) {
    try {
      const index = Number.parseInt(readFileSync(path.join(root, name, 'ifindex'), 'utf8'), 10);
      if (Number.isInteger(index)) names.set(index, name);
    } catch {
      // An interface that vanished between the listing and the read has no name to give.
    }
  }
  return names;
}

/** A lookup that reads /sys only when the first cooked v2 packet asks for a name. */
export function lazyInterfaceNames(): (index: number) => string | undefined {
  let names: Map<number, string> | undefined;
  return (index) => {
    names ??= readInterfaceNames();
    return names.get(index);
  };
}
