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

  constructor(
    private readonly onLoaded: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  row(index: number): PacketRow | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE];
  }

  /**
   * Asks for the pages that cover rows `first` to `last` unless held or on their way; once
   * those are held, the page either side too, so rows scrolled into view are usually there
   * already. At most a few requests are out at once: dragging the scroll bar across a
   * million rows would otherwise queue a page for every position passed, and the rows where
   * it stops would come last.
   */
  want(first: number, last: number, packetCount: number): void {
    const firstPage = Math.floor(first / PAGE_SIZE);
    const lastPage = Math.floor(last / PAGE_SIZE);
    let held = true;
    for (let page = firstPage; page <= lastPage; page++) {
      if (!this.ask(page, packetCount)) held = false;
    }
    if (!held) return;
    if (firstPage > 0) this.ask(firstPage - 1, packetCount);
    if ((lastPage + 1) * PAGE_SIZE < packetCount) this.ask(lastPage + 1, packetCount);
  }

  /** True when the page is held; otherwise fetches it, if not on its way and room allows. */
  private ask(page: number, packetCount: number): boolean {
    const held = this.pages.get(page);
    if (held && (held.length === PAGE_SIZE || page * PAGE_SIZE + held.length >= packetCount)) {
      return true;
    }
    if (!this.loading.has(page) && this.loading.size < MAX_IN_FLIGHT) this.fetch(page);
    return false;
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

  private fetch(page: number): void {
    this.loading.add(page);
    tapline.request('packets.rows', { start: page * PAGE_SIZE, count: PAGE_SIZE })
      .then((rows) => {
        this.pages.set(page, rows);
        if (this.pages.size > MAX_PAGES) {
          const oldest = this.pages.keys().next().value as number;
          this.pages.delete(oldest);
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
      .finally(() => this.loading.delete(page));
  }
}
