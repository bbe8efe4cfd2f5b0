// The filter bar's expression applied to the open document: which packets are displayed.

import {
  type ColumnPlan, type ColumnScan, planColumns,
} from '../../engine/filter/columns/column-plan';
import { HeaderKind } from '../../engine/filter/columns/header-columns';
import { compileFilter, type CompiledFilter } from '../../engine/filter/compile-filter';
import { FilterError } from '../../engine/filter/filter-error';
import { parseFilter } from '../../engine/filter/parser';
import type { ExpressionCheck } from '../../shared/filter-api';
import type { CaptureDocument } from './capture-document';
import { Serial } from './serial';

/** Packets read from the file per step while matching. */
const MATCH_STEP = 4096;
/**
 * Packets the columns cannot answer that are at most this far apart are read from the file
 * in one piece: fewer reads, at the cost of reading the few packets between them.
 */
const FALLBACK_GAP = 64;

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
 * The packets that match, as 0-based packet indexes in file order. When the expression has
 * a column plan (addresses, ports, IP protocols, lengths), IPv4 packets are answered from
 * the index's header columns and only the others are read back from the file for the
 * compiled filter; otherwise every packet's bytes are read (seconds for a million packets,
 * not milliseconds). New packets of a live capture are matched when `extend` is called.
 */
export class DisplayFilter {
  private matches = new Uint32Array(1024);
  private count = 0;
  private checkedUpTo = 0;
  private readonly serial = new Serial();
  milliseconds = 0;

  /** Packets answered from the columns and from their bytes, for tests and the benchmark. */
  readonly answered = { columns: 0, bytes: 0 };

  private constructor(readonly expression: string, private readonly filter: CompiledFilter,
    private readonly plan: ColumnPlan | undefined) {}

  /** Compiles the expression; throws FilterError with libpcap's wording and the position. */
  static compile(expression: string, useColumns = true): DisplayFilter {
    const filter = compileFilter(expression);
    // The compiled filter stays the reference: a plan is only a faster way to its answer.
    const plan = useColumns ? planColumns(parseFilter(expression)) : undefined;
    return new DisplayFilter(expression, filter, plan);
  }

  /** True when the expression is answered from the header columns where they allow. */
  get usesColumns(): boolean {
    return this.plan !== undefined;
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
    if (this.plan) return this.matchColumns(document, this.plan);
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
      this.answered.bytes += packets.length;
    }
    this.milliseconds += performance.now() - started;
  }

  /**
   * Step by step: the packets the columns cannot answer are settled first from their bytes,
   * then one pass in file order takes every answer, so matches stay sorted.
   */
  private async matchColumns(document: CaptureDocument, plan: ColumnPlan): Promise<void> {
    const started = performance.now();
    const settled = new Uint8Array(MATCH_STEP);
    const hits = new Uint8Array(MATCH_STEP);
    let bound: { kinds: Uint8Array; scan: ColumnScan } | undefined;
    while (this.checkedUpTo < document.index.count) {
      const start = this.checkedUpTo;
      const end = Math.min(document.index.count, start + MATCH_STEP);
      const fromBytes = await this.settleUnknown(document, start, end, settled);
      // Taken after the reads: packets indexed meanwhile may have replaced the arrays.
      const columns = document.index.headerColumns();
      if (bound?.kinds !== columns.kinds) {
        bound = { kinds: columns.kinds, scan: plan.scanner(columns) };
      }
      const kinds = bound.kinds;
      const count = end - start;
      bound.scan(start, count, hits);
      if (fromBytes > 0) {
        for (let k = 0; k < count; k++) {
          if (kinds[start + k] === HeaderKind.UNKNOWN) hits[k] = settled[k];
        }
      }
      this.reserve(count);
      const matches = this.matches;
      let found = this.count;
      for (let k = 0; k < count; k++) if (hits[k] === 1) matches[found++] = start + k;
      this.count = found;
      this.answered.bytes += fromBytes;
      this.answered.columns += end - start - fromBytes;
      this.checkedUpTo = end;
    }
    this.milliseconds += performance.now() - started;
  }

  /** Runs the compiled filter on packets start..end-1 of unknown kind; returns how many. */
  private async settleUnknown(document: CaptureDocument, start: number, end: number,
    settled: Uint8Array): Promise<number> {
    const kinds = document.index.headerColumns().kinds;
    let found = 0;
    let i = start;
    while (i < end) {
      // Native search: in most captures nearly every packet is IPv4 and none is unknown.
      const next = kinds.subarray(i, end).indexOf(HeaderKind.UNKNOWN);
      if (next < 0) break;
      i += next;
      let last = i;
      for (let j = i + 1; j < end && j - last <= FALLBACK_GAP; j++) {
        if (kinds[j] === HeaderKind.UNKNOWN) last = j;
      }
      for (const { number, record } of await document.packets(i, last - i + 1)) {
        const at = number - 1;
        if (kinds[at] !== HeaderKind.UNKNOWN) continue;
        found++;
        const match = this.filter.matches(record.linkType, record.data, record.originalLength);
        settled[at - start] = match ? 1 : 0;
      }
      i = last + 1;
    }
    return found;
  }

  private push(index: number): void {
    this.reserve(1);
    this.matches[this.count++] = index;
  }

  /** Room for `more` matches after the current ones. */
  private reserve(more: number): void {
    if (this.count + more <= this.matches.length) return;
    let length = this.matches.length * 2;
    while (length < this.count + more) length *= 2;
    const grown = new Uint32Array(length);
    grown.set(this.matches.subarray(0, this.count));
    this.matches = grown;
  }
}
