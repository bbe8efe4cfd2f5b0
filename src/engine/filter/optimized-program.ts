// A small model of libpcap's optimizer, used to decide packets too short for some test.
//
// BPF rejects a packet at the first read past the captured bytes, so the answer depends on
// which tests survive optimization: `tcp[1000] = 0 or tcp` keeps no load on a TCP packet.
// The filter is laid out as blocks, one test each, joined as libpcap joins them; then, until
// nothing changes: each edge learns the facts of its dominators (tests every path to it
// passed), jumps over tests those facts decide (libpcap's opt_j, with its rule that a value
// equal to one constant differs from every other), identical blocks merge, and a block whose
// two branches meet is dropped.
//
// Known gap: libpcap's optimizer sometimes goes further (it can move a test ahead of another
// when the accumulator already holds its value, and a later pass may drop code this model
// keeps). On a packet cut short inside a header such filters can still differ; the fuzzer
// sees this in about 1 expression in 500, always on truncated packets.

import type { AtomKey, Cond, PacketContext } from './conditions';

type Atom = Extract<Cond, { kind: 'atom' }>;
type Facts = Map<string, boolean>;

const REJECT = -1;
const ACCEPT = -2;
/** Past this many blocks the model is not built and a fault simply rejects. */
const MAX_BLOCKS = 1024;
const MAX_ROUNDS = 64;

interface Block {
  readonly atom: Atom;
  readonly key: string;
  jt: number;
  jf: number;
}

function keyText(key: AtomKey): string {
  return `${key.value}|${key.op}|${key.k}`;
}

function decided(block: Block, facts: Facts): boolean | undefined {
  const direct = facts.get(block.key);
  if (direct !== undefined || block.atom.key.op !== 'eq') return direct;
  const prefix = `${block.atom.key.value}|eq|`;
  for (const [text, value] of facts) {
    if (value && text.startsWith(prefix) && text !== block.key) return false;
  }
  return undefined;
}

export class OptimizedProgram {
  private readonly blocks: Block[] = [];
  private root: number;
  /**
   * The first block. No edge leads into it, so it is never skipped: when its branches meet,
   * libpcap moves its loads into the block that becomes the root (opt_root), unless the
   * program has become a bare return.
   */
  private readonly first: number;

  private constructor(cond: Cond) {
    this.root = this.layout(cond, ACCEPT, REJECT);
    this.first = this.root;
    for (let round = 0; round < MAX_ROUNDS && this.improve(); round++);
  }

  /** The optimized program, or undefined when the filter is too large to model. */
  static build(cond: Cond): OptimizedProgram | undefined {
    const count = countAtoms(cond);
    return count > MAX_BLOCKS ? undefined : new OptimizedProgram(cond);
  }

  /** Whether the optimizer proves `cond` false for every packet (its tests contradict). */
  static provesFalse(cond: Cond): boolean {
    if (cond.kind === 'false') return true;
    if (cond.kind === 'true' || countAtoms(cond) > MAX_BLOCKS) return false;
    return new OptimizedProgram(cond).root === REJECT;
  }

  /** Runs the program; a test reading past the captured bytes rejects the packet. */
  run(context: PacketContext): boolean {
    if (this.root < 0) return this.root === ACCEPT;
    if (this.first >= 0 && this.first !== this.root) {
      context.fault = false;
      this.blocks[this.first].atom.test(context);
      if (context.fault) return false;
    }
    let at = this.root;
    while (at >= 0) {
      const block = this.blocks[at];
      context.fault = false;
      const result = block.atom.test(context);
      if (context.fault) return false;
      at = result ? block.jt : block.jf;
    }
    return at === ACCEPT;
  }

  /** Blocks for `cond` with its exits wired to `yes` and `no`, as gen_and/gen_or do. */
  private layout(cond: Cond, yes: number, no: number): number {
    switch (cond.kind) {
      case 'true': return yes;
      case 'false': return no;
      case 'atom':
        this.blocks.push({ atom: cond, key: keyText(cond.key), jt: yes, jf: no });
        return this.blocks.length - 1;
      case 'not': return this.layout(cond.operand, no, yes);
      case 'and': return this.layout(cond.left, this.layout(cond.right, yes, no), no);
      case 'or': return this.layout(cond.left, yes, this.layout(cond.right, yes, no));
    }
  }

  /** Blocks reachable from the root, each after all of its predecessors. */
  private order(): number[] {
    const seen = new Set<number>();
    const post: number[] = [];
    const visit = (at: number): void => {
      if (at < 0 || seen.has(at)) return;
      seen.add(at);
      visit(this.blocks[at].jt);
      visit(this.blocks[at].jf);
      post.push(at);
    };
    visit(this.root);
    return post.reverse();
  }

  /** The facts every path to each block establishes. */
  private dominatorFacts(order: number[]): Map<number, Facts> {
    const incoming = new Map<number, Facts[]>();
    const result = new Map<number, Facts>();
    for (const at of order) {
      const sources = incoming.get(at);
      let facts: Facts;
      if (at === this.root || !sources) facts = new Map();
      else {
        facts = new Map(sources[0]);
        for (const other of sources.slice(1)) {
          for (const [k, v] of facts) if (other.get(k) !== v) facts.delete(k);
        }
      }
      result.set(at, facts);
      const block = this.blocks[at];
      for (const [target, value] of [[block.jt, true], [block.jf, false]] as const) {
        if (target < 0) continue;
        const edge = new Map(facts).set(block.key, value);
        if (!incoming.has(target)) incoming.set(target, []);
        incoming.get(target)!.push(edge);
      }
    }
    return result;
  }

  private thread(target: number, facts: Facts): number {
    while (target >= 0) {
      const value = decided(this.blocks[target], facts);
      if (value === undefined) break;
      target = value ? this.blocks[target].jt : this.blocks[target].jf;
    }
    return target;
  }

  /** One round of threading, merging and dropping; true when something changed. */
  private improve(): boolean {
    let changed = false;
    const order = this.order();
    const facts = this.dominatorFacts(order);
    for (const at of order) {
      const block = this.blocks[at];
      const known = facts.get(at)!;
      const jt = this.thread(block.jt, new Map(known).set(block.key, true));
      const jf = this.thread(block.jf, new Map(known).set(block.key, false));
      if (jt !== block.jt || jf !== block.jf) changed = true;
      block.jt = jt;
      block.jf = jf;
    }

    // Identical blocks become one; a block whose branches meet is skipped.
    const canonical = new Map<string, number>();
    const replace = new Map<number, number>();
    const resolve = (at: number): number => {
      while (replace.has(at)) at = replace.get(at)!;
      return at;
    };
    for (const at of [...this.order()].reverse()) {
      const block = this.blocks[at];
      block.jt = resolve(block.jt);
      block.jf = resolve(block.jf);
      if (block.jt === block.jf) {
        replace.set(at, block.jt);
        changed = true;
        continue;
      }
      const signature = `${block.key}/${block.jt}/${block.jf}`;
      const same = canonical.get(signature);
      if (same !== undefined && same !== at) {
        replace.set(at, same);
        changed = true;
      } else canonical.set(signature, at);
    }
    this.root = resolve(this.root);
    return changed;
  }
}

function countAtoms(cond: Cond): number {
  switch (cond.kind) {
    case 'atom': return 1;
    case 'not': return countAtoms(cond.operand);
    case 'and':
    case 'or': return countAtoms(cond.left) + countAtoms(cond.right);
    default: return 0;
  }
}
