/**
 * Number formatting and derived figures shared by the simulate reports. Everything here is
 * locale-independent (same output on every machine) and total: a non-finite number prints as
 * an em dash rather than "NaN".
 */
import type { QueuePoint, SimulationResult, TierFill } from '../../simulate/result.js';

export const NO_VALUE = '—';

function finite(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** `1234567.8` → `1,234,567.8` with a fixed number of decimals. */
export function fmtNum(n: number | null | undefined, decimals = 0): string {
  if (!finite(n)) return NO_VALUE;
  const fixed = Math.abs(n).toFixed(decimals);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = n < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** An integer count with thousands separators. */
export function fmtInt(n: number | null | undefined): string {
  return fmtNum(n, 0);
}

/** A signed difference: `+12`, `-3.5`, `0`. */
export function fmtSigned(n: number | null | undefined, decimals = 0): string {
  if (!finite(n)) return NO_VALUE;
  const body = fmtNum(n, decimals);
  return Number(n.toFixed(decimals)) > 0 ? `+${body}` : body;
}

/** A share 0..1 as a percentage: `0.9234` → `92.3%`. */
export function fmtPct(share: number | null | undefined, decimals = 1): string {
  return finite(share) ? `${fmtNum(share * 100, decimals)}%` : NO_VALUE;
}

/** A difference of two shares in percentage points: `+3.1 pp`. */
export function fmtPp(delta: number | null | undefined, decimals = 1): string {
  return finite(delta) ? `${fmtSigned(delta * 100, decimals)} pp` : NO_VALUE;
}

/** Business hours with one decimal: `3.5 h`. */
export function fmtHours(hours: number | null | undefined): string {
  return finite(hours) ? `${fmtNum(hours, 1)} h` : NO_VALUE;
}

/** A relative change `(a - b) / b` as a signed percentage, or null when b is 0. */
export function relativeChange(simulated: number, actual: number): number | null {
  if (!finite(simulated) || !finite(actual) || actual === 0) return null;
  return (simulated - actual) / Math.abs(actual);
}

export function fmtRelative(simulated: number, actual: number): string {
  const r = relativeChange(simulated, actual);
  return r === null ? NO_VALUE : `${fmtSigned(r * 100, 1)}%`;
}

/**
 * Whether a simulated figure is better than the actual one, worse, or the same. `higherIsBetter`
 * is true for fill rates, false for stockouts, backorders, inventory value and late lines.
 */
export type Verdict = 'better' | 'worse' | 'same';

export function verdict(simulated: number, actual: number, higherIsBetter: boolean, epsilon = 1e-9): Verdict {
  if (!finite(simulated) || !finite(actual) || Math.abs(simulated - actual) <= epsilon) return 'same';
  return simulated > actual === higherIsBetter ? 'better' : 'worse';
}

/** Ordered-quantity-weighted fill rate over all tiers; null when nothing was ordered. */
export function overallFill(tiers: readonly TierFill[]): { simulated: number | null; actual: number | null; orderedQty: number; lines: number } {
  let qty = 0;
  let lines = 0;
  let sim = 0;
  let act = 0;
  for (const t of tiers) {
    if (!finite(t.orderedQty) || t.orderedQty <= 0) continue;
    qty += t.orderedQty;
    sim += t.simulated.fillRate * t.orderedQty;
    act += t.actual.fillRate * t.orderedQty;
  }
  for (const t of tiers) lines += finite(t.lines) ? t.lines : 0;
  return qty > 0 ? { simulated: sim / qty, actual: act / qty, orderedQty: qty, lines } : { simulated: null, actual: null, orderedQty: 0, lines };
}

export interface QueuePeaks {
  /** The first day with the most open requests. */
  open: QueuePoint | null;
  /** The first day with the oldest open request. */
  oldest: QueuePoint | null;
  /** Mean open requests per day. */
  meanOpen: number | null;
}

export function queuePeaks(queue: readonly QueuePoint[]): QueuePeaks {
  let open: QueuePoint | null = null;
  let oldest: QueuePoint | null = null;
  let sum = 0;
  for (const q of queue) {
    if (!open || q.open > open.open) open = q;
    if (!oldest || q.oldestAgeHours > oldest.oldestAgeHours) oldest = q;
    sum += q.open;
  }
  return { open, oldest, meanOpen: queue.length ? sum / queue.length : null };
}

export function totalEscalations(result: SimulationResult): number {
  return result.approvals.escalations.reduce((n, e) => n + e.count, 0);
}

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export const RESPONSE_SOURCE: Record<SimulationResult['approvals']['responseSource'], string> = {
  history: 'response times from history',
  model: 'response times modelled (no decisions in history)',
  mixed: 'response times partly modelled',
};

/** Roles by requests, most first (stable for ties). */
export function rolesByLoad<T extends { requests: number }>(roles: readonly T[]): T[] {
  return roles
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.requests - a.r.requests || a.i - b.i)
    .map(({ r }) => r);
}

/** Data-quality notes (skipped orders, bad snapshot lines), empty when the snapshot was clean. */
export function dataQualityNotes(result: SimulationResult): string[] {
  const notes: string[] = [];
  const { skippedOrders, badLines } = result.counts;
  if (skippedOrders > 0) notes.push(`${fmtInt(skippedOrders)} ${skippedOrders === 1 ? 'order was' : 'orders were'} skipped (missing partners or products)`);
  if (badLines > 0) notes.push(`${fmtInt(badLines)} snapshot ${badLines === 1 ? 'line was' : 'lines were'} not valid records and ignored`);
  return notes;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}
