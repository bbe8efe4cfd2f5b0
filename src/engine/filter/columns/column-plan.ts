// Which filter expressions the header columns answer exactly, and the test that answers them.

import type { DirQual, FilterNode, PortProtocol } from '../ast';
import { HeaderKind, type HeaderColumnArrays } from './header-columns';

/** Tells whether packet `i` matches; valid only for a packet whose kind is not UNKNOWN. */
export type ColumnTest = (i: number) => boolean;

export interface ColumnPlan {
  /** A test over these arrays; bind again after the arrays are replaced (they grow). */
  bind(columns: HeaderColumnArrays): ColumnTest;
}

type Build = (c: HeaderColumnArrays) => ColumnTest;

const ALWAYS: Build = () => () => true;
const NEVER: Build = () => () => false;

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
  const build = planNode(tree);
  return build ? { bind: build } : undefined;
}

function planNode(node: FilterNode): Build | undefined {
  switch (node.kind) {
    case 'true': return ALWAYS;
    case 'and':
    case 'or': return planBinary(node.kind, node.left, node.right);
    case 'not': {
      const operand = planNode(node.operand);
      if (!operand) return undefined;
      return (c) => {
        const test = operand(c);
        return (i) => !test(i);
      };
    }
    case 'abbrev': return planName(node.proto);
    case 'host4': return planHost(node.proto, node.dir, node.address, node.mask);
    case 'port': return planPort(node.protocol, node.dir, node.low, node.high, node.range);
    case 'proto': return planProtocol(node.proto, node.value);
    case 'less': {
      const n = node.length;
      return (c) => (i) => c.originalLengths[i] <= n;
    }
    case 'greater': {
      const n = node.length;
      return (c) => (i) => c.originalLengths[i] >= n;
    }
    case 'relation': return planLength(node);
    default: return undefined;
  }
}

/** `len` against a number (`len > 100`); any other arithmetic needs the bytes. */
function planLength(node: Extract<FilterNode, { kind: 'relation' }>): Build | undefined {
  if (node.left.kind !== 'len' || node.right.kind !== 'const') return undefined;
  const k = node.right.value;
  const want = !node.reversed;
  if (node.op === 'gt') return (c) => (i) => (c.originalLengths[i] > k) === want;
  if (node.op === 'ge') return (c) => (i) => (c.originalLengths[i] >= k) === want;
  return (c) => (i) => (c.originalLengths[i] === k) === want;
}

function planBinary(op: 'and' | 'or', left: FilterNode, right: FilterNode): Build | undefined {
  const l = planNode(left);
  const r = planNode(right);
  if (!l || !r) return undefined;
  if (op === 'and') {
    return (c) => {
      const a = l(c);
      const b = r(c);
      return (i) => a(i) && b(i);
    };
  }
  return (c) => {
    const a = l(c);
    const b = r(c);
    return (i) => a(i) || b(i);
  };
}

function planName(name: string): Build | undefined {
  if (name === 'ip') return ALWAYS;
  if (OTHER_LINK_PROTOCOLS.has(name)) return NEVER;
  const protocol = IPV4_PROTOCOL_NAMES.get(name);
  if (protocol === undefined) return undefined;
  return (c) => (i) => c.protocols[i] === protocol;
}

function planProtocol(qualifier: string, value: number): Build | undefined {
  if (qualifier === 'ip6') return NEVER;
  if (qualifier !== 'default' && qualifier !== 'ip') return undefined;
  return (c) => (i) => c.protocols[i] === value;
}

/** `host` and `net`: on an IPv4 packet the ARP and RARP halves of `host` are false. */
function planHost(qualifier: string, dir: DirQual, address: number,
  mask: number): Build | undefined {
  if (qualifier === 'arp' || qualifier === 'rarp') return NEVER;
  if (qualifier !== 'default' && qualifier !== 'ip') return undefined;
  const whole = mask === 0xffffffff;
  const source: Build = whole
    ? (c) => (i) => c.sources[i] === address
    : (c) => (i) => ((c.sources[i] & mask) >>> 0) === address;
  const destination: Build = whole
    ? (c) => (i) => c.destinations[i] === address
    : (c) => (i) => ((c.destinations[i] & mask) >>> 0) === address;
  return direction(dir, source, destination);
}

/** `port` and `portrange`: only TCP, UDP and SCTP with fragment offset zero have ports. */
function planPort(protocol: PortProtocol, dir: DirQual, low: number, high: number,
  range: boolean): Build {
  const inRange = (port: number): boolean => port >= low && port <= high;
  const source: Build = range
    ? (c) => (i) => inRange(c.sourcePorts[i])
    : (c) => (i) => c.sourcePorts[i] === low;
  const destination: Build = range
    ? (c) => (i) => inRange(c.destinationPorts[i])
    : (c) => (i) => c.destinationPorts[i] === low;
  const ports = direction(dir, source, destination);
  return (c) => {
    const test = ports(c);
    const kinds = c.kinds;
    if (protocol === undefined) return (i) => kinds[i] === HeaderKind.IPV4_PORTS && test(i);
    const protocols = c.protocols;
    return (i) => kinds[i] === HeaderKind.IPV4_PORTS && protocols[i] === protocol && test(i);
  };
}

function direction(dir: DirQual, source: Build, destination: Build): Build {
  if (dir === 'src') return source;
  if (dir === 'dst') return destination;
  return (c) => {
    const s = source(c);
    const d = destination(c);
    return dir === 'and' ? (i) => s(i) && d(i) : (i) => s(i) || d(i);
  };
}
