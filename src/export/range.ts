/**
 * The export's time range `[since, until)`: dates in UTC, as Odoo stores datetimes.
 *
 * `2024-04-01` means 2024-04-01T00:00:00Z. A full UTC date-time (`2024-04-01T06:00:00Z`) is
 * accepted for finer cuts. The manifest keeps ISO 8601 (`…T00:00:00Z`); domains get Odoo's
 * `YYYY-MM-DD HH:MM:SS`.
 */
import { ExportError } from './errors.js';

export interface ExportRange {
  /** ISO 8601 UTC, e.g. `2024-04-01T00:00:00Z` (as stored in the manifest). */
  since: string;
  until: string;
  /** Odoo's datetime format, e.g. `2024-04-01 00:00:00` (for domains). */
  odooSince: string;
  odooUntil: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.0+)?Z?$/;

/** Parses one end of the range; `name` (e.g. `--since`) is used in the message. */
export function parseRangeEnd(value: string, name: string): Date {
  const text = value.trim();
  const m = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!m) {
    throw new ExportError('bad-range', `${name} must be a date YYYY-MM-DD (got "${value}")`, 'Dates are UTC days; e.g. --since 2024-04-01 --until 2024-07-01.');
  }
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0');
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const roundTrip =
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(s);
  if (!roundTrip) throw new ExportError('bad-range', `${name} is not a real date: "${value}"`);
  return date;
}

export function parseRange(since: string, until: string, names: { since: string; until: string } = { since: 'since', until: 'until' }): ExportRange {
  const from = parseRangeEnd(since, names.since);
  const to = parseRangeEnd(until, names.until);
  if (to.getTime() <= from.getTime()) {
    throw new ExportError(
      'bad-range',
      `${names.until} (${until}) must be after ${names.since} (${since}): the range is [since, until), until excluded`,
    );
  }
  return { since: iso(from), until: iso(to), odooSince: odoo(from), odooUntil: odoo(to) };
}

/** `2024-04-01T00:00:00Z`. */
function iso(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** `2024-04-01 00:00:00`. */
function odoo(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
