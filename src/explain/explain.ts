/**
 * Explain one set of facts: every rule and condition, the value each leaf saw, its result,
 * and the final decisions — from json-rules-engine (the reference backend), with the traced
 * interpreter beside it for the per-leaf detail.
 */
import type { Facts } from '../facts/model.js';
import { missingFacts, traceCondition, type TraceNode } from '../compile/evaluate.js';
import { JreBackend } from '../compile/jre.js';
import type { Truth } from '../compile/truth.js';
import { decideApproval, type ApprovalDecision } from '../kinds/approval/decide.js';
import { proposeReplenishment, type ReplenishmentProposal } from '../kinds/replenishment/decide.js';
import { conditionsOf, type RuleSet } from '../ruleset/types.js';

export interface ExplainedRule {
  id: string;
  description?: string;
  outcome: string;
  truth: Truth;
  fired: boolean;
  trace: TraceNode;
}

export interface ExplainedMatrix {
  kind: 'ApprovalMatrix';
  name: string;
  hitPolicy: string;
  rows: ExplainedRule[];
  decision: ApprovalDecision;
}

export interface ExplainedReplenishment {
  kind: 'ReplenishmentPolicy';
  name: string;
  rules: ExplainedRule[];
  proposal: ReplenishmentProposal | null;
}

export interface Explanation {
  subject: string;
  revision: string;
  missingFacts: string[];
  documents: (ExplainedMatrix | ExplainedReplenishment)[];
}

/** Which rules apply to a facts object: replenishment facts have `product` and `stock`. */
export function subjectOf(facts: Facts, model?: string): string {
  if (model) return model;
  if ('product' in facts && 'stock' in facts) return 'replenishment';
  return 'vendor' in facts ? 'purchase.order' : 'sale.order';
}

export async function explain(rs: RuleSet, facts: Facts, options: { model?: string; date?: string } = {}): Promise<Explanation> {
  const subject = subjectOf(facts, options.model);
  const evaluate = await new JreBackend(conditionsOf(rs)).prepare([facts]);
  const documents: Explanation['documents'] = [];
  const missing = new Set<string>();
  const rule = (id: string, node: Parameters<typeof traceCondition>[0], outcome: string, truth: Truth, fired: boolean, description?: string): ExplainedRule => {
    const trace = traceCondition(node, facts);
    missingFacts(trace).forEach((f) => missing.add(f));
    return { id, ...(description ? { description } : {}), outcome, truth, fired, trace };
  };
  if (subject === 'replenishment') {
    for (const p of rs.replenishments.values()) {
      const proposal = proposeReplenishment(p, facts, evaluate);
      const rules = p.rules.map((r) => rule(r.id, r.when.node, r.method.type, evaluate(r.when, facts), proposal?.rule === r.id));
      documents.push({ kind: 'ReplenishmentPolicy', name: p.name, rules, proposal });
    }
  } else {
    for (const m of rs.matrices.values()) {
      if (m.model !== subject) continue;
      const decision = decideApproval(m, facts, { directory: rs.directory, evaluate, ...(options.date ? { date: options.date } : {}) });
      const rows = m.rows.map((r) =>
        rule(r.id, r.when.node, r.outcome.type === 'require' ? `require ${r.outcome.steps.map((s) => `${s.role}${s.count > 1 ? `×${s.count}` : ''}`).join(', ')}` : r.outcome.type, evaluate(r.when, facts), decision.rows.includes(r.id), r.description),
      );
      documents.push({ kind: 'ApprovalMatrix', name: m.name, hitPolicy: m.hitPolicy, rows, decision });
    }
  }
  return { subject, revision: rs.revision, missingFacts: [...missing].sort(), documents };
}
