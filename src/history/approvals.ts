/**
 * How sale orders were approved during the year: the approval policy the company ran (which
 * orders needed whom), and how people answered — in business hours, with a long tail, with
 * holidays, delegates and the occasional rejection.
 *
 * An approval request is an Odoo activity of type "Approval" on the order. When done, Odoo
 * deletes the activity and posts a chatter note ("Approval done", with the feedback); requests
 * still pending at the end of the window remain as open mail.activity records.
 */
import type { Customer } from './customers.js';
import { Rng } from './random.js';
import { TEAMS, user, type User } from './reference.js';
import { BusinessCalendar, DAY, MINUTE, amsterdamDay } from './time.js';

export type ApprovalRole = 'sales-manager' | 'sales-director' | 'credit-control';

export const ROLE_SUMMARY: Readonly<Record<ApprovalRole, string>> = {
  'sales-manager': 'Approval: Sales Manager',
  'sales-director': 'Approval: Sales Director',
  'credit-control': 'Approval: Credit Control',
};

export type ApprovalReason = 'amount' | 'large-amount' | 'discount' | 'deep-discount' | 'margin' | 'negative-margin' | 'credit-hold' | 'over-limit' | 'no-limit';

export interface ApprovalRequest {
  role: ApprovalRole;
  assignee: User;
  reasons: ApprovalReason[];
  /** Human explanation, as the note of the activity. */
  note: string;
}

export interface OrderFacts {
  name: string;
  amountUntaxed: number;
  amountTotal: number;
  maxDiscount: number;
  marginPct: number;
  customer: Customer;
  /** Open receivables of the customer when the order was entered (an estimate). */
  creditUsed: number;
  salesperson: User;
  teamId: number;
}

/** "€ 31,250.00", formatted by hand so output never depends on the host's locale data. */
export function eur(x: number): string {
  const [whole, cents] = Math.abs(x).toFixed(2).split('.') as [string, string];
  return `${x < 0 ? '-' : ''}€ ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * The approval policy the history was run under (the company's "old" rules, close to but not
 * the same as the example rule pack, so a replay shows differences).
 */
export function approvalRequests(f: OrderFacts): ApprovalRequest[] {
  const manager: ApprovalReason[] = [];
  const director: ApprovalReason[] = [];
  const credit: ApprovalReason[] = [];
  const notes = new Map<ApprovalReason, string>();
  if (f.amountUntaxed >= 10_000) {
    manager.push('amount');
    notes.set('amount', `untaxed amount ${eur(f.amountUntaxed)} is 10,000 or more`);
  }
  if (f.amountUntaxed >= 50_000) {
    director.push('large-amount');
    notes.set('large-amount', `untaxed amount ${eur(f.amountUntaxed)} is 50,000 or more`);
  }
  if (f.maxDiscount > 15) {
    manager.push('discount');
    notes.set('discount', `a line discount of ${f.maxDiscount}% exceeds 15%`);
  }
  if (f.maxDiscount > 30) {
    director.push('deep-discount');
    notes.set('deep-discount', `a line discount of ${f.maxDiscount}% exceeds 30%`);
  }
  if (f.amountUntaxed >= 1_000 && f.marginPct < 10) {
    manager.push('margin');
    notes.set('margin', `margin ${f.marginPct.toFixed(1)}% is below 10%`);
  }
  if (f.amountUntaxed > 0 && f.marginPct < 0) {
    director.push('negative-margin');
    notes.set('negative-margin', `the order sells below cost (margin ${f.marginPct.toFixed(1)}%)`);
  }
  if (f.customer.tags.includes('Credit Hold')) {
    credit.push('credit-hold');
    notes.set('credit-hold', 'the customer is on credit hold');
  } else if (f.customer.creditLimit === false) {
    if (f.amountTotal >= 5_000) {
      credit.push('no-limit');
      notes.set('no-limit', `no credit limit set and the order total ${eur(f.amountTotal)} is 5,000 or more`);
    }
  } else if (f.creditUsed + f.amountTotal > f.customer.creditLimit) {
    credit.push('over-limit');
    notes.set('over-limit', `open ${eur(f.creditUsed)} + order ${eur(f.amountTotal)} exceeds the credit limit of ${eur(f.customer.creditLimit)}`);
  }
  const requests: ApprovalRequest[] = [];
  const leader = user(TEAMS.find((t) => t.id === f.teamId)!.leader);
  const directorUser = user('h.vanrijn');
  // Segregation of duties: a team leader who sold the order does not approve it; the director does.
  const managerUser = leader.id === f.salesperson.id ? directorUser : leader;
  const add = (role: ApprovalRole, assignee: User, reasons: ApprovalReason[]): void => {
    if (reasons.length === 0) return;
    const existing = requests.find((r) => r.assignee.id === assignee.id);
    if (existing) {
      existing.reasons.push(...reasons);
      return;
    }
    requests.push({ role, assignee, reasons: [...reasons], note: '' });
  };
  // Routed to the director for segregation of duties, the request is the director's.
  add(managerUser.id === directorUser.id ? 'sales-director' : 'sales-manager', managerUser, manager);
  add('sales-director', directorUser, director);
  add('credit-control', user(creditControllerFor(f.name)), credit);
  for (const r of requests) {
    r.note = `<p>${f.name}: ${r.reasons.map((x) => notes.get(x)).join('; ')}.</p>`;
  }
  return requests;
}

/** Credit requests go to the credit controller, one in four to the receivables accountant. */
function creditControllerFor(orderName: string): string {
  let h = 0;
  for (const ch of orderName) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 4 === 0 ? 'w.kok' : 'e.smit';
}

export interface ApprovalResponse {
  /** Infinity when never answered. */
  doneAt: number;
  doneBy: User;
  rejected: boolean;
  feedback: string;
}

const MEDIAN_HOURS: Readonly<Record<ApprovalRole, number>> = { 'sales-manager': 2, 'sales-director': 5, 'credit-control': 3 };

const DELEGATES: Readonly<Record<string, string>> = {
  'a.bakker': 'i.vos',
  'i.vos': 'a.bakker',
  'k.schneider': 'a.bakker',
  'c.moreau': 'a.bakker',
  'm.dejong': 'h.vanrijn',
  'h.vanrijn': 'f.brouwer',
  'e.smit': 'w.kok',
  'w.kok': 'e.smit',
};

const APPROVED = ['Approved', 'Approved', 'Approved', 'Approved', 'OK, approved', 'Approved: strategic account', 'Approved, watch the margin on the follow-up', 'Approved after call with the customer'];
const REJECTED: Readonly<Record<ApprovalRole, readonly string[]>> = {
  'sales-manager': ['Rejected: discount too deep, go back to the customer', 'Rejected: margin below floor', 'Rejected: price not agreed'],
  'sales-director': ['Rejected: not at this price', 'Rejected: needs a framework agreement first'],
  'credit-control': ['Rejected: over credit limit, ask for prepayment', 'Rejected: overdue invoices must be paid first'],
};

/** Answers approval requests: who answers, when, and how. */
export class ApprovalDesk {
  private readonly absences = new Map<string, Array<readonly [number, number]>>();

  constructor(
    rng: Rng,
    private readonly calendar: BusinessCalendar,
    start: number,
    days: number,
  ) {
    const r = rng.fork('absences');
    for (const login of Object.keys(DELEGATES)) {
      const spans: Array<readonly [number, number]> = [];
      // Two summer weeks (July–August) when the window has a summer, and one other week off.
      for (let d = 0; d < days; d++) {
        const date = new Date(start + d * DAY);
        if (date.getUTCMonth() === 6 && date.getUTCDate() === 1) {
          const from = start + (d + r.int(0, 45)) * DAY;
          spans.push([from, from + 14 * DAY]);
        }
      }
      const week = start + r.int(20, Math.max(21, days - 20)) * DAY;
      spans.push([week, week + 7 * DAY]);
      this.absences.set(login, spans);
    }
  }

  /**
   * The answer to one request made at `requestedAt`. A few requests are never answered (the
   * quote went stale, nobody chased it): `doneAt` is then Infinity and the activity stays open,
   * overdue, as in any real database.
   */
  respond(request: ApprovalRequest, requestedAt: number, r: Rng): ApprovalResponse {
    if (r.chance(0.03)) return { doneAt: Infinity, doneBy: request.assignee, rejected: false, feedback: '' };
    let by = request.assignee;
    let from = requestedAt;
    const away = this.absenceAt(by.login, requestedAt);
    if (away) {
      const delegate = DELEGATES[by.login];
      if (delegate && r.chance(0.55)) by = user(delegate);
      else from = this.calendar.open(this.calendar.workdayOnOrAfter(amsterdamDay(away[1])));
    }
    let hours = r.lognormal(Math.log(MEDIAN_HOURS[request.role]), 1.1);
    if (r.chance(0.07)) hours += r.float(10, 45); // forgotten in someone's inbox
    hours = Math.max(2 / 60, Math.min(hours, 200));
    const doneAt = this.calendar.addBusinessHours(from, hours);
    const rejectChance = Math.max(
      0.03,
      request.reasons.includes('deep-discount') ? 0.15 : 0,
      request.reasons.includes('discount') ? 0.08 : 0,
      request.reasons.includes('margin') ? 0.1 : 0,
      request.reasons.includes('negative-margin') ? 0.25 : 0,
      request.reasons.includes('credit-hold') ? 0.45 : 0,
      request.reasons.includes('over-limit') ? 0.08 : 0,
    );
    const rejected = r.chance(rejectChance);
    const feedback = rejected ? r.pick(REJECTED[request.role]) : r.pick(APPROVED);
    return { doneAt: Math.max(doneAt, requestedAt + MINUTE), doneBy: by, rejected, feedback };
  }

  private absenceAt(login: string, at: number): readonly [number, number] | undefined {
    return this.absences.get(login)?.find(([a, b]) => at >= a && at < b);
  }
}

/** The chatter note Odoo posts when an activity is marked done (template mail.message_activity_done). */
export function activityDoneBody(activityType: string, summary: string, assignee: User, doneBy: User, feedback: string): string {
  const originally = doneBy.id !== assignee.id ? ` (originally assigned to ${escapeHtml(assignee.name)})` : '';
  return (
    `<div><p><span class="fa fa-check fa-fw"></span><span>${escapeHtml(activityType)}</span> done${originally}` +
    `<span>: </span><span>${escapeHtml(summary)}</span></p>` +
    `<div><div class="fw-bold">Feedback:</div>${escapeHtml(feedback)}</div></div>`
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Deadline Odoo shows on the activity: the next working day. */
export function approvalDeadline(calendar: BusinessCalendar, requestedAt: number): number {
  return calendar.addWorkdays(amsterdamDay(requestedAt) + DAY, 0);
}
