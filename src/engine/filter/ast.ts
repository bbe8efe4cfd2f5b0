// The checked syntax tree of a filter: what libpcap's grammar actions would generate code for.

/** Protocol qualifier as libpcap names it (`link` covers ether, ppp, slip...). */
export type ProtoQual = 'default' | string;
export type DirQual = 'default' | 'src' | 'dst' | 'or' | 'and';
export type AddrQual = 'default' | 'host' | 'net' | 'port' | 'portrange' | 'proto' | 'gateway'
  | 'protochain';

export interface Qualifiers {
  readonly proto: ProtoQual;
  readonly dir: DirQual;
  readonly addr: AddrQual;
}

/** IP protocol numbers a port test looks for; undefined means TCP, UDP or SCTP. */
export type PortProtocol = 6 | 17 | 132 | undefined;

export type ArithOp = '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^' | '<<' | '>>';

export type Arith =
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'len' }
  | { readonly kind: 'load'; readonly proto: string; readonly index: Arith;
      readonly size: 1 | 2 | 4 }
  | { readonly kind: 'binary'; readonly op: ArithOp; readonly left: Arith;
      readonly right: Arith; readonly position: number }
  | { readonly kind: 'neg'; readonly operand: Arith };

export type FilterNode =
  | { readonly kind: 'true' }
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  /** A bare protocol name: `tcp`, `ip6`, `arp`. */
  | { readonly kind: 'abbrev'; readonly proto: string; readonly position: number }
  | { readonly kind: 'host4'; readonly proto: ProtoQual; readonly dir: DirQual;
      readonly address: number; readonly mask: number; readonly isNet: boolean }
  | { readonly kind: 'host6'; readonly proto: ProtoQual; readonly dir: DirQual;
      readonly address: Uint8Array; readonly mask: Uint8Array }
  | { readonly kind: 'ehost'; readonly dir: DirQual; readonly mac: Uint8Array;
      readonly position: number }
  | { readonly kind: 'port'; readonly protocol: PortProtocol; readonly dir: DirQual;
      readonly low: number; readonly high: number; readonly range: boolean }
  | { readonly kind: 'proto'; readonly proto: ProtoQual; readonly value: number }
  | { readonly kind: 'broadcast' | 'multicast'; readonly proto: ProtoQual;
      readonly position: number }
  | { readonly kind: 'less' | 'greater'; readonly length: number }
  | { readonly kind: 'vlan'; readonly id: number | undefined; readonly position: number }
  | { readonly kind: 'relation'; readonly op: 'gt' | 'ge' | 'eq'; readonly reversed: boolean;
      readonly left: Arith; readonly right: Arith };
