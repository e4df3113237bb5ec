/**
 * The approval side of the replay: every order's requirement under the rules, the requests it
 * puts on each role's desk (tracks in parallel, steps within a track in turn), how long each
 * waits — response times drawn from the history's own approvals, per role — what escalates
 * under the escalation policies in business time, and the queue's depth and age day by day.
 */
import type { ApprovalDecision } from '../kinds/approval/decide.js';
import type { EscalationPolicy } from '../kinds/escalation/escalation.js';
import type { RuleSet } from '../ruleset/types.js';
import { BusinessClock } from '../kinds/calendar/business-time.js';
import type { Calendar } from '../kinds/calendar/calendar.js';
import { MinHeap } from './heap.js';
import { Histogram } from './histogram.js';
import { DAY_MS, dateOfDay } from './time.js';
import type { EscalationCount, QueuePoint, RoleLoad, SimulationResult } from './result.js';

/** A deterministic number in [0, 1) from a string key (FNV-1a), so two runs never differ. */
export function unit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) + 0.5) / 4294967296;
}

/** Inverse of the standard normal CDF (Acklam's approximation), for the stated response model. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) / ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
  }
  if (q > 1 - 0.02425) return -normalQuantile(1 - q);
  const r = q - 0.5;
  const s = r * r;
  return ((((((a[0]! * s + a[1]!) * s + a[2]!) * s + a[3]!) * s + a[4]!) * s + a[5]!) * r) / (((((b[0]! * s + b[1]!) * s + b[2]!) * s + b[3]!) * s + b[4]!) * s + 1);
}

/** The stated model where history has no answer: log-normal, median 4 business hours. */
export const MODEL_MEDIAN_HOURS = 4;
const MODEL_SIGMA = 1;
const MIN_OBSERVATIONS = 20;
const RESERVOIR = 2000;

/**
 * Response times in business hours per role, learnt from the history's approvals as the replay
 * reaches them (a bounded reservoir per role), shared by every rule set being replayed.
 */
export class ResponseTimes {
  private readonly byRole = new Map<string, number[]>();
  private readonly all: number[] = [];
  modelled = 0;
  fromHistory = 0;

  observe(roles: readonly string[], hours: number): void {
    for (const role of roles) push(this.byRole, role, hours);
    if (this.all.length < RESERVOIR) this.all.push(hours);
    else this.all[Math.floor(unit(`all:${this.all.length}:${hours}`) * RESERVOIR)] = hours;
  }

  observations(): number {
    return this.all.length;
  }

  sample(role: string, key: string): number {
    const u = unit(key);
    const pool = this.byRole.get(role);
    const source = pool && pool.length >= MIN_OBSERVATIONS ? pool : this.all.length >= MIN_OBSERVATIONS ? this.all : null;
    if (source) {
      this.fromHistory++;
      return source[Math.floor(u * source.length)]!;
    }
    this.modelled++;
    return MODEL_MEDIAN_HOURS * Math.exp(MODEL_SIGMA * normalQuantile(u));
  }
}

function push(map: Map<string, number[]>, role: string, hours: number): void {
  const list = map.get(role) ?? [];
  if (list.length < RESERVOIR) list.push(hours);
  else list[Math.floor(unit(`${role}:${list.length}:${hours}`) * RESERVOIR)] = hours;
  map.set(role, list);
}

/** A calendar that is always open, for steps without an escalation policy (stated in the report). */
export const ALWAYS_OPEN: Calendar = {
  name: '(24/7)',
  timezone: 'UTC',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: 0, end: 1440 }]])) as Calendar['hours'],
  holidays: [],
};

interface Request {
  created: number;
  closed: number;
  open: boolean;
}

interface RoleStats {
  perDay: Map<number, number>;
  requests: number;
  escalations: number;
  response: Histogram;
}

export class ApprovalModel {
  private readonly clocks = new Map<string, BusinessClock>();
  private readonly defaultClock: BusinessClock;
  private readonly roles = new Map<string, RoleStats>();
  private readonly rows = new Map<string, number>();
  private readonly escalations = new Map<string, EscalationCount>();
  private readonly pending = new MinHeap<Request>((a, b) => a.created < b.created);
  private readonly closing = new MinHeap<Request>((a, b) => a.closed < b.closed);
  private readonly byAge = new MinHeap<Request>((a, b) => a.created < b.created);
  private readonly queue: QueuePoint[] = [];
  private readonly tally = { orders: 0, allowed: 0, requiring: 0, denied: 0, uncertain: 0 };
  /** Facts that were missing where a row read them (it fired, failing closed): orders, and which rows. */
  private readonly missing = new Map<string, { orders: number; rows: Set<string> }>();
  usedAlwaysOpen = false;

  constructor(
    private readonly rs: RuleSet,
    private readonly responses: ResponseTimes,
  ) {
    for (const c of rs.calendars.values()) this.clocks.set(c.name, new BusinessClock(c));
    const first = [...rs.calendars.values()][0];
    this.defaultClock = first ? this.clocks.get(first.name)! : new BusinessClock(ALWAYS_OPEN);
    for (const m of rs.matrices.values()) if (m.model === 'sale.order') for (const r of m.rows) this.rows.set(`${m.name}\u0000${r.id}`, 0);
  }

  /** The clock business hours are counted in when no escalation policy applies. */
  get clock(): BusinessClock {
    return this.defaultClock;
  }

  private stats(role: string): RoleStats {
    let s = this.roles.get(role);
    if (!s) {
      s = { perDay: new Map(), requests: 0, escalations: 0, response: new Histogram() };
      this.roles.set(role, s);
    }
    return s;
  }

  /** Record one order's decisions (one per matrix) and put its requests in the queue. */
  onOrder(orderKey: string, at: number, decisions: readonly ApprovalDecision[]): void {
    this.tally.orders++;
    let requiring = false;
    let denied = false;
    let uncertain = false;
    const missingHere = new Set<string>();
    for (const d of decisions) {
      for (const row of d.rows) this.rows.set(`${d.matrix}\u0000${row}`, (this.rows.get(`${d.matrix}\u0000${row}`) ?? 0) + 1);
      if (d.outcome === 'deny') denied = true;
      if (d.outcome === 'require') requiring = true;
      if (d.uncertainRows.length) uncertain = true;
      for (const f of d.missingFacts) {
        let m = this.missing.get(f);
        if (!m) this.missing.set(f, (m = { orders: 0, rows: new Set() }));
        if (!missingHere.has(f)) m.orders++;
        missingHere.add(f);
        for (const r of d.uncertainRows) m.rows.add(`${d.matrix}/${r}`);
      }
      if (d.outcome !== 'require') continue;
      const tracks = new Map<string, typeof d.steps>();
      for (const s of d.steps) tracks.set(s.track, [...(tracks.get(s.track) ?? []), s]);
      for (const [track, steps] of tracks) {
        let t = at;
        for (const s of steps) t = this.request(`${orderKey}/${d.matrix}/${track}/${s.sequence}`, s.role, s.escalation, t);
      }
    }
    if (denied) this.tally.denied++;
    else if (requiring) this.tally.requiring++;
    else this.tally.allowed++;
    if (uncertain) this.tally.uncertain++;
  }

  /** One request: created at `at`, answered after a sampled response, escalated on the way; returns when it closed. */
  private request(key: string, role: string, policyName: string | undefined, at: number): number {
    const policy: EscalationPolicy | undefined = policyName ? this.rs.escalations.get(policyName) : undefined;
    const clock = (policy && this.clocks.get(policy.calendar)) ?? this.defaultClock;
    if (!policy && clock === this.defaultClock && this.rs.calendars.size === 0) this.usedAlwaysOpen = true;
    const s = this.stats(role);
    s.requests++;
    const day = Math.floor(at / DAY_MS);
    s.perDay.set(day, (s.perDay.get(day) ?? 0) + 1);
    let minutes = this.responses.sample(role, key) * 60;
    for (const [i, step] of (policy?.steps ?? []).entries()) {
      if (step.afterMinutes >= minutes) break;
      const k = `${policy!.name}\u0000${i}`;
      const e = this.escalations.get(k) ?? { policy: policy!.name, step: i + 1, action: step.action, after: step.after, count: 0 };
      e.count++;
      this.escalations.set(k, e);
      if (step.action === 'escalate') s.escalations++;
      if (step.action === 'expire') {
        minutes = step.afterMinutes;
        break;
      }
    }
    s.response.add(minutes / 60);
    const closed = clock.add(at, minutes);
    this.pending.push({ created: at, closed, open: true });
    return closed;
  }

  /** Close the day: requests answered by its end leave the queue; measure what is left. */
  endOfDay(day: number): void {
    const end = (day + 1) * DAY_MS;
    while ((this.pending.peek()?.created ?? Infinity) < end) {
      const r = this.pending.pop()!;
      this.closing.push(r);
      this.byAge.push(r);
    }
    while ((this.closing.peek()?.closed ?? Infinity) <= end) this.closing.pop()!.open = false;
    while (this.byAge.peek() && !this.byAge.peek()!.open) this.byAge.pop();
    const oldest = this.byAge.peek();
    this.queue.push({
      date: dateOfDay(day),
      open: this.closing.size,
      oldestAgeHours: oldest ? Math.round((this.defaultClock.minutesBetween(oldest.created, end) / 60) * 10) / 10 : 0,
    });
  }

  result(days: number, responseSource: SimulationResult['approvals']['responseSource']): SimulationResult['approvals'] {
    const byRole: RoleLoad[] = [...this.roles.entries()]
      .map(([role, s]) => ({
        role,
        requests: s.requests,
        perDayAvg: Math.round((s.requests / Math.max(1, days)) * 100) / 100,
        perDayMax: Math.max(0, ...s.perDay.values()),
        medianResponseHours: s.response.quantile(0.5),
        p90ResponseHours: s.response.quantile(0.9),
        escalations: s.escalations,
      }))
      .sort((a, b) => b.requests - a.requests || a.role.localeCompare(b.role));
    return {
      ...this.tally,
      byRole,
      byRow: [...this.rows].map(([k, fired]) => {
        const [matrix, row] = k.split('\u0000') as [string, string];
        return { matrix, row, fired };
      }),
      escalations: [...this.escalations.values()].sort((a, b) => a.policy.localeCompare(b.policy) || a.step - b.step),
      queue: this.queue,
      responseSource,
      missingFacts: [...this.missing]
        .map(([fact, m]) => ({ fact, orders: m.orders, rows: [...m.rows].sort() }))
        .sort((a, b) => b.orders - a.orders || a.fact.localeCompare(b.fact)),
    };
  }
}
