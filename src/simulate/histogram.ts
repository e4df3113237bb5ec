/**
 * Quantiles of a stream of durations in fixed memory: quarter-hour bins up to a long tail.
 * Exact enough for medians and p90s of approval response times, whatever the history length.
 */
const BIN_HOURS = 0.25;
const BINS = 4 * 24 * 90;

export class Histogram {
  private readonly bins = new Float64Array(BINS + 1);
  count = 0;

  add(hours: number): void {
    const i = Math.min(BINS, Math.max(0, Math.floor(hours / BIN_HOURS)));
    this.bins[i]! += 1;
    this.count++;
  }

  quantile(q: number): number {
    if (this.count === 0) return 0;
    const target = q * this.count;
    let seen = 0;
    for (let i = 0; i <= BINS; i++) {
      seen += this.bins[i]!;
      if (seen >= target) return (i + 0.5) * BIN_HOURS;
    }
    return BINS * BIN_HOURS;
  }
}
