// Turns a qualified id (`tcp src port 25`, `net 10/8`, `host 2001:db8::1`) into a checked
// tree node, refusing what libpcap's code generator refuses, with its wording.

import { ipv6Mask, parseDottedIpv4, parseIpv6, parseMac } from './addresses';
import type { FilterNode, PortProtocol, Qualifiers } from './ast';
import { FilterError, semanticError, syntaxError } from './filter-error';
import { ETHER_PROTOCOLS, IP_PROTOCOLS, SERVICES } from './names';

const TCP = 6;
const UDP = 17;
const SCTP = 132;

/**
 * Keywords of protocol families Tapline's engine does not filter on: OSI (IS-IS, CLNP, ES-IS)
 * and 802.11 radio headers. None occurs in the link types the engine reads.
 */
const UNSUPPORTED_PROTOS = new Set([
  'radio', 'iso', 'esis', 'isis', 'l1', 'l2', 'iih', 'lsp', 'snp', 'csnp', 'psnp', 'clnp',
]);

export function unsupported(position: number, what: string): FilterError {
  return semanticError(position, `'${what}' is not supported by Tapline's filter engine`);
}

function requireQualifiers(q: Qualifiers | undefined, at: number): Qualifiers {
  if (!q) throw syntaxError(at, 'syntax error in filter expression');
  return q;
}

function checkHostProto(proto: string, typeName: string, at: number): void {
  if (proto === 'default' || proto === 'ip' || proto === 'arp' || proto === 'rarp') return;
  if (proto === 'link') throw semanticError(at, `link-layer modifier applied to ${typeName}`);
  if (proto === 'ip6') throw semanticError(at, "'ip6' modifier applied to ip host");
  throw semanticError(at, `'${proto}' modifier applied to ${typeName}`);
}

function checkHost6Proto(proto: string, typeName: string, at: number): void {
  if (proto === 'default' || proto === 'ip6') return;
  if (proto === 'link') {
    throw semanticError(at, `link-layer modifier applied to ip6 ${typeName}`);
  }
  throw semanticError(at, `'${proto}' modifier applied to ip6 ${typeName}`);
}

function host4(q: Qualifiers, address: number, mask: number, at: number): FilterNode {
  const isNet = q.addr === 'net';
  checkHostProto(q.proto, isNet ? 'net' : 'host', at);
  return { kind: 'host4', proto: q.proto, dir: q.dir, address: address >>> 0,
    mask: mask >>> 0, isNet };
}

function portProtocol(q: Qualifiers, at: number): PortProtocol {
  if (q.proto === 'tcp') return TCP;
  if (q.proto === 'udp') return UDP;
  if (q.proto === 'sctp') return SCTP;
  if (q.proto === 'default') return undefined;
  throw semanticError(at, `illegal qualifier of '${q.addr}'`);
}

function portNode(q: Qualifiers, protocol: PortProtocol, low: number, high: number,
  at: number): FilterNode {
  for (const port of [low, high]) {
    if (port > 65535) throw semanticError(at, `illegal port number ${port} > 65535`);
  }
  return { kind: 'port', protocol, dir: q.dir, low, high, range: q.addr === 'portrange' };
}

function protoNode(q: Qualifiers, value: number, at: number): FilterNode {
  const proto = q.proto;
  if (proto === 'default' || proto === 'link' || proto === 'ip' || proto === 'ip6') {
    return { kind: 'proto', proto, value };
  }
  if (proto === 'arp' || proto === 'rarp') {
    throw semanticError(at, `${proto} does not encapsulate another protocol`);
  }
  if (UNSUPPORTED_PROTOS.has(proto)) throw unsupported(at, `${proto} proto`);
  throw semanticError(at, `'${proto} proto' is bogus`);
}

function checkProtoSupported(q: Qualifiers, at: number): void {
  if (UNSUPPORTED_PROTOS.has(q.proto)) throw unsupported(at, q.proto);
  if (q.addr === 'protochain') throw unsupported(at, q.addr);
}

/** A plain number: `port 25`, `host 10` (0.0.0.10), `net 10` (10.0.0.0/8), `proto 6`. */
export function resolveNumber(q0: Qualifiers | undefined, value: number,
  at: number): FilterNode {
  const q = requireQualifiers(q0, at);
  checkProtoSupported(q, at);
  switch (q.addr) {
    case 'default':
    case 'host':
    case 'net': {
      if (q.proto === 'link') throw semanticError(at, 'illegal link layer address');
      let address = value;
      let mask = 0xffffffff;
      if (q.addr === 'net') {
        // A short net number is moved to the top: `net 10` is 10.0.0.0/8.
        while (address !== 0 && (address & 0xff000000) === 0) {
          address = (address << 8) >>> 0;
          mask = (mask << 8) >>> 0;
        }
      }
      return host4(q, address, mask, at);
    }
    case 'port':
    case 'portrange':
      return portNode(q, portProtocol(q, at), value, value, at);
    case 'proto':
      return protoNode(q, value, at);
    case 'gateway':
      throw semanticError(at, "'gateway' requires a name");
    default:
      throw unsupported(at, q.addr);
  }
}

/** Dotted IPv4 without a mask: short forms are prefixes, `host 10.1` is 10.1.0.0/16. */
export function resolveDotted(q0: Qualifiers | undefined, text: string,
  at: number): FilterNode {
  if (q0 && (q0.addr === 'port' || q0.addr === 'portrange' || q0.addr === 'proto' ||
    q0.addr === 'protochain')) {
    throw semanticError(at, `'${q0.addr}' modifier applied to ip host`);
  }
  const parsed = parseDottedIpv4(text);
  if (!parsed) throw semanticError(at, `invalid IPv4 address '${text}'`);
  const q = requireQualifiers(q0, at);
  checkProtoSupported(q, at);
  if (q.addr === 'gateway') throw semanticError(at, "'gateway' requires a name");
  if (q.proto === 'link') throw semanticError(at, 'illegal link layer address');
  const shift = 32 - parsed.bits;
  const address = shift === 32 ? 0 : (parsed.value << shift) >>> 0;
  const mask = shift === 32 ? 0 : (0xffffffff << shift) >>> 0;
  return host4(q, address, mask, at);
}

/** `10.0.0.0/8` or `10.0.0.0 mask 255.0.0.0`: networks only. */
export function resolveMasked(q0: Qualifiers | undefined, text: string,
  maskText: string | undefined, maskBits: number | undefined, at: number): FilterNode {
  const parsed = parseDottedIpv4(text);
  if (!parsed) throw semanticError(at, `invalid IPv4 address '${text}'`);
  const address = parsed.bits === 32 ? parsed.value : (parsed.value << (32 - parsed.bits)) >>> 0;
  let mask: number;
  if (maskText !== undefined) {
    const m = parseDottedIpv4(maskText);
    if (!m) throw semanticError(at, `invalid IPv4 address '${maskText}'`);
    mask = m.bits === 32 ? m.value : (m.value << (32 - m.bits)) >>> 0;
    if ((address & ~mask) !== 0) {
      throw semanticError(at, `non-network bits set in "${text} mask ${maskText}"`);
    }
  } else {
    const bits = maskBits ?? 32;
    if (bits > 32) throw semanticError(at, 'mask length must be <= 32');
    mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((address & ~mask) !== 0) {
      throw semanticError(at, `non-network bits set in "${text}/${bits}"`);
    }
  }
  if (!q0 || q0.addr !== 'net') throw semanticError(at, 'Mask syntax for networks only');
  checkProtoSupported(q0, at);
  return host4(q0, address, mask, at);
}

/** An IPv6 address with an optional prefix length (128 when absent). */
export function resolveIpv6(q0: Qualifiers | undefined, text: string, bits: number,
  at: number): FilterNode {
  const address = parseIpv6(text);
  if (!address) throw semanticError(at, `invalid ip6 address ${text}`);
  if (bits > 128) throw semanticError(at, 'mask length must be <= 128');
  const mask = ipv6Mask(bits);
  if (address.some((byte, i) => (byte & ~mask[i]) !== 0)) {
    throw semanticError(at, `non-network bits set in "${text}/${bits}"`);
  }
  const addr = q0?.addr;
  if (!q0 || (addr !== 'default' && addr !== 'host' && addr !== 'net')) {
    throw semanticError(at, 'invalid qualifier against IPv6 address');
  }
  if (addr !== 'net' && bits !== 128) throw semanticError(at, 'Mask syntax for networks only');
  checkProtoSupported(q0, at);
  checkHost6Proto(q0.proto, addr === 'net' ? 'net' : 'host', at);
  return { kind: 'host6', proto: q0.proto, dir: q0.dir, address, mask };
}

export function resolveMac(q0: Qualifiers | undefined, text: string, at: number): FilterNode {
  if (q0 && (q0.addr === 'host' || q0.addr === 'default') && q0.proto === 'link') {
    const mac = parseMac(text);
    if (!mac) throw semanticError(at, `bogus ethernet address ${text}`);
    return { kind: 'ehost', dir: q0.dir, mac, position: at };
  }
  throw semanticError(at, 'ethernet address used in non-ether expression');
}

function lookupPort(name: string): { port: number; protocol: PortProtocol } | undefined {
  if (/^[0-9]+$/.test(name)) return { port: Number(name), protocol: undefined };
  const entry = SERVICES.get(name);
  if (!entry) return undefined;
  if (entry.tcp !== undefined) {
    return { port: entry.tcp, protocol: entry.udp === entry.tcp ? undefined : TCP };
  }
  return { port: entry.udp!, protocol: UDP };
}

/** `udp port smtp` is refused because smtp is a TCP service; `port smtp` means TCP only. */
function narrowPortProtocol(q: Qualifiers, found: PortProtocol, what: string,
  at: number): PortProtocol {
  const wanted = portProtocol(q, at);
  if (wanted === undefined) return found;
  const names: Record<number, string> = { [TCP]: 'tcp', [UDP]: 'udp', [SCTP]: 'sctp' };
  if (found !== undefined && found !== wanted) {
    throw semanticError(at, `${what} is ${names[found]}`);
  }
  return wanted;
}

function resolvePortRange(q: Qualifiers, name: string, at: number): FilterNode {
  const numeric = /^(-?[0-9]+)-(-?[0-9]+)/.exec(name);
  let low: number;
  let high: number;
  let protocol: PortProtocol;
  if (numeric) {
    low = Number(numeric[1]);
    high = Number(numeric[2]);
    protocol = undefined;
  } else {
    const dash = name.indexOf('-');
    const first = dash < 0 ? undefined : lookupPort(name.slice(0, dash));
    const second = dash < 0 ? undefined : lookupPort(name.slice(dash + 1));
    if (!first || !second) throw semanticError(at, `unknown port in range '${name}'`);
    low = first.port;
    high = second.port;
    protocol = first.protocol === second.protocol ? first.protocol : undefined;
  }
  protocol = narrowPortProtocol(q, protocol, `port in range '${name}'`, at);
  if (low > high) [low, high] = [high, low];
  return portNode(q, protocol, low, high, at);
}

/** A name: a service, a protocol, or a host/network name (which the engine cannot resolve). */
export function resolveName(q0: Qualifiers | undefined, name: string, at: number): FilterNode {
  const q = requireQualifiers(q0, at);
  checkProtoSupported(q, at);
  switch (q.addr) {
    case 'net':
      // Network names (/etc/networks) are not resolved either, for the same reason.
      throw semanticError(at, `unknown network '${name}'`);
    case 'default':
    case 'host':
      // The engine resolves no names (no files, no DNS), so a name tcpdump would find in
      // /etc/hosts or /etc/ethers, such as localhost, is refused here: a known gap.
      if (q.proto === 'link') throw semanticError(at, `unknown ether host '${name}'`);
      throw semanticError(at, `unknown host '${name}'`);
    case 'port': {
      portProtocol(q, at);
      const found = lookupPort(name);
      if (!found) throw semanticError(at, `unknown port '${name}'`);
      const protocol = narrowPortProtocol(q, found.protocol, `port '${name}'`, at);
      return portNode(q, protocol, found.port, found.port, at);
    }
    case 'portrange':
      portProtocol(q, at);
      return resolvePortRange(q, name, at);
    case 'proto': {
      let value: number | undefined;
      if (q.proto === 'default' || q.proto === 'ip' || q.proto === 'ip6') {
        value = IP_PROTOCOLS.get(name);
        if (value === undefined) throw semanticError(at, `unknown ip proto '${name}'`);
      } else if (q.proto === 'link') {
        value = ETHER_PROTOCOLS.get(name);
        if (value === undefined) throw semanticError(at, `unknown ether proto '${name}'`);
      } else {
        throw semanticError(at, `unknown protocol: ${name}`);
      }
      return protoNode(q, value, at);
    }
    case 'gateway':
      // Debian's libpcap is built without gateway support.
      throw semanticError(at, "'gateway' not supported in this configuration");
    default:
      throw unsupported(at, q.addr);
  }
}
