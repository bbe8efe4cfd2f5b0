// Recursive-descent parser for pcap-filter expressions with libpcap's precedence and its rule
// that a bare id after `and`/`or` takes the qualifiers of the term before it.

import type { Arith, ArithOp, FilterNode, Qualifiers } from './ast';
import { FilterError, semanticError, syntaxError } from './filter-error';
import { type Token, tokenize } from './lexer';
import {
  resolveDotted, resolveIpv6, resolveMac, resolveMasked, resolveName, resolveNumber,
  unsupported,
} from './resolve';

/**
 * Binding strength of the binary arithmetic operators. libpcap's grammar declares none for
 * `^` and `%`, so yacc always shifts on them: they take the operand just before them and
 * everything arithmetic after them (`len % 2 + 1` is `len % 3`).
 */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '|': 1, '&': 2, '<<': 3, '>>': 3, '+': 4, '-': 4, '*': 5, '/': 5,
};
const GREEDY = new Set(['^', '%']);

const DIRECTIONS = new Set(['src', 'dst', 'addr1', 'addr2', 'addr3', 'addr4', 'ra', 'ta']);
const ADDRESS_WORDS = new Set(['host', 'net', 'port', 'portrange', 'gateway']);
const HEAD_WORDS = new Set([...DIRECTIONS, ...ADDRESS_WORDS, 'proto', 'protochain']);
const NETWORK_INDEXED = new Set([
  'link', 'ip', 'arp', 'rarp', 'atalk', 'aarp', 'decnet', 'sca', 'lat', 'moprc', 'mopdl',
  'ip6',
]);
const TRANSPORT_INDEXED = new Set([
  'tcp', 'udp', 'sctp', 'icmp', 'igmp', 'igrp', 'pim', 'vrrp', 'carp', 'icmp6',
]);
/** Keywords of constructs that exist in libpcap but not in Tapline's engine. */
const UNSUPPORTED_WORDS = new Set([
  'inbound', 'outbound', 'ifindex', 'mpls', 'pppoed', 'pppoes', 'geneve', 'lane', 'llc',
  'metac', 'bcc', 'oam', 'oamf4', 'oamf4ec', 'oamf4sc', 'sc', 'ilmic', 'vpi', 'vci',
  'connectmsg', 'metaconnect', 'on', 'rnr', 'srnr', 'reason', 'rset', 'action', 'type',
  'subtype', 'dir', 'fisu', 'lssu', 'lsu', 'sio', 'opc', 'dpc', 'sls', 'hfisu', 'hlssu',
  'hlsu', 'hsio', 'hopc', 'hdpc', 'hsls', 'byte',
]);

/** Protocol names the code generator has no test for. */
const UNSUPPORTED_ABBREVS = new Set([
  'radio', 'esis', 'isis', 'l1', 'l2', 'iih', 'lsp', 'snp', 'csnp', 'psnp', 'clnp',
]);

/** `tcp broadcast` and the like fail whatever the link type, as soon as they are read. */
function checkCastProto(kind: string, t: Token): void {
  if (kind === 'broadcast' && !['link', 'ip'].includes(t.text)) {
    throw semanticError(t.start, 'only link-layer/IP broadcast filters supported');
  }
  if (kind === 'multicast' && !['link', 'ip', 'ip6'].includes(t.text)) {
    throw semanticError(t.start, 'link-layer multicast filters supported only on ' +
      'ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel');
  }
}

/** Thrown to unwind a failed alternative; carries nothing, the parser records where. */
class Mismatch {}
const MISMATCH = new Mismatch();

interface Term {
  readonly node: FilterNode;
  /** What a following bare id inherits; undefined is libpcap's "no qualifiers" state. */
  readonly q: Qualifiers | undefined;
}

/** The first literal a value's code would load; libpcap checks divisors and shifts by it. */
function firstLiteral(a: Arith): number | undefined {
  switch (a.kind) {
    case 'const': return a.value;
    case 'len': return undefined;
    case 'load': return firstLiteral(a.index);
    case 'binary': return firstLiteral(a.left);
    case 'neg': return firstLiteral(a.operand);
  }
}

/** The value of an expression made only of numbers, folded as the optimizer would. */
export function foldConstant(a: Arith): number | undefined {
  switch (a.kind) {
    case 'const': return a.value;
    case 'neg': {
      const v = foldConstant(a.operand);
      return v === undefined ? undefined : (-v) >>> 0;
    }
    case 'binary': {
      const l = foldConstant(a.left);
      const r = foldConstant(a.right);
      if (l === undefined || r === undefined) return undefined;
      return applyArith(a.op, l, r);
    }
    default: return undefined;
  }
}

/** 32-bit unsigned arithmetic as BPF does it; division by zero is the caller's concern. */
export function applyArith(op: ArithOp, l: number, r: number): number {
  switch (op) {
    case '+': return (l + r) >>> 0;
    case '-': return (l - r) >>> 0;
    case '*': return Math.imul(l, r) >>> 0;
    case '/': return r === 0 ? 0 : Math.floor(l / r) >>> 0;
    case '%': return r === 0 ? 0 : (l % r) >>> 0;
    case '&': return (l & r) >>> 0;
    case '|': return (l | r) >>> 0;
    case '^': return (l ^ r) >>> 0;
    case '<<': return r > 31 ? 0 : (l << r) >>> 0;
    case '>>': return r > 31 ? 0 : l >>> r;
  }
}

export class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private furthest = 0;
  private deferred?: FilterError;
  /** Set while checking that an id is followed by what may follow one, before resolving it. */
  private dry = false;
  /** Positions of `(` already known not to open a parenthesized expression: keeps the
   * backtracking linear, as `((((1 + 2)))) = 3` would otherwise retry each level twice. */
  private readonly notGroups = new Set<number>();

  constructor(expression: string) {
    this.tokens = tokenize(expression);
  }

  parseProgram(): FilterNode {
    if (this.peek().kind === 'end') return { kind: 'true' };
    try {
      const { node } = this.parseExpr(undefined);
      this.expectEnd();
      return node;
    } catch (error) {
      if (error !== MISMATCH) throw error;
      throw this.deferred ?? syntaxError(this.tokens[this.furthest].start);
    }
  }

  // ---- token helpers

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private fail(): never {
    this.furthest = Math.max(this.furthest, this.pos);
    throw MISMATCH;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind === 'end') this.fail();
    this.pos++;
    return token;
  }

  private isOp(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === text;
  }

  private isWord(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.text === text;
  }

  private isAndOr(ahead = 0): boolean {
    return this.isWord('and', ahead) || this.isWord('or', ahead);
  }

  private expectOp(text: string): void {
    if (!this.isOp(text)) this.fail();
    this.pos++;
  }

  private expectEnd(): void {
    if (this.peek().kind !== 'end') this.fail();
  }

  /** Tries one alternative; on failure rewinds and keeps a semantic error for later. */
  private attempt<T>(parse: () => T): T | undefined {
    const start = this.pos;
    try {
      return parse();
    } catch (error) {
      this.pos = start;
      if (error === MISMATCH) return undefined;
      if (error instanceof FilterError && error.code === 'FILTER_SEMANTIC') {
        this.deferred ??= error;
        return undefined;
      }
      throw error;
    }
  }

  // ---- boolean structure

  private parseExpr(q0: Qualifiers | undefined): Term {
    let { node, q } = this.parseTerm(q0);
    while (this.isAndOr()) {
      const kind = this.next().text as 'and' | 'or';
      const inherited = q;
      // yacc resolves a number only once it sees the token after it, so a bad follower is a
      // syntax error even when resolving the number would have failed too.
      const id = this.attempt(() => {
        const start = this.pos;
        this.dry = true;
        try {
          this.parseId(inherited);
        } finally {
          this.dry = false;
        }
        if (!this.isAndOr() && !this.isOp(')') && this.peek().kind !== 'end') this.fail();
        this.pos = start;
        return this.parseId(inherited);
      });
      if (id) {
        node = { kind, left: node, right: id };
        continue;
      }
      const term = this.parseTerm(inherited);
      node = { kind, left: node, right: term.node };
      q = term.q;
    }
    return { node, q };
  }

  private parseTerm(q0: Qualifiers | undefined): Term {
    const t = this.peek();
    if (t.kind === 'word' && t.text === 'not') {
      this.pos++;
      const inner = this.parseTerm(q0);
      return { node: { kind: 'not', operand: inner.node }, q: inner.q };
    }
    if (t.kind === 'op' && t.text === '(') {
      const at = this.pos;
      const grouped = this.notGroups.has(at) ? undefined : this.attempt(() => {
        this.pos++;
        const inner = this.parseExpr(q0);
        this.expectOp(')');
        return { node: inner.node, q: q0 };
      });
      if (grouped) return grouped;
      this.notGroups.add(at);
      return { node: this.parseRelation(), q: undefined };
    }
    if (t.kind === 'proto') {
      const after = this.peek(1);
      if (after.kind === 'word' && HEAD_WORDS.has(after.text)) {
        this.pos++;
        return this.parseHead(t.text);
      }
      if (after.kind === 'word' && (after.text === 'broadcast' || after.text === 'multicast')) {
        this.pos += 2;
        checkCastProto(after.text, t);
        return { node: { kind: after.text, proto: t.text, position: t.start }, q: undefined };
      }
      if (after.kind === 'op' && after.text === '[') {
        return { node: this.parseRelation(), q: undefined };
      }
      this.pos++;
      // yacc reduces a lone protocol name when it sees what may end a term; its error then
      // comes before any later one.
      if (!this.isAndOr() && !this.isOp(')') && this.peek().kind !== 'end') this.fail();
      if (t.text === 'link') throw semanticError(t.start, 'link layer applied in wrong context');
      if (UNSUPPORTED_ABBREVS.has(t.text)) throw unsupported(t.start, t.text);
      return { node: { kind: 'abbrev', proto: t.text, position: t.start }, q: undefined };
    }
    if (t.kind === 'word') {
      if (HEAD_WORDS.has(t.text)) return this.parseHead('default');
      switch (t.text) {
        case 'broadcast':
        case 'multicast':
          this.pos++;
          return { node: { kind: t.text, proto: 'default', position: t.start }, q: undefined };
        case 'less':
        case 'greater': {
          this.pos++;
          const n = this.next();
          if (n.kind !== 'num') {
            this.pos--;
            this.fail();
          }
          return { node: { kind: t.text, length: n.value }, q: undefined };
        }
        case 'vlan':
          return { node: this.parseVlan(), q: undefined };
        case 'len':
          return { node: this.parseRelation(), q: undefined };
      }
      if (UNSUPPORTED_WORDS.has(t.text)) throw unsupported(t.start, t.text);
      this.fail();
    }
    if (t.kind === 'num' || (t.kind === 'op' && t.text === '-')) {
      return { node: this.parseRelation(), q: undefined };
    }
    this.fail();
  }

  private parseVlan(): FilterNode {
    const at = this.next().start;
    if (this.peek().kind !== 'num' && !this.isOp('(')) {
      return { kind: 'vlan', id: undefined, position: at };
    }
    const idAt = this.peek().start;
    const id = this.parseParenNumber();
    if (id > 4095) throw semanticError(idAt, `VLAN tag ${id} greater than maximum 4095`);
    return { kind: 'vlan', id, position: at };
  }

  /** libpcap's `pnum`: a number, possibly in parentheses. */
  private parseParenNumber(): number {
    if (this.isOp('(')) {
      this.pos++;
      const value = this.parseParenNumber();
      this.expectOp(')');
      return value;
    }
    const t = this.next();
    if (t.kind !== 'num') {
      this.pos--;
      this.fail();
    }
    return t.value;
  }

  /** `[proto] [src|dst [or|and dst|src]] [host|net|port|portrange|proto] id`. */
  private parseHead(proto: string): Term {
    let dir: Qualifiers['dir'] = 'default';
    let addr: Qualifiers['addr'] = 'default';
    const t = this.peek();
    if (t.kind === 'word' && DIRECTIONS.has(t.text)) {
      if (t.text !== 'src' && t.text !== 'dst') throw unsupported(t.start, t.text);
      this.pos++;
      dir = t.text;
      // yacc shifts an `and`/`or` here, so `src or` must go on with `dst`.
      const other = t.text === 'src' ? 'dst' : 'src';
      if (this.isAndOr()) {
        dir = this.next().text as 'and' | 'or';
        if (!this.isWord(other)) this.fail();
        this.pos++;
      }
      const a = this.peek();
      // libpcap's grammar takes `gateway` only without a direction.
      if (a.kind === 'word' && ADDRESS_WORDS.has(a.text) && a.text !== 'gateway') {
        this.pos++;
        addr = a.text as Qualifiers['addr'];
      }
    } else if (t.kind === 'word' && HEAD_WORDS.has(t.text)) {
      this.pos++;
      addr = t.text as Qualifiers['addr'];
    }
    const q: Qualifiers = { proto, dir, addr };
    return { node: this.parseId(q), q };
  }

  /** libpcap's `id`: an address, number or name, `not id`, or a parenthesized id list. */
  private parseId(q: Qualifiers | undefined): FilterNode {
    const t = this.peek();
    if (t.kind === 'word' && t.text === 'not') {
      this.pos++;
      return { kind: 'not', operand: this.parseId(q) };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.pos++;
      let node = this.parseId(q);
      while (this.isAndOr()) {
        const kind = this.next().text as 'and' | 'or';
        node = { kind, left: node, right: this.parseId(q) };
      }
      this.expectOp(')');
      return node;
    }
    switch (t.kind) {
      case 'num':
        this.pos++;
        return this.resolved(() => resolveNumber(q, t.value, t.start));
      case 'hid':
        this.pos++;
        if (this.isOp('/')) {
          this.pos++;
          const bits = this.next();
          if (bits.kind !== 'num') this.fail();
          return resolveMasked(q, t.text, undefined, bits.value, t.start);
        }
        if (this.isWord('mask')) {
          this.pos++;
          const mask = this.next();
          if (mask.kind !== 'hid') this.fail();
          return resolveMasked(q, t.text, mask.text, undefined, t.start);
        }
        return resolveDotted(q, t.text, t.start);
      case 'hid6': {
        this.pos++;
        let bits = 128;
        if (this.isOp('/')) {
          this.pos++;
          const n = this.next();
          if (n.kind !== 'num') this.fail();
          bits = n.value;
        }
        return resolveIpv6(q, t.text, bits, t.start);
      }
      case 'eid':
        this.pos++;
        return resolveMac(q, t.text, t.start);
      case 'id':
        this.pos++;
        return resolveName(q, t.text, t.start);
      default:
        this.fail();
    }
  }

  /**
   * Resolves a number, except during a dry run. yacc reduces an address or a name at once
   * (its state has a default reduction), but a number may also start arithmetic, so it
   * waits for the token after it.
   */
  private resolved(resolve: () => FilterNode): FilterNode {
    return this.dry ? { kind: 'true' } : resolve();
  }

  // ---- arithmetic

  private parseRelation(): FilterNode {
    const left = this.parseArith(0);
    const t = this.peek();
    const relations: Record<string, ['gt' | 'ge' | 'eq', boolean]> = {
      '>': ['gt', false], '>=': ['ge', false], '=': ['eq', false],
      '<=': ['gt', true], '<': ['ge', true], '!=': ['eq', true],
    };
    const relation = t.kind === 'op' ? relations[t.text] : undefined;
    if (!relation) this.fail();
    this.pos++;
    const right = this.parseArith(0);
    return { kind: 'relation', op: relation[0], reversed: relation[1], left, right };
  }

  /** Precedence climbing, with `^` and `%` taking all that follows (see PRECEDENCE). */
  private parseArith(minimum: number): Arith {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') break;
      if (GREEDY.has(t.text)) {
        this.pos++;
        const at = this.peek().start;
        left = this.binary(t.text as ArithOp, left, this.parseArith(0), at);
        continue;
      }
      const precedence = PRECEDENCE[t.text];
      if (precedence === undefined || precedence < minimum) break;
      this.pos++;
      const at = this.peek().start;
      left = this.binary(t.text as ArithOp, left, this.parseArith(precedence + 1), at);
    }
    return left;
  }

  private parseUnary(): Arith {
    if (!this.isOp('-')) return this.parsePrimary();
    this.pos++;
    let operand = this.parseUnary();
    const t = this.peek();
    if (t.kind === 'op' && GREEDY.has(t.text)) {
      this.pos++;
      const at = this.peek().start;
      operand = this.binary(t.text as ArithOp, operand, this.parseArith(0), at);
    }
    return { kind: 'neg', operand };
  }

  private parsePrimary(): Arith {
    const t = this.peek();
    if (t.kind === 'num') {
      this.pos++;
      return { kind: 'const', value: t.value };
    }
    if (t.kind === 'word' && t.text === 'len') {
      this.pos++;
      return { kind: 'len' };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.pos++;
      const inner = this.parseArith(0);
      this.expectOp(')');
      return inner;
    }
    if (t.kind === 'proto' && this.isOp('[', 1)) {
      this.pos += 2;
      const index = this.parseArith(0);
      let size = 1;
      let sizeAt = t.start;
      if (this.isOp(':')) {
        this.pos++;
        const n = this.next();
        if (n.kind !== 'num') this.fail();
        size = n.value;
        sizeAt = n.start;
      }
      this.expectOp(']');
      if (size !== 1 && size !== 2 && size !== 4) {
        throw semanticError(sizeAt, 'data size must be 1, 2, or 4');
      }
      this.checkIndexable(t);
      return { kind: 'load', proto: t.text, index, size };
    }
    this.fail();
  }

  private checkIndexable(t: Token): void {
    if (NETWORK_INDEXED.has(t.text) || TRANSPORT_INDEXED.has(t.text)) return;
    if (t.text === 'radio') {
      throw semanticError(t.start, 'radio information not present in capture');
    }
    throw semanticError(t.start, 'unsupported index operation');
  }

  private binary(op: ArithOp, left: Arith, right: Arith, at: number): Arith {
    const literal = firstLiteral(right);
    const folded = foldConstant(right);
    if (op === '/' && (literal === 0 || folded === 0)) {
      throw semanticError(at, 'division by zero');
    }
    if (op === '%' && (literal === 0 || folded === 0)) {
      throw semanticError(at, 'modulus by zero');
    }
    // A folded shift count above 31 passes the compiler; BPF rejects the packet at run time.
    if ((op === '<<' || op === '>>') && literal !== undefined && literal > 31) {
      throw semanticError(at, 'shift by more than 31 bits');
    }
    return { kind: 'binary', op, left, right, position: at };
  }
}

export function parseFilter(expression: string): FilterNode {
  return new Parser(expression).parseProgram();
}
