// Rows fetched from the main side in pages, kept in a small cache outside React state.

import type { PacketRow } from '../../../../shared/api';
import { tapline } from '../../api/tapline';

export const PAGE_SIZE = 200;
const MAX_PAGES = 40;

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

  /** Asks for the pages that cover rows `first` to `last`, unless held or on their way. */
  want(first: number, last: number, packetCount: number): void {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      const held = this.pages.get(page);
      const complete = held && (held.length === PAGE_SIZE || page * PAGE_SIZE + held.length >=
        packetCount);
      if (complete || this.loading.has(page)) continue;
      this.fetch(page);
    }
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
