// Two network namespaces joined by a veth pair, for captures on a real wire of our own.
// Addresses come only from the documentation ranges 198.51.100.0/24 and 2001:db8::/32.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface VethLab {
  readonly nsA: string;
  readonly nsB: string;
  readonly vethA: string;
  readonly vethB: string;
  readonly addressA4: string;
  readonly addressB4: string;
  readonly addressA6: string;
  readonly addressB6: string;
  /** Words that run a command inside a namespace. */
  inA(): string[];
  inB(): string[];
  /** Runs `ip` with arguments inside namespace A. */
  ipA(...args: string[]): void;
  destroy(): void;
}

const labs = new Set<VethLab>();

// Namespaces outlive a crashed test run; this removes ours even then.
process.once('exit', () => {
  for (const lab of labs) lab.destroy();
});

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function createVethLab(): VethLab {
  const tag = randomBytes(4).toString('hex');
  const nsA = `tapline-a-${tag}`;
  const nsB = `tapline-b-${tag}`;
  // Interface names are limited to 15 characters.
  const vethA = `tpa${tag}`;
  const vethB = `tpb${tag}`;
  const lab: VethLab = {
    nsA, nsB, vethA, vethB,
    addressA4: '198.51.100.1',
    addressB4: '198.51.100.2',
    addressA6: '2001:db8::1',
    addressB6: '2001:db8::2',
    inA: () => ['ip', 'netns', 'exec', nsA],
    inB: () => ['ip', 'netns', 'exec', nsB],
    ipA: (...args) => ip('-n', nsA, ...args),
    destroy() {
      // Deleting a namespace deletes the veth end inside it, and so its peer.
      for (const name of [nsA, nsB]) {
        try {
          ip('netns', 'del', name);
        } catch {
          // Never created, or already gone.
        }
      }
      labs.delete(lab);
    },
  };
  labs.add(lab);

  try {
    ip('netns', 'add', nsA);
    ip('netns', 'add', nsB);
    ip('link', 'add', vethA, 'netns', nsA, 'type', 'veth', 'peer', 'name', vethB,
      'netns', nsB);
    for (const [ns, veth, v4, v6] of [[nsA, vethA, lab.addressA4, lab.addressA6],
      [nsB, vethB, lab.addressB4, lab.addressB6]]) {
      ip('-n', ns, 'addr', 'add', `${v4}/24`, 'dev', veth);
      // nodad: the address is usable at once instead of after duplicate detection.
      ip('-n', ns, '-6', 'addr', 'add', `${v6}/64`, 'dev', veth, 'nodad');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', veth, 'up');
    }
  } catch (error) {
    lab.destroy();
    throw error;
  }
  return lab;
}
