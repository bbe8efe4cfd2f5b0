// Turns a pcapng 64-bit tick count into seconds and nanoseconds without losing a tick.

const TWO_POW_32 = 2 ** 32;
/** Largest tick count a double holds exactly is 2^53; a high word below this keeps under it. */
const EXACT_HIGH_LIMIT = 2 ** 21;
/** Divisors up to 2^37 keep 16-bit long division below 2^53, so it stays exact. */
const LIMB_DIVISOR_LIMIT = 2 ** 37;
const NANOS_PER_SECOND = 1_000_000_000;

/**
 * The clock of one interface: if_tsresol (default 6, microseconds) and if_tsoffset. After
 * `convert`, `seconds` and `nanoseconds` hold the result, so the per-packet path allocates
 * nothing. Nanosecond timestamps of today exceed 2^53 ticks, so they take the 16-bit long
 * division; only resolutions finer than 2^37 ticks per second fall back to BigInt.
 */
export class TimestampClock {
  readonly ticksPerSecond: number;
  seconds = 0;
  nanoseconds = 0;
  private readonly ticksPerSecondBig: bigint;
  /** Whole nanoseconds per tick, or 0 when a tick is not a whole number of them. */
  private readonly nanosPerTick: number;
  private readonly limbDivision: boolean;

  constructor(resolution = 6, readonly offsetSeconds = 0) {
    const exponent = BigInt(resolution & 0x7f);
    // High bit set: a negative power of 2; otherwise a negative power of 10.
    const base = resolution & 0x80 ? 2n : 10n;
    this.ticksPerSecondBig = base ** exponent;
    this.ticksPerSecond = Number(this.ticksPerSecondBig);
    const perTick = NANOS_PER_SECOND / this.ticksPerSecond;
    this.nanosPerTick = Number.isInteger(perTick) ? perTick : 0;
    this.limbDivision = this.ticksPerSecond <= LIMB_DIVISOR_LIMIT;
  }

  convert(high: number, low: number): void {
    const perSecond = this.ticksPerSecond;
    let whole: number;
    let rest: number;
    if (high < EXACT_HIGH_LIMIT && this.limbDivision) {
      const ticks = high * TWO_POW_32 + low;
      whole = Math.floor(ticks / perSecond);
      rest = ticks - whole * perSecond;
      if (rest < 0) {
        whole--;
        rest += perSecond;
      }
    } else if (this.limbDivision) {
      whole = 0;
      rest = 0;
      for (let shift = 48; shift >= 0; shift -= 16) {
        const word = shift >= 32 ? high : low;
        const limb = (word >>> (shift & 31)) & 0xffff;
        const part = rest * 65536 + limb;
        let quotient = Math.floor(part / perSecond);
        rest = part - quotient * perSecond;
        if (rest < 0) {
          quotient--;
          rest += perSecond;
        }
        whole = whole * 65536 + quotient;
      }
    } else {
      return this.convertSlowly(high, low);
    }
    this.seconds = whole + this.offsetSeconds;
    const perTick = this.nanosPerTick;
    this.nanoseconds = perTick > 0 ? rest * perTick : this.nanosOf(BigInt(rest));
  }

  private convertSlowly(high: number, low: number): void {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    this.seconds = Number(ticks / this.ticksPerSecondBig) + this.offsetSeconds;
    this.nanoseconds = this.nanosOf(ticks % this.ticksPerSecondBig);
  }

  /** Sub-second ticks to nanoseconds, truncated, for resolutions that do not divide 1e9. */
  private nanosOf(rest: bigint): number {
    return Number((rest * BigInt(NANOS_PER_SECOND)) / this.ticksPerSecondBig);
  }
}
