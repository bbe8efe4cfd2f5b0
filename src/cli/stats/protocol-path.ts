// The protocol paths of `tapline stats` ("eth/ipv4/tcp") as a tree walked once per packet,
// so that a packet finds its path's tally without building the path's text.

import type { Tally } from './tally';

export class ProtocolNode {
  private readonly children = new Map<string, ProtocolNode>();
  // The child asked for last: consecutive packets mostly take the same way down.
  private lastName?: string;
  private lastChild?: ProtocolNode;
  /** Set once a packet's path ends here; the same object the summary's map holds. */
  tally?: Tally;

  /** `path` is the names from the root down, joined by "/" ("" for the root). */
  constructor(readonly path: string) {}

  child(name: string): ProtocolNode {
    if (name === this.lastName) return this.lastChild!;
    let node = this.children.get(name);
    if (!node) {
      node = new ProtocolNode(this.path === '' ? name : `${this.path}/${name}`);
      this.children.set(name, node);
    }
    this.lastName = name;
    this.lastChild = node;
    return node;
  }
}

/**
 * Names made from a number ("ip-proto-132"), made once per number: a capture full of one
 * unusual protocol must not build the same text for every packet.
 */
export class NumberedNames {
  private readonly names = new Map<number, string>();

  constructor(private readonly make: (value: number) => string) {}

  of(value: number): string {
    let name = this.names.get(value);
    if (name === undefined) {
      name = this.make(value);
      this.names.set(value, name);
    }
    return name;
  }
}
