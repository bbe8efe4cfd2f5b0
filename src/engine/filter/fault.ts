// What a filter answers when one of its reads fell past the captured bytes.
//
// BPF rejects a packet at the first out-of-bounds load. But tcpdump runs libpcap's optimizer
// first, and it deletes a test whose true and false branches lead to the same place, given
// what earlier tests on the path already established (`tcp[1000] = 0 or tcp` loses its load
// on a TCP packet). This slow path, taken only after a fault, replays the evaluation one test
// at a time and skips a faulting test in exactly that situation.

import type { AtomKey, Cond, PacketContext } from './conditions';
import { and, FALSE, not, or, TRUE } from './conditions';

type Facts = Map<string, boolean>;
type Atom = Extract<Cond, { kind: 'atom' }>;

function keyText(key: AtomKey): string {
  return `${key.value}|${key.op}|${key.k}`;
}

/** What the facts say about a test, as the optimizer's edge folding would conclude it. */
function known(key: AtomKey, facts: Facts, equalities: Map<string, number>): boolean | undefined {
  const direct = facts.get(keyText(key));
  if (direct !== undefined) return direct;
  // A value known equal to one constant is unequal to every other.
  const equal = equalities.get(key.value);
  if (key.op === 'eq' && equal !== undefined && equal !== key.k) return false;
  return undefined;
}

function simplify(cond: Cond, facts: Facts, equalities: Map<string, number>): Cond {
  switch (cond.kind) {
    case 'true':
    case 'false':
      return cond;
    case 'atom': {
      const value = known(cond.key, facts, equalities);
      return value === undefined ? cond : value ? TRUE : FALSE;
    }
    case 'not': return not(simplify(cond.operand, facts, equalities));
    case 'and': {
      const left = simplify(cond.left, facts, equalities);
      if (left.kind === 'false') return FALSE;
      return and(left, simplify(cond.right, facts, equalities));
    }
    case 'or': {
      const left = simplify(cond.left, facts, equalities);
      if (left.kind === 'true') return TRUE;
      return or(left, simplify(cond.right, facts, equalities));
    }
  }
}

/** The next test short-circuit evaluation would run. */
function firstAtom(cond: Cond): Atom | undefined {
  switch (cond.kind) {
    case 'atom': return cond;
    case 'not': return firstAtom(cond.operand);
    case 'and':
    case 'or': return firstAtom(cond.left);
    default: return undefined;
  }
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

function learn(atom: Atom, result: boolean, facts: Facts,
  equalities: Map<string, number>): void {
  facts.set(keyText(atom.key), result);
  if (result && atom.key.op === 'eq') equalities.set(atom.key.value, atom.key.k);
}

/** Replays `cond` test by test after the fast path hit a fault; false means reject. */
export function settleFault(cond: Cond, context: PacketContext): boolean {
  const facts: Facts = new Map();
  const equalities = new Map<string, number>();
  let rest = cond;
  // Each round decides one test, so the loop ends within the number of tests.
  for (;;) {
    rest = simplify(rest, facts, equalities);
    if (rest.kind === 'true') return true;
    if (rest.kind === 'false') return false;
    const atom = firstAtom(rest)!;
    context.fault = false;
    const result = atom.test(context);
    if (!context.fault) {
      learn(atom, result, facts, equalities);
      continue;
    }
    const ifTrue = simplify(rest, new Map([...facts, [keyText(atom.key), true]]), equalities);
    const ifFalse = simplify(rest, new Map([...facts, [keyText(atom.key), false]]),
      equalities);
    if (!sameShape(ifTrue, ifFalse)) return false;
    rest = ifTrue;
  }
}
