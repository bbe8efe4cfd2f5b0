// What a filter answers when one of its reads fell past the captured bytes.
//
// BPF rejects a packet at the first out-of-bounds load, but tcpdump runs libpcap's optimizer
// first, which deletes tests whose outcome cannot matter. The fast path cannot tell; after a
// fault, the packet is run again on a model of the optimized program, built once per filter
// and link type (see optimized-program.ts).

import type { Cond, PacketContext } from './conditions';
import { OptimizedProgram } from './optimized-program';

export class FaultResolver {
  private program?: OptimizedProgram | null;

  constructor(private readonly cond: Cond) {}

  /** The answer for a packet whose fast evaluation faulted; false means rejected. */
  settle(context: PacketContext): boolean {
    if (this.program === undefined) this.program = OptimizedProgram.build(this.cond) ?? null;
    // Too large to model: keep BPF's plain rule, a fault rejects.
    if (this.program === null) return false;
    return this.program.run(context);
  }
}
