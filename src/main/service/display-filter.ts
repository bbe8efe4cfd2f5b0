// The filter bar's expression applied to the open document: which packets are displayed.

import { compileFilter, type CompiledFilter } from '../../engine/filter/compile-filter';
import { FilterError } from '../../engine/filter/filter-error';
import type { ExpressionCheck } from '../../shared/filter-api';
import type { CaptureDocument } from './capture-document';
import { Serial } from './serial';

/** Packets read from the file per step while matching. */
const MATCH_STEP = 4096;

export function checkExpression(expression: string): ExpressionCheck {
  try {
    compileFilter(expression);
    return { ok: true };
  } catch (error) {
    if (error instanceof FilterError) {
      return { ok: false, message: error.message, position: error.position };
    }
    throw error;
  }
}

/**
 * The packets that match, as 0-based packet indexes in file order. Matching reads every
 * packet's bytes back from the file: the index holds no per-packet fields yet, so a filter
 * over a million packets costs a full read of the file (seconds, not milliseconds). New
 * packets of a live capture are matched when `extend` is called.
 */
export class DisplayFilter {
  private matches = new Uint32Array(1024);
  private count = 0;
  private checkedUpTo = 0;
  private readonly serial = new Serial();
  milliseconds = 0;

  private constructor(readonly expression: string, private readonly filter: CompiledFilter) {}

  /** Compiles the expression; throws FilterError with libpcap's wording and the position. */
  static compile(expression: string): DisplayFilter {
    return new DisplayFilter(expression, compileFilter(expression));
  }

  get displayed(): number {
    return this.count;
  }

  /** The index of the `row`-th displayed packet. */
  packetIndex(row: number): number {
    return this.matches[row];
  }

  /** Matches the packets the document gained since the last call. */
  extend(document: CaptureDocument): Promise<void> {
    return this.serial.run(() => this.match(document));
  }

  private async match(document: CaptureDocument): Promise<void> {
    const started = performance.now();
    while (this.checkedUpTo < document.index.count) {
      const packets = await document.packets(this.checkedUpTo, MATCH_STEP);
      if (packets.length === 0) break;
      for (const { number, record } of packets) {
        if (this.filter.matches(record.linkType, record.data, record.originalLength)) {
          this.push(number - 1);
        }
      }
      this.checkedUpTo += packets.length;
    }
    this.milliseconds += performance.now() - started;
  }

  private push(index: number): void {
    if (this.count === this.matches.length) {
      const grown = new Uint32Array(this.matches.length * 2);
      grown.set(this.matches);
      this.matches = grown;
    }
    this.matches[this.count++] = index;
  }
}
