// The boolean form a filter compiles to for one link type: tests on packet bytes joined by
// and/or/not, each test keyed so that identical tests are recognised as the same.

/** The packet being tested. One per compiled filter, refilled for every packet. */
export interface PacketContext {
  view: DataView;
  /** Offset in `view` of the first captured byte. */
  base: number;
  /** Captured bytes. A read past them makes libpcap's whole filter reject the packet. */
  caplen: number;
  /** Original length on the wire (what `len`, `less`, `greater` see). */
  wirelen: number;
  /** Set when a read went past the captured bytes or a division by zero happened. */
  fault: boolean;
}

export type Test = (c: PacketContext) => boolean;
export type ValueFn = (c: PacketContext) => number;

/** How libpcap's optimizer would see a test: a value, a comparison, a constant. */
export interface AtomKey {
  readonly value: string;
  readonly op: 'eq' | 'gt' | 'ge' | 'set';
  readonly k: number;
}

export type Cond =
  | { readonly kind: 'true' | 'false' }
  | { readonly kind: 'atom'; readonly key: AtomKey; readonly test: Test }
  | { readonly kind: 'and' | 'or'; readonly left: Cond; readonly right: Cond }
  | { readonly kind: 'not'; readonly operand: Cond };

export const TRUE: Cond = { kind: 'true' };
export const FALSE: Cond = { kind: 'false' };

/**
 * Conjunction. A constant operand decides or disappears, as libpcap's optimizer makes it do:
 * it drops tests whose outcome cannot change the result.
 */
export function and(left: Cond, right: Cond): Cond {
  if (left.kind === 'false' || right.kind === 'false') return FALSE;
  if (left.kind === 'true') return right;
  if (right.kind === 'true') return left;
  return { kind: 'and', left, right };
}

export function or(left: Cond, right: Cond): Cond {
  if (left.kind === 'true' || right.kind === 'true') return TRUE;
  if (left.kind === 'false') return right;
  if (right.kind === 'false') return left;
  return { kind: 'or', left, right };
}

export function not(operand: Cond): Cond {
  if (operand.kind === 'true') return FALSE;
  if (operand.kind === 'false') return TRUE;
  return { kind: 'not', operand };
}

export function allOf(conds: readonly Cond[]): Cond {
  return conds.reduce((acc, c) => and(acc, c), TRUE);
}

// ---- reads: each marks a fault and yields 0 past the captured bytes

function fault(c: PacketContext): boolean {
  c.fault = true;
  return false;
}

export function readByte(c: PacketContext, offset: number): number {
  if (offset + 1 > c.caplen) {
    c.fault = true;
    return 0;
  }
  return c.view.getUint8(c.base + offset);
}

export function readHalf(c: PacketContext, offset: number): number {
  if (offset + 2 > c.caplen) {
    c.fault = true;
    return 0;
  }
  return c.view.getUint16(c.base + offset);
}

export function readWord(c: PacketContext, offset: number): number {
  if (offset + 4 > c.caplen) {
    c.fault = true;
    return 0;
  }
  return c.view.getUint32(c.base + offset);
}

export function reader(size: 1 | 2 | 4): (c: PacketContext, offset: number) => number {
  return size === 1 ? readByte : size === 2 ? readHalf : readWord;
}

function sizeMask(size: 1 | 2 | 4): number {
  return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
}

/** `(value & mask) == k` on bytes at a fixed offset. */
export function compareAt(offset: number, size: 1 | 2 | 4, k: number,
  mask = 0xffffffff): Cond {
  // Masked to nothing, the value is a constant: the optimizer drops the load.
  if (((mask >>> 0) & sizeMask(size)) === 0) return k === 0 ? TRUE : FALSE;
  const full = mask === 0xffffffff || (size === 1 && mask === 0xff) ||
    (size === 2 && mask === 0xffff);
  const value = `${size}@${offset}` + (full ? '' : `&${mask >>> 0}`);
  const end = offset + size;
  let test: Test;
  // One closure per size and mask form keeps the per-packet path monomorphic.
  if (size === 1) {
    test = full
      ? (c) => end <= c.caplen ? c.view.getUint8(c.base + offset) === k : fault(c)
      : (c) => end <= c.caplen ? (c.view.getUint8(c.base + offset) & mask) === k : fault(c);
  } else if (size === 2) {
    test = full
      ? (c) => end <= c.caplen ? c.view.getUint16(c.base + offset) === k : fault(c)
      : (c) => end <= c.caplen ? (c.view.getUint16(c.base + offset) & mask) === k : fault(c);
  } else {
    test = full
      ? (c) => end <= c.caplen ? c.view.getUint32(c.base + offset) === k : fault(c)
      : (c) => end <= c.caplen
        ? ((c.view.getUint32(c.base + offset) & mask) >>> 0) === k : fault(c);
  }
  return { kind: 'atom', key: { value, op: 'eq', k }, test };
}

/** Closure form of a condition: short-circuit evaluation in libpcap's order. */
export function toTest(cond: Cond): Test {
  switch (cond.kind) {
    case 'true': return () => true;
    case 'false': return () => false;
    case 'atom': return cond.test;
    case 'not': {
      const inner = toTest(cond.operand);
      return (c) => !inner(c);
    }
    case 'and': {
      const l = toTest(cond.left);
      const r = toTest(cond.right);
      return (c) => l(c) && r(c);
    }
    case 'or': {
      const l = toTest(cond.left);
      const r = toTest(cond.right);
      return (c) => l(c) || r(c);
    }
  }
}
