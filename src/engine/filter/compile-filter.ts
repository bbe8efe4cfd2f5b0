// The filter API: compile a pcap-filter expression once, then test packets of any link type.
//
// The language is tcpdump 4.99.3 / libpcap 1.10.3's, matched packet for packet on Ethernet
// (with VLAN), Linux cooked v1/v2, BSD null/loop and raw IPv4/IPv6. Not supported, because no
// link type the engine reads needs them or they need name lookups: `gateway`, `protochain`,
// MPLS, PPPoE, Geneve, `inbound`/`outbound`, pflog and 802.11 fields, OSI protocols, and
// host/network names (only numeric addresses; services and protocols are in names.ts).

import { CodeGenerator } from './codegen';
import { type PacketContext, type Test, toTest } from './conditions';
import { FilterError, semanticError } from './filter-error';
import { linkLayout } from './link-layout';
import { parseFilter } from './parser';
import type { FilterNode } from './ast';
import { FaultResolver } from './fault';

export { FilterError } from './filter-error';

export interface CompiledFilter {
  readonly expression: string;
  /** True when the packet matches. `data` = captured bytes, `length` = original length. */
  matches(linkType: number, data: Uint8Array, length: number): boolean;
  /**
   * Why the expression cannot apply to this link type (libpcap refuses `vlan` on Linux
   * cooked captures, for one), or undefined. Such packets never match.
   */
  linkTypeError(linkType: number): FilterError | undefined;
}

interface Program {
  readonly faults?: FaultResolver;
  readonly test?: Test;
  readonly error?: FilterError;
}

function generate(tree: FilterNode, linkType: number): Program {
  const layout = linkLayout(linkType);
  if (!layout) {
    return { error: semanticError(0, `link type ${linkType} is not supported by the filter`) };
  }
  try {
    const cond = new CodeGenerator(layout).generate(tree);
    return { faults: new FaultResolver(cond), test: toTest(cond) };
  } catch (error) {
    if (error instanceof FilterError) return { error };
    throw error;
  }
}

const ETHERNET = 1;

/** Compiles `expression`; throws a FilterError with libpcap's wording when it is invalid. */
export function compileFilter(expression: string): CompiledFilter {
  const tree = parseFilter(expression);
  const programs = new Map<number, Program>();

  // Ethernet accepts every construct, so its errors are the expression's own.
  const ethernet = generate(tree, ETHERNET);
  if (ethernet.error) throw ethernet.error;
  programs.set(ETHERNET, ethernet);

  const programFor = (linkType: number): Program => {
    let program = programs.get(linkType);
    if (!program) {
      program = generate(tree, linkType);
      programs.set(linkType, program);
    }
    return program;
  };

  const context: PacketContext = {
    view: new DataView(new ArrayBuffer(0)), base: 0, caplen: 0, wirelen: 0, fault: false,
  };
  let viewOf: ArrayBufferLike | undefined;

  return {
    expression,
    matches(linkType, data, length) {
      const program = programFor(linkType);
      if (!program.test || !program.faults) return false;
      if (data.buffer !== viewOf) {
        viewOf = data.buffer;
        context.view = new DataView(data.buffer);
      }
      context.base = data.byteOffset;
      context.caplen = data.length;
      context.wirelen = length;
      context.fault = false;
      const result = program.test(context);
      if (!context.fault) return result;
      return program.faults.settle(context);
    },
    linkTypeError(linkType) {
      return programFor(linkType).error;
    },
  };
}
