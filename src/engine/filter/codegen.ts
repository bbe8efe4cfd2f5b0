// Generates the test for one link type from the checked tree, following libpcap's code
// generator step by step: the same protocol checks, offsets, and order of evaluation.

import type { Arith, ArithOp, DirQual, FilterNode, PortProtocol } from './ast';
import {
  allOf, and, compareAt, type Cond, FALSE, not, or, readByte, reader, TRUE, type ValueFn,
} from './conditions';
import { type FilterError, semanticError } from './filter-error';
import {
  ETHERTYPE_ARP, ETHERTYPE_IP, ETHERTYPE_IPV6, ETHERTYPE_REVARP, type LinkLayout,
  linkTypeTest,
} from './link-layout';
import { OptimizedProgram } from './optimized-program';
import { applyArith } from './parser';
import { unsupported } from './resolve';

const ETHER_ADDRESS_ONLY =
  'ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel';
const MULTICAST_ONLY = 'link-layer multicast filters supported only on ' +
  'ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel';

/** EtherTypes and 802.2 SAPs behind the protocol keywords that are link-layer tests. */
const LINK_PROTOCOLS: Readonly<Record<string, number>> = {
  ip: ETHERTYPE_IP, ip6: ETHERTYPE_IPV6, arp: ETHERTYPE_ARP, rarp: ETHERTYPE_REVARP,
  atalk: 0x809b, aarp: 0x80f3, decnet: 0x6003, lat: 0x6004, sca: 0x6007, moprc: 0x6002,
  mopdl: 0x6001, iso: 0xfe, stp: 0x42, ipx: 0xe0, netbeui: 0xf0,
};

/** IP protocol keywords: protocol number and whether libpcap checks IPv4 only. */
const IP_PROTOCOL_WORDS: Readonly<Record<string, [number, 'ip' | 'default' | 'ip6']>> = {
  tcp: [6, 'default'], udp: [17, 'default'], sctp: [132, 'default'], icmp: [1, 'ip'],
  igmp: [2, 'ip'], igrp: [9, 'ip'], pim: [103, 'default'], vrrp: [112, 'ip'],
  carp: [112, 'ip'], icmp6: [58, 'ip6'], ah: [51, 'default'], esp: [50, 'default'],
};

const TRANSPORT = new Set(['tcp', 'udp', 'sctp', 'icmp', 'igmp', 'igrp', 'pim', 'vrrp', 'carp']);

interface Value {
  /** Protocol checks that must pass before the value is computed. */
  readonly checks: Cond[];
  readonly compute: ValueFn;
  /** Identity of the computed value, for recognising repeated tests. */
  readonly key: string;
  readonly constant?: number;
  /** Set when the value shifts by a constant above 31, which libpcap refuses if reached. */
  readonly shiftError?: FilterError;
}

export class CodeGenerator {
  constructor(private readonly layout: LinkLayout) {}

  generate(node: FilterNode): Cond {
    switch (node.kind) {
      case 'true': return TRUE;
      case 'and': {
        const left = this.generate(node.left);
        return and(left, this.generate(node.right));
      }
      case 'or': {
        const left = this.generate(node.left);
        return or(left, this.generate(node.right));
      }
      case 'not': return not(this.generate(node.operand));
      case 'abbrev': return this.abbrev(node.proto, node.position);
      case 'host4': return this.host4(node.proto, node.dir, node.address, node.mask);
      case 'host6': return this.host6(node.dir, node.address, node.mask);
      case 'ehost': return this.etherHost(node.dir, node.mac, node.position);
      case 'port': return this.port(node.protocol, node.dir, node.low, node.high, node.range);
      case 'proto': return this.proto(node.value, node.proto);
      case 'broadcast': return this.broadcast(node.proto, node.position);
      case 'multicast': return this.multicast(node.proto, node.position);
      case 'less': return not(this.lengthAtom('gt', node.length));
      case 'greater': return this.lengthAtom('ge', node.length);
      case 'vlan': return this.vlan(node.id, node.position);
      case 'relation': return this.relation(node);
    }
  }

  // ---- offsets

  private linkType(proto: number): Cond {
    return linkTypeTest(this.layout, proto);
  }

  /** A byte/half/word at an offset from the network-layer header. */
  private payload(offset: number, size: 1 | 2 | 4, k: number, mask?: number): Cond {
    return compareAt(this.layout.offLinkPayload + offset, size, k, mask);
  }

  private get isEthernet(): boolean {
    return this.layout.kind === 'ethernet';
  }

  // ---- protocol names

  abbrev(proto: string, at: number): Cond {
    if (proto === 'link') throw semanticError(at, 'link layer applied in wrong context');
    const linkProto = LINK_PROTOCOLS[proto];
    if (linkProto !== undefined) return this.linkType(linkProto);
    const ipProto = IP_PROTOCOL_WORDS[proto];
    if (ipProto) return this.proto(ipProto[0], ipProto[1]);
    throw unsupported(at, proto);
  }

  /** libpcap's gen_proto: "the IP (or IPv6) header says protocol v". */
  private proto(v: number, qual: string): Cond {
    switch (qual) {
      case 'default': {
        const v4 = this.proto(v, 'ip');
        return or(v4, this.proto(v, 'ip6'));
      }
      case 'link': return this.linkType(v);
      case 'ip': return and(this.linkType(ETHERTYPE_IP), this.payload(9, 1, v));
      case 'ip6': {
        const linkType = this.linkType(ETHERTYPE_IPV6);
        // A fragment header may sit between the IPv6 header and the protocol.
        const fragmented = and(this.payload(6, 1, 44), this.payload(40, 1, v));
        return and(linkType, or(this.payload(6, 1, v), fragmented));
      }
      default: throw new Error(`unexpected proto qualifier ${qual}`);
    }
  }

  // ---- addresses

  private host4(proto: string, dir: DirQual, address: number, mask: number): Cond {
    switch (proto) {
      case 'default': {
        const ip = this.host4('ip', dir, address, mask);
        const arp = or(ip, this.host4('arp', dir, address, mask));
        return or(arp, this.host4('rarp', dir, address, mask));
      }
      case 'ip': return this.hostop(dir, ETHERTYPE_IP, 12, 16, address, mask);
      case 'arp': return this.hostop(dir, ETHERTYPE_ARP, 14, 24, address, mask);
      default: return this.hostop(dir, ETHERTYPE_REVARP, 14, 24, address, mask);
    }
  }

  private hostop(dir: DirQual, proto: number, srcAt: number, dstAt: number, address: number,
    mask: number): Cond {
    const one = (at: number): Cond => {
      const linkType = this.linkType(proto);
      return and(linkType, this.payload(at, 4, address, mask));
    };
    return this.direction(dir, () => one(srcAt), () => one(dstAt));
  }

  private direction(dir: DirQual, src: () => Cond, dst: () => Cond): Cond {
    if (dir === 'src') return src();
    if (dir === 'dst') return dst();
    const s = src();
    return dir === 'and' ? and(s, dst()) : or(s, dst());
  }

  private host6(dir: DirQual, address: Uint8Array, mask: Uint8Array): Cond {
    const word = (bytes: Uint8Array, i: number): number =>
      ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    const one = (at: number): Cond => {
      const linkType = this.linkType(ETHERTYPE_IPV6);
      let words = TRUE;
      for (let i = 0; i < 16; i += 4) {
        words = and(words, this.payload(at + i, 4, word(address, i), word(mask, i)));
      }
      return and(linkType, words);
    };
    return this.direction(dir, () => one(8), () => one(24));
  }

  /** Six bytes compared as libpcap does: the last four first, then the first two. */
  private macAt(offset: number, mac: Uint8Array): Cond {
    const tail = ((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]) >>> 0;
    return and(compareAt(offset + 2, 4, tail), compareAt(offset, 2, (mac[0] << 8) | mac[1]));
  }

  private etherHost(dir: DirQual, mac: Uint8Array, at: number): Cond {
    if (!this.isEthernet) throw semanticError(at, ETHER_ADDRESS_ONLY);
    return this.direction(dir, () => this.macAt(6, mac), () => this.macAt(0, mac));
  }

  // ---- ports

  private port(protocol: PortProtocol, dir: DirQual, low: number, high: number,
    range: boolean): Cond {
    const v4 = this.portFamily(4, protocol, dir, low, high, range);
    const v6 = this.portFamily(6, protocol, dir, low, high, range);
    return or(v6, v4);
  }

  private portFamily(family: 4 | 6, protocol: PortProtocol, dir: DirQual, low: number,
    high: number, range: boolean): Cond {
    const linkType = this.linkType(family === 4 ? ETHERTYPE_IP : ETHERTYPE_IPV6);
    const op = (p: number): Cond => this.portop(family, p, dir, low, high, range);
    let body: Cond;
    if (protocol !== undefined) body = op(protocol);
    else {
      const tcp = op(6);
      const tcpOrUdp = or(tcp, op(17));
      body = or(op(132), tcpOrUdp);
    }
    return and(linkType, body);
  }

  private portop(family: 4 | 6, protocol: number, dir: DirQual, low: number, high: number,
    range: boolean): Cond {
    let head: Cond;
    if (family === 4) head = and(this.payload(9, 1, protocol), this.notFragment());
    else head = this.payload(6, 1, protocol);
    const atom = (offset: number): Cond => {
      if (!range) return this.transportHalf(family, offset, 'eq', low);
      const ge = this.transportHalf(family, offset, 'ge', low);
      return and(ge, not(this.transportHalf(family, offset, 'gt', high)));
    };
    return and(head, this.direction(dir, () => atom(0), () => atom(2)));
  }

  /** IPv4 fragment offset zero: only the first fragment carries the transport header. */
  private notFragment(): Cond {
    const at = this.layout.offLinkPayload + 6;
    return not({
      kind: 'atom',
      key: { value: `2@${at}`, op: 'set', k: 0x1fff },
      test: (c) => (reader(2)(c, at) & 0x1fff) !== 0,
    });
  }

  /** 16 bits at an offset into the transport header (after the IPv4 IHL or IPv6's 40). */
  private transportHalf(family: 4 | 6, offset: number, op: 'eq' | 'gt' | 'ge',
    k: number): Cond {
    const payload = this.layout.offLinkPayload;
    const read = reader(2);
    let value: string;
    let load: ValueFn;
    if (family === 6) {
      const at = payload + 40 + offset;
      value = `2@${at}`;
      load = (c) => read(c, at);
    } else {
      value = `t2@${payload}+#${offset}`;
      load = (c) => read(c, 4 * (readByte(c, payload) & 0x0f) + payload + offset);
    }
    const test = op === 'eq' ? (c: Parameters<ValueFn>[0]) => load(c) === k
      : op === 'gt' ? (c: Parameters<ValueFn>[0]) => load(c) > k
        : (c: Parameters<ValueFn>[0]) => load(c) >= k;
    return { kind: 'atom', key: { value, op, k }, test };
  }

  // ---- link-level and length tests

  private broadcast(proto: string, at: number): Cond {
    if (proto === 'default' || proto === 'link') {
      if (!this.isEthernet) throw semanticError(at, 'not a broadcast link');
      return this.macAt(0, Uint8Array.of(255, 255, 255, 255, 255, 255));
    }
    if (proto === 'ip') {
      // tcpdump reading a file has netmask 0, so only all-zeros and all-ones hosts count.
      const linkType = this.linkType(ETHERTYPE_IP);
      const zeros = this.payload(16, 4, 0);
      return and(linkType, or(zeros, this.payload(16, 4, 0xffffffff)));
    }
    throw semanticError(at, 'only link-layer/IP broadcast filters supported');
  }

  private multicast(proto: string, at: number): Cond {
    if (proto === 'default' || proto === 'link') {
      if (!this.isEthernet) throw semanticError(at, MULTICAST_ONLY);
      return {
        kind: 'atom',
        key: { value: '1@0', op: 'set', k: 1 },
        test: (c) => (readByte(c, 0) & 1) !== 0,
      };
    }
    if (proto === 'ip') {
      const linkType = this.linkType(ETHERTYPE_IP);
      const at16 = this.layout.offLinkPayload + 16;
      return and(linkType, {
        kind: 'atom',
        key: { value: `1@${at16}`, op: 'ge', k: 224 },
        test: (c) => readByte(c, at16) >= 224,
      });
    }
    if (proto === 'ip6') {
      return and(this.linkType(ETHERTYPE_IPV6), this.payload(24, 1, 255));
    }
    throw semanticError(at, MULTICAST_ONLY);
  }

  private lengthAtom(op: 'gt' | 'ge', n: number): Cond {
    return {
      kind: 'atom',
      key: { value: 'len', op, k: n },
      test: op === 'gt' ? (c) => c.wirelen > n : (c) => c.wirelen >= n,
    };
  }

  /** `vlan [id]`: checks the tag, then moves every later offset past it (libpcap does so). */
  private vlan(id: number | undefined, at: number): Cond {
    if (!this.isEthernet) {
      throw semanticError(at, `no VLAN support for ${this.layout.description}`);
    }
    const tagged = [0x8100, 0x88a8, 0x9100].map((t) => this.linkType(t))
      .reduce((acc, c) => or(acc, c));
    const test = id === undefined ? tagged : and(tagged, this.payload(0, 2, id, 0x0fff));
    this.layout.offLinkType += 4;
    this.layout.offLinkPayload += 4;
    return test;
  }

  // ---- arithmetic

  private relation(node: Extract<FilterNode, { kind: 'relation' }>): Cond {
    const left = this.value(node.left);
    const right = this.value(node.right);
    const a = left.compute;
    const b = right.compute;
    let test: (c: Parameters<ValueFn>[0]) => boolean;
    if (node.op === 'eq') test = (c) => a(c) === b(c);
    else if (node.op === 'gt') test = (c) => a(c) > b(c);
    else test = (c) => a(c) >= b(c);
    const k = right.constant;
    const key = k === undefined
      ? { value: `${left.key} ${node.op} ${right.key}`, op: 'eq' as const, k: 1 }
      : { value: left.key, op: node.op, k };
    let compare: Cond = { kind: 'atom', key, test };
    if (left.constant !== undefined && k !== undefined) {
      // Both sides known: the optimizer decides the test and drops its loads.
      const l = left.constant;
      const decided = node.op === 'eq' ? l === k : node.op === 'gt' ? l > k : l >= k;
      compare = decided ? TRUE : FALSE;
    }
    if (node.reversed) compare = not(compare);
    const checks = allOf([...left.checks, ...right.checks]);
    const shiftError = left.shiftError ?? right.shiftError;
    if (shiftError && !OptimizedProgram.provesFalse(checks)) throw shiftError;
    return and(checks, compare);
  }

  private value(a: Arith): Value {
    switch (a.kind) {
      case 'const': {
        const v = a.value;
        return { checks: [], compute: () => v, key: `#${v}`, constant: v };
      }
      case 'len':
        return { checks: [], compute: (c) => c.wirelen, key: 'len' };
      case 'neg': {
        const inner = this.value(a.operand);
        const f = inner.compute;
        const constant = inner.constant === undefined ? undefined : (-inner.constant) >>> 0;
        return { checks: inner.checks, compute: (c) => (-f(c)) >>> 0, key: `-${inner.key}`,
          constant, shiftError: inner.shiftError };
      }
      case 'binary': return this.binary(a);
      case 'load': return this.load(a);
    }
  }

  private binary(a: Extract<Arith, { kind: 'binary' }>): Value {
    const left = this.value(a.left);
    const right = this.value(a.right);
    let shiftError = left.shiftError ?? right.shiftError;
    const l = left.compute;
    const r = right.compute;
    const op = a.op;
    let compute: ValueFn;
    if (op === '/' || op === '%') {
      // A zero divisor at run time makes BPF reject the packet.
      compute = (c) => {
        const lv = l(c);
        const rv = r(c);
        if (rv === 0) {
          c.fault = true;
          return 0;
        }
        return applyArith(op, lv, rv);
      };
    } else if ((op === '<<' || op === '>>') && right.constant !== undefined &&
      right.constant > 31 && left.constant === undefined) {
      // The optimizer turns a constant count into an immediate and refuses one above 31,
      // but only in code it keeps: a test whose protocol checks fail is never looked at.
      shiftError = semanticError(a.position, 'shift by more than 31 bits');
      compute = () => 0;
    } else {
      compute = (c) => {
        const lv = l(c);
        return applyArith(op, lv, r(c));
      };
    }
    // libpcap's gen_arth keeps only the left operand's protocol checks: `ip[2:2] - tcp[12]`
    // tests for IPv4 but not for TCP. The right operand's loads still run.
    return {
      checks: [...left.checks],
      compute,
      key: `(${left.key} ${op} ${right.key})`,
      constant: this.constantOf(op, left, right),
      shiftError,
    };
  }

  /** What libpcap's optimizer knows the value to be: folded constants, and `x & 0`, `x * 0`. */
  private constantOf(op: ArithOp, left: Value, right: Value): number | undefined {
    if (right.constant === undefined) return undefined;
    if (left.constant !== undefined) {
      if ((op === '/' || op === '%') && right.constant === 0) return undefined;
      return applyArith(op, left.constant, right.constant);
    }
    return (op === '&' || op === '*') && right.constant === 0 ? 0 : undefined;
  }

  private load(a: Extract<Arith, { kind: 'load' }>): Value {
    const index = this.value(a.index);
    const idx = index.compute;
    const read = reader(a.size);
    const size = a.size;
    const payload = this.layout.offLinkPayload;
    const proto = a.proto;

    if (TRANSPORT.has(proto)) {
      const ipCheck = this.linkType(ETHERTYPE_IP);
      const protoCheck = this.abbrev(proto, 0);
      const fragment = this.notFragment();
      const compute: ValueFn = (c) => {
        const x = (idx(c) + 4 * (readByte(c, payload) & 0x0f)) >>> 0;
        return read(c, x + payload);
      };
      return {
        checks: [ipCheck, ...index.checks, protoCheck, fragment],
        compute,
        key: `t${size}@${payload}+${index.key}`,
        shiftError: index.shiftError,
      };
    }

    let base: number;
    let checks: Cond[];
    if (proto === 'link') {
      base = 0;
      checks = [...index.checks];
    } else if (proto === 'icmp6') {
      base = payload + 40;
      checks = [...index.checks, this.linkType(ETHERTYPE_IPV6), this.payload(6, 1, 58)];
    } else {
      base = payload;
      checks = [...index.checks, this.abbrev(proto, 0)];
    }
    if (index.constant !== undefined) {
      // The optimizer folds a constant index into the offset, with 32-bit wraparound.
      const at = (index.constant + base) >>> 0;
      return { checks, compute: (c) => read(c, at), key: `${size}@${at}`,
        shiftError: index.shiftError };
    }
    return {
      checks,
      compute: (c) => read(c, idx(c) + base),
      key: `${size}@${base}+${index.key}`,
      shiftError: index.shiftError,
    };
  }
}

