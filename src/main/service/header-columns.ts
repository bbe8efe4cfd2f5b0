// The packet index's header columns: typed arrays filled as packets are indexed, grown by doubling.

import { extractHeader } from '../../engine/filter/columns/extract-header';
import {
  HEADER_COLUMN_BYTES, type HeaderColumnArrays,
} from '../../engine/filter/columns/header-columns';

/**
 * Owns the arrays the engine's extractor writes into. `originalLengths` is the index's own
 * array, handed in again each time either side grows, so it is not stored twice.
 */
export class HeaderColumns {
  private kinds: Uint8Array;
  private protocols: Uint8Array;
  private sources: Uint32Array;
  private destinations: Uint32Array;
  private sourcePorts: Uint16Array;
  private destinationPorts: Uint16Array;
  private arrays?: HeaderColumnArrays;

  static readonly BYTES_PER_PACKET = HEADER_COLUMN_BYTES;

  constructor(private capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.protocols = new Uint8Array(capacity);
    this.sources = new Uint32Array(capacity);
    this.destinations = new Uint32Array(capacity);
    this.sourcePorts = new Uint16Array(capacity);
    this.destinationPorts = new Uint16Array(capacity);
  }

  /** Fills slot `i` from the packet's captured bytes; `i` is at most the current count. */
  add(i: number, linkType: number, data: Uint8Array, originalLengths: Uint32Array): void {
    if (i === this.capacity) this.grow();
    const arrays = this.arrays?.originalLengths === originalLengths
      ? this.arrays : this.view(originalLengths);
    extractHeader(linkType, data, arrays, i);
  }

  /** The arrays as they are now; a filter binds to them and binds again after growth. */
  view(originalLengths: Uint32Array): HeaderColumnArrays {
    this.arrays = {
      kinds: this.kinds,
      protocols: this.protocols,
      sources: this.sources,
      destinations: this.destinations,
      sourcePorts: this.sourcePorts,
      destinationPorts: this.destinationPorts,
      originalLengths,
    };
    return this.arrays;
  }

  private grow(): void {
    this.capacity *= 2;
    this.kinds = resized(this.kinds, new Uint8Array(this.capacity));
    this.protocols = resized(this.protocols, new Uint8Array(this.capacity));
    this.sources = resized(this.sources, new Uint32Array(this.capacity));
    this.destinations = resized(this.destinations, new Uint32Array(this.capacity));
    this.sourcePorts = resized(this.sourcePorts, new Uint16Array(this.capacity));
    this.destinationPorts = resized(this.destinationPorts, new Uint16Array(this.capacity));
    this.arrays = undefined;
  }
}

function resized<T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
