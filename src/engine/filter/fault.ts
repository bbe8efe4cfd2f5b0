// What a filter answers when one of its reads fell past the captured bytes.
//
// BPF rejects a packet at the first out-of-bounds load. But tcpdump runs libpcap's optimizer
// first, and it deletes a test whose true and false branches lead to the same place given
// what the tests dominating it established (`tcp[1000] = 0 or tcp` loses its load on a TCP
// packet). This slow path, taken only after a fault, replays the evaluation test by test,
// keeping only facts that hold on every path to the current test (as dominators do), and
// skips a faulting test exactly when both of its outcomes leave the same program.

import type { AtomKey, Cond, PacketContext } from './conditions';
import { and, FALSE, not, or, TRUE } from './conditions';

type Atom = Extract<Cond, { kind: 'atom' }>;

/** Test results known at a point: key text to outcome. `undefined` stands for unreachable. */
type Facts = ReadonlyMap<string, boolean>;

function keyText(key: AtomKey): string {
  return `${key.value}|${key.op}|${key.k}`;
}

function known(key: AtomKey, facts: Facts): boolean | undefined {
  const direct = facts.get(keyText(key));
  if (direct !== undefined || key.op !== 'eq') return direct;
  // A value known equal to one constant is unequal to every other (libpcap's fold_edge).
  const prefix = `${key.value}|eq|`;
  for (const [text, value] of facts) {
    if (value && text.startsWith(prefix) && text !== keyText(key)) return false;
  }
  return undefined;
}

function simplify(cond: Cond, facts: Facts): Cond {
  switch (cond.kind) {
    case 'true':
    case 'false':
      return cond;
    case 'atom': {
      const value = known(cond.key, facts);
      return value === undefined ? cond : value ? TRUE : FALSE;
    }
    case 'not': return not(simplify(cond.operand, facts));
    case 'and': {
      const left = simplify(cond.left, facts);
      return left.kind === 'false' ? FALSE : and(left, simplify(cond.right, facts));
    }
    case 'or': {
      const left = simplify(cond.left, facts);
      return left.kind === 'true' ? TRUE : or(left, simplify(cond.right, facts));
    }
  }
}

function intersect(a: Facts | undefined, b: Facts | undefined): Facts | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Map([...a].filter(([k, v]) => b.get(k) === v));
}

/** Limits the path analysis, which is exponential in nesting depth, to a fixed cost. */
let budget = 0;

/**
 * The facts that hold on every path by which `cond` yields `value`, starting from `context`,
 * or undefined when no path can (the facts contradict it).
 */
function implied(cond: Cond, value: boolean, context: Facts): Facts | undefined {
  if (--budget < 0) return context;
  switch (cond.kind) {
    case 'true': return value ? context : undefined;
    case 'false': return value ? undefined : context;
    case 'atom': {
      const decided = known(cond.key, context);
      if (decided !== undefined) return decided === value ? context : undefined;
      return new Map(context).set(keyText(cond.key), value);
    }
    case 'not': return implied(cond.operand, !value, context);
    case 'and': {
      const leftTrue = implied(cond.left, true, context);
      if (value) return leftTrue && implied(cond.right, true, leftTrue);
      const viaRight = leftTrue && implied(cond.right, false, leftTrue);
      return intersect(implied(cond.left, false, context), viaRight);
    }
    case 'or': {
      const leftFalse = implied(cond.left, false, context);
      if (!value) return leftFalse && implied(cond.right, false, leftFalse);
      const viaRight = leftFalse && implied(cond.right, true, leftFalse);
      return intersect(implied(cond.left, true, context), viaRight);
    }
  }
}

function withFact(facts: Facts, atom: Atom, value: boolean): Facts {
  return new Map(facts).set(keyText(atom.key), value);
}

/** Facts after leaving `cond` with `value`: a join point keeps only what all paths share. */
function afterJoin(cond: Cond, entry: Facts, value: boolean): Facts {
  budget = 20_000;
  return implied(cond, value, entry) ?? entry;
}

function sameShape(a: Cond, b: Cond): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'true':
    case 'false': return true;
    case 'atom': return keyText(a.key) === keyText((b as Atom).key);
    case 'not': return sameShape(a.operand, (b as typeof a).operand);
    default: {
      const other = b as typeof a;
      return sameShape(a.left, other.left) && sameShape(a.right, other.right);
    }
  }
}

/** What still has to run once the current test has answered. */
type Frame = { readonly kind: 'not' } | { readonly kind: 'and' | 'or'; readonly right: Cond };

function continuation(frames: readonly Frame[], value: Cond): Cond {
  let rest = value;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    rest = frame.kind === 'not' ? not(rest)
      : frame.kind === 'and' ? and(rest, frame.right) : or(rest, frame.right);
  }
  return rest;
}

type Outcome =
  | { readonly value: boolean; readonly out: Facts }
  | { readonly restart: Cond; readonly facts: Facts }
  | 'reject';

function evaluate(cond: Cond, facts: Facts, frames: Frame[], c: PacketContext): Outcome {
  switch (cond.kind) {
    case 'true':
    case 'false':
      return { value: cond.kind === 'true', out: facts };
    case 'atom': {
      const decided = known(cond.key, facts);
      if (decided !== undefined) return { value: decided, out: facts };
      c.fault = false;
      const result = cond.test(c);
      if (!c.fault) return { value: result, out: withFact(facts, cond, result) };
      const ifTrue = simplify(continuation(frames, TRUE), withFact(facts, cond, true));
      const ifFalse = simplify(continuation(frames, FALSE), withFact(facts, cond, false));
      return sameShape(ifTrue, ifFalse) ? { restart: ifTrue, facts } : 'reject';
    }
    case 'not': {
      const inner = evaluate(cond.operand, facts, [...frames, { kind: 'not' }], c);
      if (inner === 'reject' || 'restart' in inner) return inner;
      return { value: !inner.value, out: inner.out };
    }
    case 'and':
    case 'or': {
      const left = evaluate(cond.left, facts, [...frames, { kind: cond.kind, right: cond.right }],
        c);
      if (left === 'reject' || 'restart' in left) return left;
      const decided = cond.kind === 'and' ? !left.value : left.value;
      if (decided) return { value: left.value, out: afterJoin(cond, facts, left.value) };
      const right = evaluate(cond.right, left.out, frames, c);
      if (right === 'reject' || 'restart' in right) return right;
      return { value: right.value, out: afterJoin(cond, facts, right.value) };
    }
  }
}

/** Replays `cond` after the fast path hit a fault; false means the packet is rejected. */
export function settleFault(cond: Cond, context: PacketContext): boolean {
  let program = cond;
  let facts: Facts = new Map();
  // Every restart drops at least the faulting test, so this ends.
  for (;;) {
    const outcome = evaluate(simplify(program, facts), facts, [], context);
    if (outcome === 'reject') return false;
    if ('value' in outcome) return outcome.value;
    program = outcome.restart;
    facts = outcome.facts;
  }
}
