/** Calendar: a time zone, working hours per weekday, holidays. Business time is measured in it. */
import type { JsonSchema } from '../../language/schema-defs.js';
import type { DocumentContext } from '../context.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const RANGE = '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$';

export const calendarSpecSchema: JsonSchema = {
  type: 'object',
  required: ['timezone', 'workingHours'],
  additionalProperties: false,
  properties: {
    timezone: { type: 'string', description: 'IANA time zone, e.g. Europe/Amsterdam.', examples: ['Europe/Amsterdam', 'America/Chicago'] },
    workingHours: {
      type: 'object',
      description: 'Per weekday, one or more "HH:MM-HH:MM" ranges; a day left out is not a working day.',
      additionalProperties: false,
      properties: Object.fromEntries(
        WEEKDAYS.map((d) => [d, { oneOf: [{ type: 'string', pattern: RANGE }, { type: 'array', items: { type: 'string', pattern: RANGE }, minItems: 1 }] }]),
      ),
    },
    holidays: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          date: { $ref: '#/$defs/date' },
          from: { $ref: '#/$defs/date' },
          to: { $ref: '#/$defs/date' },
        },
        oneOf: [{ required: ['date'] }, { required: ['from', 'to'] }],
      },
    },
  },
};

export interface Interval {
  /** Minutes since midnight. */
  start: number;
  end: number;
}

export interface Calendar {
  name: string;
  timezone: string;
  hours: Record<Weekday, Interval[]>;
  /** Inclusive date ranges, YYYY-MM-DD. */
  holidays: { from: string; to: string; name?: string }[];
}

interface CalendarSpec {
  timezone: string;
  workingHours: Partial<Record<Weekday, string | string[]>>;
  holidays?: { name?: string; date?: string; from?: string; to?: string }[];
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

export function isRealDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const dt = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return dt.getUTCFullYear() === +m[1]! && dt.getUTCMonth() === +m[2]! - 1 && dt.getUTCDate() === +m[3]!;
}

export function compileCalendar(spec: CalendarSpec, ctx: DocumentContext): Calendar {
  if (!isValidTimeZone(spec.timezone)) {
    ctx.report('calendar/invalid-timezone', 'error', `"${spec.timezone}" is not an IANA time zone`, ['spec', 'timezone'], {
      hint: 'Use a zone name like Europe/Amsterdam or America/New_York (not an abbreviation like CET).',
    });
  }
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as Interval[]])) as Record<Weekday, Interval[]>;
  for (const day of WEEKDAYS) {
    const raw = spec.workingHours[day];
    if (raw === undefined) continue;
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((r, i) => {
      const path = Array.isArray(raw) ? ['spec', 'workingHours', day, i] : ['spec', 'workingHours', day];
      const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(r);
      const start = m ? +m[1]! * 60 + +m[2]! : NaN;
      const end = m ? +m[3]! * 60 + +m[4]! : NaN;
      if (!m || +m[1]! > 23 || +m[2]! > 59 || +m[4]! > 59 || end > 24 * 60 || !(start < end)) {
        ctx.report('calendar/invalid-hours', 'error', `"${r}" is not a valid working-hours range`, path, {
          hint: 'Write HH:MM-HH:MM with the start before the end, e.g. 08:30-17:00 (24:00 ends the day).',
        });
        return;
      }
      const clash = hours[day].find((h) => start < h.end && h.start < end);
      if (clash) ctx.report('calendar/overlapping-hours', 'error', `"${r}" overlaps another range on ${day}`, path);
      hours[day].push({ start, end });
    });
    hours[day].sort((a, b) => a.start - b.start);
  }
  if (WEEKDAYS.every((d) => hours[d].length === 0)) {
    ctx.report('calendar/no-working-time', 'error', 'the calendar has no working hours at all', ['spec', 'workingHours'], {
      hint: 'Business time would never pass: escalations in this calendar would never fire.',
    });
  }
  const holidays: Calendar['holidays'] = [];
  (spec.holidays ?? []).forEach((h, i) => {
    const path = ['spec', 'holidays', i];
    const from = h.date ?? h.from ?? '';
    const to = h.date ?? h.to ?? '';
    for (const [key, d] of [h.date ? ['date', h.date] : ['from', from], ['to', to]] as const) {
      if (h.date && key === 'to') continue;
      if (!isRealDate(d)) ctx.report('calendar/invalid-date', 'error', `"${d}" is not a real date`, [...path, key]);
    }
    if (isRealDate(from) && isRealDate(to) && from > to) {
      ctx.report('calendar/invalid-date-range', 'error', `holiday range ends (${to}) before it starts (${from})`, [...path, 'to']);
    }
    holidays.push({ from, to, ...(h.name ? { name: h.name } : {}) });
  });
  return { name: ctx.name, timezone: spec.timezone, hours, holidays };
}
