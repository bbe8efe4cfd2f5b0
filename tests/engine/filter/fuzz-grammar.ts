// Random valid pcap-filter expressions from a small grammar, for the differential fuzzer.

export { seededRandom } from '../../support/seeded-random';

// Addresses and ports of the shared captures, so that many tests hit.
const IPV4 = ['198.51.100.110', '198.51.100.112', '10.0.0.1', '192.168.1.1', '127.0.0.1'];
const IPV6 = ['2001:db8::110', '2001:db8::112', '::1', 'fe80::1', '2001:db8::1'];
const NETS4 = ['198.51.100.0/24', '198.51.100.0/25', '198.51.100.128/25', '10.0.0.0/8',
  '192.168.0.0/16', '198.51.100', '198.51', '127', '0.0.0.0/0',
  '198.51.100.0 mask 255.255.255.0'];
const NETS6 = ['2001:db8::/32', '2001:db8::/64', 'fe80::/10', '2001:db8::100/120', '::/0'];
const MACS = ['00:00:5e:00:53:10', '00:00:5e:00:53:12', 'ff:ff:ff:ff:ff:ff',
  '0:0:5e:0:53:10', '00:00:00:00:00:00'];
const PORTS = ['25', '587', '465', '53', '80', '443', '22', '1024', '0', '65535', 'smtp',
  'domain', 'submission', 'ssh', 'http'];
const RANGES = ['1-1024', '20-30', '1024-65535', '25-25', '30-20', '500-600'];
const PROTOCOLS = ['ip', 'ip6', 'arp', 'rarp', 'tcp', 'udp', 'icmp', 'icmp6', 'sctp', 'igmp',
  'pim', 'esp', 'ah', 'vrrp'];
const DIRECTIONS = ['', 'src ', 'dst ', 'src or dst ', 'src and dst ', 'dst or src '];
const INDEXED = ['ether', 'ip', 'ip6', 'tcp', 'udp', 'icmp', 'icmp6', 'arp', 'link'];
const RELOPS = ['=', '!=', '<', '<=', '>', '>=', '=='];
const ARITH = ['+', '-', '*', '&', '|', '^', '<<', '>>', '/', '%'];

export class FilterGrammar {
  constructor(private readonly random: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private int(max: number): number {
    return Math.floor(this.random() * (max + 1));
  }

  expression(depth = 0): string {
    if (depth >= 3 || this.chance(0.3)) return this.term();
    switch (this.int(7)) {
      case 0: return `${this.expression(depth + 1)} and ${this.expression(depth + 1)}`;
      case 1: return `${this.expression(depth + 1)} or ${this.expression(depth + 1)}`;
      case 2: return `${this.expression(depth + 1)} && ${this.expression(depth + 1)}`;
      case 3: return `${this.expression(depth + 1)} || ${this.expression(depth + 1)}`;
      case 4: return `${this.pick(['not ', '! ', 'not '])}(${this.expression(depth + 1)})`;
      case 5: return `(${this.expression(depth + 1)})`;
      case 6: return this.continued();
      default: return `not ${this.term()}`;
    }
  }

  /** A qualified id followed by bare ids that inherit its qualifiers. */
  private continued(): string {
    const kind = this.int(3);
    const first = kind === 0 ? this.host4() : kind === 1 ? this.port() : kind === 2
      ? `net ${this.pick(NETS4)}` : `ether host ${this.pick(MACS)}`;
    const more = kind === 0 ? this.pick(IPV4) : kind === 1 ? this.pick(PORTS)
      : kind === 2 ? this.pick(NETS4) : this.pick(MACS);
    const join = this.pick(['or', 'and', 'and not', 'or not']);
    return `${first} ${join} ${more}`;
  }

  private host4(): string {
    return `${this.pick(['', 'ip ', 'arp ', 'rarp '])}${this.pick(DIRECTIONS)}host ` +
      this.pick(IPV4);
  }

  private port(): string {
    const proto = this.pick(['', 'tcp ', 'udp ', 'sctp ']);
    let port = this.pick(PORTS);
    if (proto === 'udp ' && ['smtp', 'submission', 'ssh', 'http'].includes(port)) port = '53';
    return `${proto}${this.pick(DIRECTIONS)}port ${port}`;
  }

  term(): string {
    switch (this.int(15)) {
      case 0: return this.pick(PROTOCOLS);
      case 1: return this.host4();
      case 2: return `${this.pick(['', 'ip6 '])}${this.pick(DIRECTIONS)}host ${this.pick(IPV6)}`;
      case 3: {
        const v6 = this.chance(0.3);
        const proto = v6 ? this.pick(['', 'ip6 ']) : this.pick(['', 'ip ', 'arp ']);
        return `${proto}${this.pick(DIRECTIONS)}net ${this.pick(v6 ? NETS6 : NETS4)}`;
      }
      case 4: return this.port();
      case 5: return `${this.pick(['', 'tcp ', 'udp '])}${this.pick(DIRECTIONS)}portrange ` +
        this.pick(RANGES);
      case 6: return `ether ${this.pick(['host', 'src', 'dst', 'src or dst', 'src and dst'])} ` +
        this.pick(MACS);
      case 7: return this.pick(['broadcast', 'multicast', 'ether broadcast', 'ether multicast',
        'ip multicast', 'ip6 multicast', 'ip broadcast']);
      case 8: return `${this.pick(['less', 'greater'])} ${this.int(1600)}`;
      case 9: return `len ${this.pick(RELOPS)} ${this.int(1600)}`;
      case 10: return this.pick([`proto ${this.int(140)}`, `ip proto ${this.int(140)}`,
        `ip6 proto ${this.int(140)}`, 'proto \\tcp', 'ip proto \\udp', 'ether proto 0x0800',
        'ether proto 0x86dd', 'ether proto \\arp', `ether proto ${this.int(2000)}`]);
      case 11:
      case 12: return this.byteTest();
      case 13: return `${this.arith(0)} ${this.pick(RELOPS)} ${this.arith(0)}`;
      case 14: return this.pick(['vlan', `vlan ${this.int(4095)}`, 'vlan and ip']);
      default: return `${this.load()} ${this.pick(RELOPS)} ${this.int(255)}`;
    }
  }

  private load(): string {
    const proto = this.pick(INDEXED);
    const size = this.pick(['', '', ':1', ':2', ':4']);
    return `${proto}[${this.int(60)}${size}]`;
  }

  private byteTest(): string {
    const mask = this.chance(0.5) ? ` & 0x${this.int(255).toString(16)}` : '';
    return `${this.load()}${mask} ${this.pick(RELOPS)} ${this.int(255)}`;
  }

  /** Arithmetic with at least one packet load or `len` in it, never a literal zero divisor. */
  private arith(depth: number): string {
    if (depth >= 2 || this.chance(0.4)) return this.chance(0.8) ? this.load() : 'len';
    const op = this.pick(ARITH);
    const left = this.arith(depth + 1);
    let right: string;
    if (op === '/' || op === '%') right = String(1 + this.int(15));
    else if (op === '<<' || op === '>>') right = String(this.int(7));
    else right = this.chance(0.5) ? String(this.int(300)) : this.arith(depth + 1);
    const text = `${left} ${op} ${right}`;
    return this.chance(0.3) ? `(${text})` : text;
  }
}

/** Words, addresses and operators for random (mostly invalid) token sequences. */
const TOKENS = ['host', 'net', 'port', 'portrange', 'src', 'dst', 'or', 'and', 'not', '!', '(',
  ')', 'tcp', 'udp', 'ip', 'ip6', 'ether', 'arp', '1.2.3.4', '10.0.0.0/8', '25', '80', 'smtp',
  '2001:db8::1', '0:1:2:3:4:5', 'proto', '6', '[', ']', ':', '2', '=', '>', '!=', '+', '-', '&',
  'len', 'less', 'greater', 'broadcast', 'multicast', 'vlan', 'mask', '255.0.0.0', '20-30',
  '&&', '||', '^', '%', '*', '/', '<<', 'icmp', 'gateway', 'foo', '70000', 'tcpflags'];

/** One to seven tokens in random order: exercises the parser's error paths. */
export function randomTokens(random: () => number): string {
  const count = 1 + Math.floor(random() * 7);
  return Array.from({ length: count }, () => TOKENS[Math.floor(random() * TOKENS.length)])
    .join(' ');
}
