// Rows fetched from the main side in pages, kept in a small cache outside React state.

import type { PacketRow } from '../../../../shared/api';
import { tapline } from '../../api/tapline';

export const PAGE_SIZE = 200;
const MAX_PAGES = 40;
const MAX_IN_FLIGHT = 4;

export class RowCache {
  private readonly pages = new Map<number, PacketRow[]>();
  private readonly loading = new Set<number>();
  private readonly waiting = new Map<number, (row: PacketRow) => void>();
  private requests = 0;
  private absoluteSequence = false;
  /** Bumped when the option changes: replies to requests made before it are dropped. */
  private option = 0;

  constructor(
    private readonly onLoaded: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  row(index: number): PacketRow | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  }

  /**
   * Asks for the pages that cover rows `first` to `last` unless held or on their way, those
   * missing in one request; once all are held, the page either side too, so rows scrolled
   * into view are usually there already. At most a few requests are out at once: dragging
   * the scroll bar across a million rows would otherwise queue a page for every position
   * passed, and the rows where it stops would come last. `neighbours` false leaves out the
   * pages either side.
   */
  want(first: number, last: number, packetCount: number, neighbours = true): void {
    const firstPage = Math.floor(first / PAGE_SIZE);
    const lastPage = Math.floor(last / PAGE_SIZE);
    const missing: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) {
      if (!this.isHeld(page, packetCount)) missing.push(page);
    }
    if (missing.length > 0) {
      // A following list's new tail is one request, and one redraw when it arrives.
      const wanted = missing.filter((page) => !this.loading.has(page));
      if (wanted.length > 0) this.fetch(wanted[0], wanted[wanted.length - 1]);
      return;
    }
    if (!neighbours) return;
    if (firstPage > 0) this.ask(firstPage - 1, packetCount);
    if ((lastPage + 1) * PAGE_SIZE < packetCount) this.ask(lastPage + 1, packetCount);
  }

  /** True when every row from `first` to `last` of a list of `packetCount` is held. */
  holds(first: number, last: number, packetCount: number): boolean {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE);
      page++) {
      if (!this.isHeld(page, packetCount)) return false;
    }
    return true;
  }

  private isHeld(page: number, packetCount: number): boolean {
    const held = this.pages.get(page);
    return held !== undefined &&
      (held.length === PAGE_SIZE || page * PAGE_SIZE + held.length >= packetCount);
  }

  /** Fetches the page unless held, on its way, or too many requests are out. */
  private ask(page: number, packetCount: number): void {
    if (!this.isHeld(page, packetCount) && !this.loading.has(page)) this.fetch(page, page);
  }

  /**
   * Rows print TCP sequence numbers as tcpdump -S does, or relative ones: a change drops
   * every row held, as they were printed the other way.
   */
  setAbsoluteSequence(absoluteSequence: boolean): void {
    if (absoluteSequence === this.absoluteSequence) return;
    this.absoluteSequence = absoluteSequence;
    this.option++;
    this.clear();
  }

  clear(): void {
    this.pages.clear();
    this.waiting.clear();
  }

  /** Calls `then` with row `index` once its page has arrived (the page must be wanted). */
  whenLoaded(index: number, then: (row: PacketRow) => void): void {
    this.waiting.clear();
    this.waiting.set(index, then);
  }

  /** Pages `firstPage` to `lastPage` in one request, unless too many are out already. */
  private fetch(firstPage: number, lastPage: number): void {
    if (this.requests >= MAX_IN_FLIGHT) return;
    this.requests++;
    const pages: number[] = [];
    for (let page = firstPage; page <= lastPage; page++) pages.push(page);
    for (const page of pages) this.loading.add(page);
    const start = firstPage * PAGE_SIZE;
    const { absoluteSequence, option } = this;
    const stale = () => option !== this.option;
    tapline.request('packets.rows', { start, count: pages.length * PAGE_SIZE, absoluteSequence })
      .then((rows) => {
        if (stale()) return;
        for (const page of pages) {
          const offset = (page - firstPage) * PAGE_SIZE;
          // A page past the end of the list (it shrank meanwhile) is not kept.
          if (offset < rows.length || page === firstPage) {
            this.keep(page, rows.slice(offset, offset + PAGE_SIZE));
          }
        }
        for (const [index, then] of this.waiting) {
          const row = this.row(index);
          if (row) {
            this.waiting.delete(index);
            then(row);
          }
        }
        this.onLoaded();
      })
      .catch((error: Error) => this.onError(error.message))
      .finally(() => {
        this.requests--;
        for (const page of pages) this.loading.delete(page);
        // The pages dropped unkept are asked for again, printed the new way.
        if (stale()) this.onLoaded();
      });
  }

  private keep(page: number, rows: PacketRow[]): void {
    // Kept as the newest: a page fetched again must not be the next one dropped.
    this.pages.delete(page);
    this.pages.set(page, rows);
    if (this.pages.size > MAX_PAGES) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }
}
