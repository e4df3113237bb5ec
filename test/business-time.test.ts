/** Business time in a calendar's own zone: working hours, weekends, holidays and DST. */
import { describe, expect, it } from 'vitest';
import { BusinessClock } from '../src/kinds/calendar/business-time.js';
import type { Calendar } from '../src/kinds/calendar/calendar.js';

const nine17 = [{ start: 9 * 60, end: 17 * 60 }];
const cal: Calendar = {
  name: 'office',
  timezone: 'Europe/Amsterdam',
  hours: { mon: nine17, tue: nine17, wed: nine17, thu: nine17, fri: nine17, sat: [], sun: [] },
  holidays: [{ from: '2026-12-25', to: '2026-12-26' }],
};
const t = (iso: string): number => Date.parse(iso);

describe('BusinessClock', () => {
  const clock = new BusinessClock(cal);
  it('counts only working minutes in the local zone', () => {
    // Monday 2026-10-05 09:00 Amsterdam (CEST, UTC+2) = 07:00Z.
    expect(clock.minutesBetween(t('2026-10-05T07:00:00Z'), t('2026-10-05T09:00:00Z'))).toBe(120);
    expect(clock.minutesBetween(t('2026-10-05T05:00:00Z'), t('2026-10-05T07:30:00Z'))).toBe(30);
  });
  it('skips the weekend', () => {
    // Friday 16:00 local → Monday 10:00 local = 1h + 1h.
    expect(clock.minutesBetween(t('2026-10-09T14:00:00Z'), t('2026-10-12T08:00:00Z'))).toBe(120);
  });
  it('skips holidays', () => {
    // Thu 24 Dec 16:00 CET → Mon 28 Dec 10:00 CET: 1h + (Fri 25 holiday) + 1h.
    expect(clock.minutesBetween(t('2026-12-24T15:00:00Z'), t('2026-12-28T09:00:00Z'))).toBe(120);
  });
  it('follows daylight saving time', () => {
    // After 25 Oct 2026 Amsterdam is UTC+1: Monday 26 Oct 09:00 local = 08:00Z.
    expect(clock.add(t('2026-10-26T08:00:00Z'), 60)).toBe(t('2026-10-26T09:00:00Z'));
    expect(clock.add(t('2026-10-23T14:00:00Z'), 120)).toBe(t('2026-10-26T09:00:00Z'));
  });
  it('add and minutesBetween are inverse', () => {
    const from = t('2026-10-07T12:34:00Z');
    for (const m of [1, 59, 480, 1000, 5000]) expect(clock.minutesBetween(from, clock.add(from, m))).toBeCloseTo(m, 6);
  });
});
