/** Odoo's UTC datetime strings and days, as the replay counts them. */
export const DAY_MS = 86_400_000;

/** "2026-10-05 09:30:00" or ISO → ms since epoch; NaN when absent or malformed. */
export function odooTime(v: unknown): number {
  if (typeof v !== 'string' || v.length < 10) return Number.NaN;
  return Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}${v.endsWith('Z') ? '' : 'Z'}`);
}

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
