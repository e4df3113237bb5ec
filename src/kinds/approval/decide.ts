/**
 * The approval decision: a pure function of the compiled matrix, the directory, the facts and
 * a condition evaluator. Unknown (a missing fact) fails closed: a `require` or `deny` row
 * fires on unknown and says so; an `allow` row never fires on unknown.
 */
import type { Evaluator } from '../../compile/evaluate.js';
import type { Truth } from '../../compile/truth.js';
import { resolveFact } from '../../compile/truth.js';
import type { Facts } from '../../facts/model.js';
import type { Directory } from '../directory/directory.js';
import type { ApprovalMatrix, ApprovalRow } from './matrix.js';
import { leavesOf } from '../../language/condition.js';

export interface DecidedStep {
  role: string;
  count: number;
  track: string;
  /** Position within its track: steps of a track run in this order. */
  sequence: number;
  escalation?: string;
  /** Rows that asked for it. */
  rows: string[];
  /** People who may fill its slots today (delegations applied, requester excluded). */
  approvers: string[];
  /** Set when fewer eligible people exist than slots to fill. */
  shortfall?: number;
}

export interface ApprovalDecision {
  matrix: string;
  model: string;
  hitPolicy: ApprovalMatrix['hitPolicy'];
  outcome: 'allow' | 'require' | 'deny';
  /** Rows that fired, in table order. */
  rows: string[];
  /** Rows that fired only because a fact was missing (fail closed). */
  uncertainRows: string[];
  missingFacts: string[];
  steps: DecidedStep[];
  holds: { step: string; reason: string; row: string; lifted: boolean }[];
  denyReasons: string[];
  requester: string | null;
  /** unique hit policy broken at run time: several rows matched. */
  conflict?: string[];
}

export interface ApprovalContext {
  directory: Directory;
  evaluate: Evaluator;
  /** Date (YYYY-MM-DD) for delegations; defaults to the order date in the facts. */
  date?: string;
}

function fires(row: ApprovalRow, truth: Truth): boolean {
  return truth === 'true' || (truth === 'unknown' && row.outcome.type !== 'allow');
}

export function decideApproval(matrix: ApprovalMatrix, facts: Facts, ctx: ApprovalContext): ApprovalDecision {
  const fired: { row: ApprovalRow; truth: Truth }[] = [];
  for (const row of matrix.rows) {
    const truth = ctx.evaluate(row.when, facts);
    if (!fires(row, truth)) continue;
    fired.push({ row, truth });
    if (matrix.hitPolicy === 'first') break;
  }
  const requesterValue = resolveFact(facts, matrix.requesterFact.split('.'));
  const requester = typeof requesterValue === 'string' ? requesterValue : null;
  const orderDate = resolveFact(facts, ['order', 'date_order']);
  const date = ctx.date ?? (typeof orderDate === 'string' ? orderDate.slice(0, 10) : '1970-01-01');

  const denyReasons: string[] = [];
  const steps: DecidedStep[] = [];
  for (const { row } of fired) {
    if (row.outcome.type === 'deny') denyReasons.push(row.outcome.reason);
    if (row.outcome.type !== 'require') continue;
    for (const s of row.outcome.steps) {
      // Union of rows: one slot per role and track, the strictest count wins.
      const prior = steps.find((x) => x.role === s.role && x.track === s.track);
      if (prior) {
        prior.count = Math.max(prior.count, s.count);
        prior.rows.push(row.id);
        continue;
      }
      steps.push({
        role: s.role,
        count: s.count,
        track: s.track,
        sequence: steps.filter((x) => x.track === s.track).length + 1,
        ...(s.escalation ? { escalation: s.escalation } : {}),
        rows: [row.id],
        approvers: [],
      });
    }
  }
  for (const s of steps) {
    s.approvers = ctx.directory.eligible(s.role, date, requester ?? undefined);
    if (s.approvers.length < s.count) s.shortfall = s.count - s.approvers.length;
  }
  steps.sort((a, b) => a.track.localeCompare(b.track) || a.sequence - b.sequence);

  const holds = fired.flatMap(({ row }) =>
    row.holds.map((h) => ({ step: h.step, reason: h.reason, row: row.id, lifted: h.until ? ctx.evaluate(h.until, facts) === 'true' : false })),
  );
  const missing = new Set<string>();
  const uncertainRows = fired.filter((f) => f.truth === 'unknown').map((f) => f.row.id);
  for (const f of fired) if (f.truth === 'unknown') for (const m of unknownFacts(f.row, facts)) missing.add(m);

  const outcome = denyReasons.length ? 'deny' : steps.length ? 'require' : 'allow';
  return {
    matrix: matrix.name,
    model: matrix.model,
    hitPolicy: matrix.hitPolicy,
    outcome,
    rows: fired.map((f) => f.row.id),
    uncertainRows,
    missingFacts: [...missing].sort(),
    steps,
    holds,
    denyReasons,
    requester,
    ...(matrix.hitPolicy === 'unique' && fired.length > 1 ? { conflict: fired.map((f) => f.row.id) } : {}),
  };
}

function unknownFacts(row: ApprovalRow, facts: Facts): string[] {
  return leavesOf(row.when.node)
    .filter((leaf) => {
      const v = resolveFact(facts, leaf.fact.split('.'));
      return v === undefined || v === null;
    })
    .map((leaf) => leaf.fact);
}
