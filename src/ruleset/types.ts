/** A compiled rule set: every document of a repository, ready for decisions. */
import type { DocumentContext } from '../kinds/context.js';
import type { ApprovalMatrix } from '../kinds/approval/matrix.js';
import type { Directory } from '../kinds/directory/directory.js';
import type { EscalationPolicy } from '../kinds/escalation/escalation.js';
import type { Calendar } from '../kinds/calendar/calendar.js';
import type { AllocationPolicy } from '../kinds/allocation/policy.js';
import type { ReplenishmentPolicy } from '../kinds/replenishment/policy.js';
import type { TestableKind } from '../kinds/test/rule-test.js';
import type { CompiledCondition } from '../compile/evaluate.js';

export interface RuleTestCase {
  name: string;
  date?: string;
  facts?: Record<string, unknown>;
  stock?: { product: string; warehouse: string; available: number }[];
  demand?: Record<string, unknown>[];
  expect: Record<string, unknown> | 'none';
}

export interface RuleTestDocument {
  name: string;
  spec: {
    target: { kind: TestableKind; name: string };
    date?: string;
    defaults?: Record<string, unknown>;
    cases: RuleTestCase[];
  };
  ctx: DocumentContext;
}

export interface RuleSet {
  matrices: Map<string, ApprovalMatrix>;
  directory: Directory;
  escalations: Map<string, EscalationPolicy>;
  calendars: Map<string, Calendar>;
  allocations: Map<string, AllocationPolicy>;
  replenishments: Map<string, ReplenishmentPolicy>;
  tests: RuleTestDocument[];
  /** Content hash of the rule files (audit: which rules made a decision). */
  revision: string;
}

/** Every compiled condition of a rule set (for a backend that compiles them all at once). */
export function conditionsOf(rs: RuleSet): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  for (const m of rs.matrices.values()) for (const r of m.rows) out.push(r.when, ...r.holds.flatMap((h) => (h.until ? [h.until] : [])));
  for (const a of rs.allocations.values()) if (a.fillOrKill) out.push(a.fillOrKill);
  for (const p of rs.replenishments.values()) for (const r of p.rules) out.push(r.when);
  return out;
}
