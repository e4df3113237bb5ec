/**
 * Business time in a Calendar: working minutes between two instants, and the instant a number
 * of working minutes after another. Escalation clocks run on this, in simulate and serve alike.
 * Days are laid out in the calendar's own time zone (DST included) and cached by date.
 */
import { WEEKDAYS, type Calendar } from './calendar.js';

const DAY_MS = 86_400_000;

export class BusinessClock {
  private readonly days = new Map<string, readonly (readonly [number, number])[]>();
  private readonly dateFmt: Intl.DateTimeFormat;
  private readonly partsFmt: Intl.DateTimeFormat;

  constructor(readonly calendar: Calendar) {
    this.dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.partsFmt = new Intl.DateTimeFormat('en-US', {
      timeZone: calendar.timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** The calendar-local date (YYYY-MM-DD) of an instant. */
  localDate(ms: number): string {
    return this.dateFmt.format(ms);
  }

  /** Offset of the zone from UTC at an instant, in ms (Amsterdam in summer: +2h). */
  private offset(ms: number): number {
    const p = Object.fromEntries(this.partsFmt.formatToParts(ms).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(+p['year']!, +p['month']! - 1, +p['day']!, +p['hour']!, +p['minute']!, +p['second']!);
    return asUtc - Math.floor(ms / 1000) * 1000;
  }

  /** UTC ms of a local wall-clock time on a local date. */
  private wall(date: string, minutes: number): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const guess = Date.UTC(y, m - 1, d) + minutes * 60_000;
    const first = guess - this.offset(guess);
    // Re-check across a DST change between the guess and the result.
    return guess - this.offset(first);
  }

  /** Working intervals of a local date, as UTC ms [start, end) pairs. */
  intervals(date: string): readonly (readonly [number, number])[] {
    let out = this.days.get(date);
    if (out) return out;
    const holiday = this.calendar.holidays.some((h) => h.from <= date && date <= h.to);
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const weekday = WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
    out = holiday ? [] : this.calendar.hours[weekday].map((iv) => [this.wall(date, iv.start), this.wall(date, iv.end)] as const);
    this.days.set(date, out);
    return out;
  }

  private nextDate(date: string): string {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
  }

  /** Working minutes in [from, to). */
  minutesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    let date = this.localDate(from);
    const last = this.localDate(to);
    for (let guard = 0; guard < 3660; guard++) {
      for (const [s, e] of this.intervals(date)) {
        const a = Math.max(s, from);
        const b = Math.min(e, to);
        if (b > a) total += b - a;
      }
      if (date >= last) break;
      date = this.nextDate(date);
    }
    return total / 60_000;
  }

  /** The instant `minutes` working minutes after `from` (at most ten years of searching). */
  add(from: number, minutes: number): number {
    let left = minutes * 60_000;
    let date = this.localDate(from);
    for (let guard = 0; guard < 3660; guard++) {
      for (const [s, e] of this.intervals(date)) {
        const a = Math.max(s, from);
        if (e <= a) continue;
        if (left <= e - a) return a + left;
        left -= e - a;
      }
      date = this.nextDate(date);
    }
    return Number.POSITIVE_INFINITY;
  }
}
