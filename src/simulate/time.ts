/** Odoo's UTC datetime strings and days, as the replay counts them. */
export const DAY_MS = 86_400_000;

/** "2026-10-05 09:30:00" or ISO → ms since epoch; NaN when absent or malformed. */
export function odooTime(v: unknown): number {
  if (typeof v !== 'string' || v.length < 10) return Number.NaN;
  // Odoo's own form, read digit by digit: the replay parses millions of these.
  if (v.length === 19 && v.charCodeAt(10) === 0x20) {
    const t = fixedTime(v);
    if (!Number.isNaN(t)) return t;
  }
  return Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}${v.endsWith('Z') ? '' : 'Z'}`);
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, or NaN (then Date.parse decides, and rejects what it must). */
function fixedTime(v: string): number {
  const d = (i: number): number => {
    const c = v.charCodeAt(i) - 0x30;
    return c >= 0 && c <= 9 ? c : Number.NaN;
  };
  if (v.charCodeAt(4) !== 0x2d || v.charCodeAt(7) !== 0x2d || v.charCodeAt(13) !== 0x3a || v.charCodeAt(16) !== 0x3a) return Number.NaN;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  const hour = d(11) * 10 + d(12);
  const minute = d(14) * 10 + d(15);
  const second = d(17) * 10 + d(18);
  // Date.UTC reads years 0–99 as 1900–1999: leave those to Date.parse.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over to March; such a date is malformed, not a later one.
  return new Date(t).getUTCDate() === day ? t : Number.NaN;
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
