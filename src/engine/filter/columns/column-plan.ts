// Which filter expressions the header columns answer exactly, and the test that answers them.

import type { DirQual, FilterNode, PortProtocol } from '../ast';
import { HeaderKind, type HeaderColumnArrays } from './header-columns';

/** Tells whether packet `i` matches; valid only for a packet whose kind is not UNKNOWN. */
export type ColumnTest = (i: number) => boolean;

/**
 * Writes 1 into `out[k]` when packet `start + k` matches and 0 otherwise, for `k < count`:
 * one tight loop per comparison over a block of packets, several times faster than calling
 * a test per packet. Valid only for packets whose kind is not UNKNOWN.
 */
export type ColumnScan = (start: number, count: number, out: Uint8Array) => void;

export interface ColumnPlan {
  /** A test over these arrays; bind again after the arrays are replaced (they grow). */
  bind(columns: HeaderColumnArrays): ColumnTest;
  /** The same answers a block at a time; likewise made again after the arrays grow. */
  scanner(columns: HeaderColumnArrays): ColumnScan;
}

type Column = keyof HeaderColumnArrays;

/**
 * `(column[i] & mask) >>> 0` between `low` and `high`, both included; with `other`, that
 * test on either column (`host X` is the source or the destination address).
 */
interface Leaf {
  readonly kind: 'leaf';
  readonly column: Column;
  readonly other?: Column;
  /** Only for packets whose ports are in the columns (kind IPV4_PORTS). */
  readonly withPorts?: boolean;
  readonly mask: number;
  readonly low: number;
  readonly high: number;
}

/** What a plan tests, before it is bound to the arrays. */
type Step =
  | { readonly kind: 'const'; readonly value: boolean }
  | Leaf
  | { readonly kind: 'not'; readonly operand: Step }
  | { readonly kind: 'and' | 'or'; readonly left: Step; readonly right: Step };

const FULL_MASK = 0xffffffff;
const MAX_U32 = 0xffffffff;
const ALWAYS: Step = { kind: 'const', value: true };
const NEVER: Step = { kind: 'const', value: false };

function leaf(column: Column, low: number, high = low, mask = FULL_MASK): Leaf {
  return { kind: 'leaf', column, mask, low, high };
}

function not(operand: Step): Step {
  return { kind: 'not', operand };
}

function both(kind: 'and' | 'or', left: Step, right: Step): Step {
  return { kind, left, right };
}

/**
 * Names whose libpcap test asks for a link-level protocol other than IPv4: false for every
 * IPv4 packet on every link type the engine filters (their EtherType or SAP differs).
 */
const OTHER_LINK_PROTOCOLS = new Set([
  'ip6', 'arp', 'rarp', 'atalk', 'aarp', 'decnet', 'lat', 'sca', 'moprc', 'mopdl', 'iso',
  'stp', 'ipx', 'netbeui', 'icmp6',
]);

/** IP protocol names and numbers whose libpcap test includes IPv4. */
const IPV4_PROTOCOL_NAMES: ReadonlyMap<string, number> = new Map([
  ['tcp', 6], ['udp', 17], ['sctp', 132], ['icmp', 1], ['igmp', 2], ['igrp', 9],
  ['pim', 103], ['vrrp', 112], ['carp', 112], ['ah', 51], ['esp', 50],
]);

/**
 * The plan for a parsed expression, or undefined when some part of it needs packet bytes
 * (payload loads, Ethernet addresses, VLAN, IPv6 addresses, broadcast and multicast): those
 * expressions run the compiled filter on every packet, as before.
 */
export function planColumns(tree: FilterNode): ColumnPlan | undefined {
  const step = planNode(tree);
  if (!step) return undefined;
  return { bind: (c) => testOf(step, c), scanner: (c) => scanOf(step, c) };
}

function planNode(node: FilterNode): Step | undefined {
  switch (node.kind) {
    case 'true': return ALWAYS;
    case 'and':
    case 'or': {
      const left = planNode(node.left);
      const right = planNode(node.right);
      return left && right ? both(node.kind, left, right) : undefined;
    }
    case 'not': {
      const operand = planNode(node.operand);
      return operand ? not(operand) : undefined;
    }
    case 'abbrev': return planName(node.proto);
    case 'host4': return planHost(node.proto, node.dir, node.address, node.mask);
    case 'port': return planPort(node.protocol, node.dir, node.low, node.high, node.range);
    case 'proto': return planProtocol(node.proto, node.value);
    case 'less': return leaf('originalLengths', 0, node.length);
    case 'greater': return leaf('originalLengths', node.length, MAX_U32);
    case 'relation': return planLength(node);
    default: return undefined;
  }
}

/** `len` against a number (`len > 100`); any other arithmetic needs the bytes. */
function planLength(node: Extract<FilterNode, { kind: 'relation' }>): Step | undefined {
  if (node.left.kind !== 'len' || node.right.kind !== 'const') return undefined;
  const k = node.right.value;
  // Lengths and constants are whole numbers, so `> k` is `>= k + 1`.
  const test = node.op === 'gt' ? leaf('originalLengths', k + 1, MAX_U32)
    : node.op === 'ge' ? leaf('originalLengths', k, MAX_U32) : leaf('originalLengths', k);
  return node.reversed ? not(test) : test;
}

function planName(name: string): Step | undefined {
  if (name === 'ip') return ALWAYS;
  if (OTHER_LINK_PROTOCOLS.has(name)) return NEVER;
  const protocol = IPV4_PROTOCOL_NAMES.get(name);
  return protocol === undefined ? undefined : leaf('protocols', protocol);
}

function planProtocol(qualifier: string, value: number): Step | undefined {
  if (qualifier === 'ip6') return NEVER;
  if (qualifier !== 'default' && qualifier !== 'ip') return undefined;
  return leaf('protocols', value);
}

/** `host` and `net`: on an IPv4 packet the ARP and RARP halves of `host` are false. */
function planHost(qualifier: string, dir: DirQual, address: number,
  mask: number): Step | undefined {
  if (qualifier === 'arp' || qualifier === 'rarp') return NEVER;
  if (qualifier !== 'default' && qualifier !== 'ip') return undefined;
  return direction(dir, leaf('sources', address, address, mask),
    leaf('destinations', address, address, mask));
}

/** `port` and `portrange`: only TCP, UDP and SCTP with fragment offset zero have ports. */
function planPort(protocol: PortProtocol, dir: DirQual, low: number, high: number,
  range: boolean): Step {
  const top = range ? high : low;
  const source = { ...leaf('sourcePorts', low, top), withPorts: true };
  const destination = { ...leaf('destinationPorts', low, top), withPorts: true };
  const ports = direction(dir, source, destination);
  return protocol === undefined ? ports : both('and', leaf('protocols', protocol), ports);
}

function direction(dir: DirQual, source: Leaf, destination: Leaf): Step {
  if (dir === 'src') return source;
  if (dir === 'dst') return destination;
  if (dir === 'and') return both('and', source, destination);
  return { ...source, other: destination.column };
}

/** The per-packet test of a step, over these arrays. */
function testOf(step: Step, c: HeaderColumnArrays): ColumnTest {
  switch (step.kind) {
    case 'const': {
      const value = step.value;
      return () => value;
    }
    case 'not': {
      const test = testOf(step.operand, c);
      return (i) => !test(i);
    }
    case 'and': {
      const a = testOf(step.left, c);
      const b = testOf(step.right, c);
      return (i) => a(i) && b(i);
    }
    case 'or': {
      const a = testOf(step.left, c);
      const b = testOf(step.right, c);
      return (i) => a(i) || b(i);
    }
    case 'leaf': {
      if (step.withPorts) {
        return testOf(both('and', leaf('kinds', HeaderKind.IPV4_PORTS),
          { ...step, withPorts: false }), c);
      }
      if (step.other) {
        const one = testOf({ ...step, other: undefined }, c);
        const two = testOf({ ...step, column: step.other, other: undefined }, c);
        return (i) => one(i) || two(i);
      }
      const column = c[step.column];
      const { mask, low, high } = step;
      if (mask !== FULL_MASK) {
        return (i) => {
          const value = (column[i] & mask) >>> 0;
          return value >= low && value <= high;
        };
      }
      if (low === high) return (i) => column[i] === low;
      return (i) => column[i] >= low && column[i] <= high;
    }
  }
}

/** The block scan of a step, over these arrays; each and/or keeps one scratch block. */
function scanOf(step: Step, c: HeaderColumnArrays): ColumnScan {
  switch (step.kind) {
    case 'const': {
      const value = step.value ? 1 : 0;
      return (_start, count, out) => out.fill(value, 0, count);
    }
    case 'not': {
      const scan = scanOf(step.operand, c);
      return (start, count, out) => {
        scan(start, count, out);
        for (let k = 0; k < count; k++) out[k] ^= 1;
      };
    }
    case 'and':
    case 'or': {
      const a = scanOf(step.left, c);
      const b = scanOf(step.right, c);
      const and = step.kind === 'and';
      let other = new Uint8Array(0);
      return (start, count, out) => {
        if (other.length < count) other = new Uint8Array(count);
        a(start, count, out);
        b(start, count, other);
        if (and) for (let k = 0; k < count; k++) out[k] &= other[k];
        else for (let k = 0; k < count; k++) out[k] |= other[k];
      };
    }
    case 'leaf': {
      const { column, other, withPorts, low, high } = step;
      const one = c[column];
      const two = other && c[other];
      if (withPorts && one instanceof Uint16Array && two instanceof Uint16Array) {
        return portsWithin16(c.kinds, one, two, low, high);
      }
      if (withPorts) {
        return scanOf(both('and', leaf('kinds', HeaderKind.IPV4_PORTS),
          { ...step, withPorts: false }), c);
      }
      return two ? scanEither(step, one, two) : scanLeaf(step, one);
    }
  }
}

function scanLeaf({ mask, low, high }: Leaf, column: HeaderColumnArrays[Column]): ColumnScan {
  if (mask === FULL_MASK && low === high) {
    if (column instanceof Uint8Array) return equal8(column, low);
    if (column instanceof Uint16Array) return equal16(column, low);
    return equal32(column, low);
  }
  if (mask === FULL_MASK && column instanceof Uint16Array) return within16(column, low, high);
  if (column instanceof Uint32Array) return masked32(column, mask, low, high);
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      const value = (column[start + k] & mask) >>> 0;
      out[k] = value >= low && value <= high ? 1 : 0;
    }
  };
}

/** Source or destination: one pass over both columns rather than two passes and a merge. */
function scanEither(test: Leaf, one: HeaderColumnArrays[Column],
  two: HeaderColumnArrays[Column]): ColumnScan {
  const { mask, low, high } = test;
  if (one instanceof Uint32Array && two instanceof Uint32Array && mask === FULL_MASK &&
    low === high) return eitherEqual32(one, two, low);
  if (one instanceof Uint16Array && two instanceof Uint16Array && mask === FULL_MASK) {
    return eitherWithin16(one, two, low, high);
  }
  const first = scanLeaf(test, one);
  const second = scanLeaf(test, two);
  let other = new Uint8Array(0);
  return (start, count, out) => {
    if (other.length < count) other = new Uint8Array(count);
    first(start, count, out);
    second(start, count, other);
    for (let k = 0; k < count; k++) out[k] |= other[k];
  };
}

// One loop per kind of array: V8 keeps a loop fast only while it sees a single kind, and
// these loops are the whole cost of a filter over a million packets.

function equal8(column: Uint8Array, value: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) out[k] = column[start + k] === value ? 1 : 0;
  };
}

function equal16(column: Uint16Array, value: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) out[k] = column[start + k] === value ? 1 : 0;
  };
}

function equal32(column: Uint32Array, value: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) out[k] = column[start + k] === value ? 1 : 0;
  };
}

function within16(column: Uint16Array, low: number, high: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      const value = column[start + k];
      out[k] = value >= low && value <= high ? 1 : 0;
    }
  };
}

/** Addresses under a netmask, and lengths (whose mask is all ones). */
function masked32(column: Uint32Array, mask: number, low: number, high: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      const value = (column[start + k] & mask) >>> 0;
      out[k] = value >= low && value <= high ? 1 : 0;
    }
  };
}

function eitherEqual32(one: Uint32Array, two: Uint32Array, value: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      out[k] = one[start + k] === value || two[start + k] === value ? 1 : 0;
    }
  };
}

function eitherWithin16(one: Uint16Array, two: Uint16Array, low: number,
  high: number): ColumnScan {
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      const a = one[start + k];
      const b = two[start + k];
      out[k] = (a >= low && a <= high) || (b >= low && b <= high) ? 1 : 0;
    }
  };
}

/** `port N` and `portrange`: either port, of a packet whose ports the columns hold. */
function portsWithin16(kinds: Uint8Array, one: Uint16Array, two: Uint16Array, low: number,
  high: number): ColumnScan {
  const withPorts = HeaderKind.IPV4_PORTS;
  return (start, count, out) => {
    for (let k = 0; k < count; k++) {
      const a = one[start + k];
      const b = two[start + k];
      out[k] = kinds[start + k] === withPorts &&
        ((a >= low && a <= high) || (b >= low && b <= high)) ? 1 : 0;
    }
  };
}
