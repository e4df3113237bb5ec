/**
 * Runs RuleTest documents: each case's facts through the target's decision function, compared
 * with what the case expects (only the fields it names). Every case runs on both evaluation
 * backends; a disagreement fails the case, so a backend bug can never hide behind a test.
 */
import { stringify } from 'yaml';
import type { Facts } from '../facts/model.js';
import { closureEvaluator, type Evaluator } from '../compile/evaluate.js';
import { JreBackend } from '../compile/jre.js';
import { decideApproval } from '../kinds/approval/decide.js';
import { allocate } from '../kinds/allocation/decide.js';
import { proposeReplenishment } from '../kinds/replenishment/decide.js';
import { conditionsOf, type RuleSet, type RuleTestCase, type RuleTestDocument } from '../ruleset/types.js';
import type { CaseResult, CoverageItem, TestReport } from './types.js';

export async function runRuleTests(rs: RuleSet): Promise<TestReport> {
  const jre = new JreBackend(conditionsOf(rs));
  const touched = new Set<string>();
  const cases: CaseResult[] = [];
  for (const suite of rs.tests) {
    for (const [i, c] of suite.spec.cases.entries()) {
      const started = performance.now();
      const line = suite.ctx.doc.locate(['spec', 'cases', i]).start.line;
      const base = { suite: suite.name, file: suite.ctx.doc.file, line, case: c.name, target: suite.spec.target };
      try {
        const fast = decide(rs, suite, c, closureEvaluator);
        const inputs = factsOfCase(suite, c);
        const reference = decide(rs, suite, c, await jre.prepare(inputs.facts), inputs);
        for (const t of fast.touched) touched.add(t);
        const diff = compare(c.expect, fast.decision);
        if (JSON.stringify(fast.decision) !== JSON.stringify(reference.decision)) {
          diff.push('the two evaluation backends disagree on this case (please report it):', ...stringify({ closures: fast.decision, jsonRulesEngine: reference.decision }).split('\n'));
        }
        cases.push({ ...base, passed: diff.length === 0, ...(diff.length ? { diff } : {}), durationMs: performance.now() - started });
      } catch (e) {
        cases.push({ ...base, passed: false, error: (e as Error).message, durationMs: performance.now() - started });
      }
    }
  }
  const items = coverage(rs, touched);
  const covered = items.filter((i) => i.covered).length;
  return {
    cases,
    coverage: { items, percent: items.length ? Math.floor((covered / items.length) * 1000) / 10 : 100 },
    passed: cases.filter((c) => c.passed).length,
    failed: cases.filter((c) => !c.passed).length,
  };
}

interface CaseInputs {
  facts: Facts[];
}

/** The facts objects a case evaluates (identity matters: the jre backend answers per object). */
function factsOfCase(suite: RuleTestDocument, c: RuleTestCase): CaseInputs {
  const defaults = suite.spec.defaults ?? {};
  if (suite.spec.target.kind === 'AllocationPolicy') return { facts: (c.demand ?? []).map((d) => merge(defaults, d) as Facts) };
  return { facts: [merge(defaults, c.facts ?? {}) as Facts] };
}

function decide(rs: RuleSet, suite: RuleTestDocument, c: RuleTestCase, evaluate: Evaluator, inputs = factsOfCase(suite, c)): { decision: unknown; touched: string[] } {
  const { kind, name } = suite.spec.target;
  const date = c.date ?? suite.spec.date;
  if (kind === 'ApprovalMatrix') {
    const m = rs.matrices.get(name);
    if (!m) throw new Error(`ApprovalMatrix "${name}" is not defined or did not compile`);
    const d = decideApproval(m, inputs.facts[0]!, { directory: rs.directory, evaluate, ...(date ? { date } : {}) });
    return { decision: d, touched: d.rows.map((r) => `${kind}/${name}/${r}`) };
  }
  if (kind === 'AllocationPolicy') {
    const p = rs.allocations.get(name);
    if (!p) throw new Error(`AllocationPolicy "${name}" is not defined or did not compile`);
    const plan = allocate(p, c.stock ?? [], inputs.facts.map((facts) => ({ facts })), evaluate);
    return { decision: plan, touched: [`${kind}/${name}`] };
  }
  const p = rs.replenishments.get(name);
  if (!p) throw new Error(`ReplenishmentPolicy "${name}" is not defined or did not compile`);
  const proposal = proposeReplenishment(p, inputs.facts[0]!, evaluate);
  return { decision: proposal ?? 'none', touched: proposal ? [`${kind}/${name}/${proposal.rule}`] : [] };
}

function coverage(rs: RuleSet, touched: Set<string>): CoverageItem[] {
  const items: CoverageItem[] = [];
  for (const m of rs.matrices.values()) {
    for (const r of m.rows) {
      items.push({ kind: 'ApprovalMatrix', document: m.name, item: r.id, file: m.ctx.doc.file, line: m.ctx.doc.locate(['spec', 'rows', r.index]).start.line, covered: touched.has(`ApprovalMatrix/${m.name}/${r.id}`) });
    }
  }
  for (const p of rs.allocations.values()) {
    items.push({ kind: 'AllocationPolicy', document: p.name, file: p.ctx.doc.file, line: p.ctx.doc.start.line, covered: touched.has(`AllocationPolicy/${p.name}`) });
  }
  for (const p of rs.replenishments.values()) {
    for (const r of p.rules) {
      items.push({ kind: 'ReplenishmentPolicy', document: p.name, item: r.id, file: p.ctx.doc.file, line: p.ctx.doc.locate(['spec', 'rules', r.index]).start.line, covered: touched.has(`ReplenishmentPolicy/${p.name}/${r.id}`) });
    }
  }
  return items;
}

/** Objects merge key by key (the case wins); anything else is replaced. */
export function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Mismatches between what a case expects and what was decided, as readable lines. */
export function compare(expected: unknown, actual: unknown, path = ''): string[] {
  const here = path || '(decision)';
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${here}: expected ${show(expected)}, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => compare(v, actual[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${here}: expected a list ${show(expected)}, got ${show(actual)}`];
    const out = expected.flatMap((v, i) => (i < actual.length ? compare(v, actual[i], `${path}[${i}]`) : []));
    if (expected.length !== actual.length) out.unshift(`${here}: expected ${expected.length} item(s), got ${actual.length}: ${show(actual)}`);
    return out;
  }
  return expected === actual ? [] : [`${here}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'nothing' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
