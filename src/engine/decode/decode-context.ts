// Per-packet decoding state shared by every protocol decoder, plus the per-capture TCP table.

import { ByteReader, TRUNCATED } from './byte-reader';
import type { FieldTree } from './field-tree';
import { TcpSequenceTable } from './tcp-sequence';

const MAX_DEPTH = 64;

/** The tcpdump flags that change how a packet is decoded and printed. */
export interface PrintOptions {
  quiet?: boolean;            // -q
  linkLevel?: boolean;        // -e
  verbose?: number;           // number of -v
  absoluteSequence?: boolean; // -S
  /** For Linux cooked v2 captures tcpdump names the interface by its index on this machine. */
  interfaceName?: (index: number) => string | undefined;
}

/**
 * What a decoder reads and writes. Decoders append to `out` in the order tcpdump prints,
 * so that a truncated packet stops exactly where tcpdump's does; `protocol` names the
 * decoder running, for the ` [|tcp]` marker.
 */
export class DecodeContext {
  readonly r = new ByteReader();
  readonly quiet: boolean;
  readonly linkLevel: boolean;
  readonly verbose: number;
  readonly absoluteSequence: boolean;
  readonly interfaceName: (index: number) => string | undefined;
  readonly tcp = new TcpSequenceTable();

  out = '';
  protocol = '';
  tree: FieldTree | undefined = undefined;
  /** Where the link-layer header ends; hex dumps start here. */
  networkOffset = 0;
  /** Length of the frame on the wire, for the link layer's `length N`. */
  originalLength = 0;
  /** Interface the packet was captured on, for per-interface link layers. */
  interfaceId = 0;

  /** The innermost IP header, for the transport decoders (pseudo-header, addresses). */
  ipVersion = 0;
  ipAt = 0;
  ipFragmented = false;
  /** Where the IPv6 pseudo-header's destination is: the header's, or a routing header's. */
  ipv6DestinationAt = 0;
  /** The Jumbo Payload length of a hop-by-hop option (RFC 2675), -1 when there is none. */
  ipv6Jumbo = -1;
  /** Headers nested so far (IP in IP, tunnels): bounded so a crafted packet cannot
   * exhaust the stack. */
  depth = 0;

  constructor(options: PrintOptions = {}) {
    this.quiet = options.quiet ?? false;
    this.linkLevel = options.linkLevel ?? false;
    this.verbose = options.verbose ?? 0;
    this.absoluteSequence = options.absoluteSequence ?? false;
    this.interfaceName = options.interfaceName ?? (() => undefined);
  }

  /** Clears what one packet left behind; the TCP table is kept on purpose. */
  begin(data: Uint8Array, tree?: FieldTree): void {
    this.r.reset(data);
    this.out = '';
    this.protocol = '';
    this.tree = tree;
    this.networkOffset = 0;
    this.ipVersion = 0;
    this.ipAt = 0;
    this.ipFragmented = false;
    this.ipv6DestinationAt = 0;
    this.ipv6Jumbo = -1;
    this.depth = 0;
  }

  /**
   * Counts one more nested header. Past MAX_DEPTH the packet is treated as truncated:
   * tcpdump has no such limit, but no real packet nests this deep.
   */
  nest(): void {
    if (++this.depth > MAX_DEPTH) throw TRUNCATED;
  }
}
