/**
 * Time for the generated history: UTC instants (ms), Odoo's datetime strings, Amsterdam wall
 * clock (the company's), and the business calendar (Mon–Fri 08:30–17:30, Dutch holidays).
 *
 * The Amsterdam offset follows the EU rule (summer time from the last Sunday of March to the
 * last Sunday of October, 01:00 UTC) in code, not through Intl, so output never depends on the
 * host's time-zone database.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 'YYYY-MM-DD' → UTC midnight in ms; undefined when not a real date. */
export function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : undefined;
}

/** UTC midnight of the same day of month, `months` later (clamped to the month's last day). */
export function addMonths(dayMs: number, months: number): number {
  const d = new Date(dayMs);
  const target = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const lastDay = new Date(Date.UTC(new Date(target).getUTCFullYear(), new Date(target).getUTCMonth() + 1, 0)).getUTCDate();
  return target + (Math.min(d.getUTCDate(), lastDay) - 1) * DAY;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Odoo's datetime wire format, UTC: 'YYYY-MM-DD HH:MM:SS'. */
export function odooDatetime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Odoo's date wire format: 'YYYY-MM-DD'. */
export function odooDate(ms: number): string {
  return odooDatetime(ms).slice(0, 10);
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(dayMs: number): number {
  return new Date(dayMs).getUTCDay();
}

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/** UTC offset of Europe/Amsterdam at an instant, in hours (1 in winter, 2 in summer). */
export function amsterdamOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const start = lastSundayUtc(year, 2) + HOUR;
  const end = lastSundayUtc(year, 9) + HOUR;
  return ms >= start && ms < end ? 2 : 1;
}

/** The UTC instant of an Amsterdam wall-clock time (`minutes` after local midnight) on a calendar day. */
export function amsterdamTime(dayMs: number, minutes: number): number {
  const guess = dayMs + minutes * MINUTE - HOUR;
  return dayMs + minutes * MINUTE - amsterdamOffset(guess) * HOUR;
}

/** The Amsterdam calendar day (as UTC midnight ms) of an instant. */
export function amsterdamDay(ms: number): number {
  return startOfDay(ms + amsterdamOffset(ms) * HOUR);
}

/** Easter Sunday (anonymous Gregorian algorithm), UTC midnight. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** Dutch public holidays a distributor closes on. */
export function dutchHolidays(year: number): Set<number> {
  const e = easter(year);
  const kingsDay = Date.UTC(year, 3, 27);
  return new Set([
    Date.UTC(year, 0, 1),
    e + DAY, // Easter Monday
    weekday(kingsDay) === 0 ? kingsDay - DAY : kingsDay,
    e + 39 * DAY, // Ascension
    e + 50 * DAY, // Whit Monday
    Date.UTC(year, 11, 25),
    Date.UTC(year, 11, 26),
  ]);
}

const OPEN_MINUTES = 8 * 60 + 30;
const CLOSE_MINUTES = 17 * 60 + 30;

/** Working days and hours of the company (Amsterdam): the clock approvals are measured on. */
export class BusinessCalendar {
  private readonly holidays = new Map<number, Set<number>>();

  isWorkday(dayMs: number): boolean {
    const wd = weekday(dayMs);
    if (wd === 0 || wd === 6) return false;
    const year = new Date(dayMs).getUTCFullYear();
    let set = this.holidays.get(year);
    if (!set) {
      set = dutchHolidays(year);
      this.holidays.set(year, set);
    }
    return !set.has(dayMs);
  }

  isHoliday(dayMs: number): boolean {
    const wd = weekday(dayMs);
    return wd !== 0 && wd !== 6 && !this.isWorkday(dayMs);
  }

  /** The first workday on or after `dayMs`. */
  workdayOnOrAfter(dayMs: number): number {
    let d = dayMs;
    while (!this.isWorkday(d)) d += DAY;
    return d;
  }

  /** `n` workdays after `dayMs` (n ≥ 0; 0 gives the first workday on or after it). */
  addWorkdays(dayMs: number, n: number): number {
    let d = this.workdayOnOrAfter(dayMs);
    for (let i = 0; i < n; i++) d = this.workdayOnOrAfter(d + DAY);
    return d;
  }

  open(dayMs: number): number {
    return amsterdamTime(dayMs, OPEN_MINUTES);
  }

  close(dayMs: number): number {
    return amsterdamTime(dayMs, CLOSE_MINUTES);
  }

  /** The instant `hours` of business time after `start` (time outside working hours does not count). */
  addBusinessHours(start: number, hours: number): number {
    let remaining = hours * HOUR;
    let day = amsterdamDay(start);
    let t = start;
    for (;;) {
      if (this.isWorkday(day)) {
        const from = Math.max(t, this.open(day));
        const until = this.close(day);
        if (from < until) {
          if (from + remaining <= until) return from + remaining;
          remaining -= until - from;
        }
      }
      day += DAY;
      t = this.open(day);
    }
  }

  /** Business hours between two instants (0 when `end` ≤ `start`). */
  businessHoursBetween(start: number, end: number): number {
    let total = 0;
    for (let day = amsterdamDay(start); day <= amsterdamDay(end); day += DAY) {
      if (!this.isWorkday(day)) continue;
      const from = Math.max(start, this.open(day));
      const until = Math.min(end, this.close(day));
      if (until > from) total += until - from;
    }
    return total / HOUR;
  }
}
