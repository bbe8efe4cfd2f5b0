// Knows whether the page is being answered right now, so that background passes over a
// whole file (conversation analysis) can keep off the CPU while it is: on two cores, a pass
// running beside a selection doubled what the selection took to show.

/** How long after the last answer the page is taken to be still drawing it. */
export const DRAWING_GRACE_MS = 300;
/** A background pass waits at most this long before its next step, however busy. */
export const LONGEST_GIVE_WAY_MS = 500;
/** How often a waiting pass looks again. */
const RECHECK_MS = 5;

export class RequestActivity {
  private inFlight = 0;
  private lastAnswered = -Infinity;

  /** Counts `answer` as in flight until it settles. */
  async track<T>(answer: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await answer();
    } finally {
      this.inFlight--;
      this.lastAnswered = performance.now();
    }
  }

  /** True while a request is being answered, or was answered within the grace period. */
  busy(now = performance.now()): boolean {
    return this.inFlight > 0 || now - this.lastAnswered < DRAWING_GRACE_MS;
  }

  /**
   * Resolves when the service is not busy, when `urgent()` says a request awaits the pass
   * itself, or after LONGEST_GIVE_WAY_MS, so that a long request (a filter over the whole
   * file, a dialog left open) slows a pass down but never stops it. Always lets pending
   * I/O (requests that just arrived) be handled first.
   */
  async giveWay(urgent: () => boolean): Promise<void> {
    await new Promise((done) => setImmediate(done));
    const started = performance.now();
    while (this.busy() && !urgent() && performance.now() - started < LONGEST_GIVE_WAY_MS) {
      await new Promise((done) => setTimeout(done, RECHECK_MS));
    }
  }
}
