/**
 * The json-rules-engine backend: the reference the fast backend is held to.
 *
 * json-rules-engine is two-valued; distrule's conditions are three-valued (unknown for a
 * missing fact). Each condition therefore becomes two engine rules over negation-normal
 * form: `possible` (true or unknown) and `certain` (true). certain → true; possible only →
 * unknown; neither → false. Leaves use one custom operator whose meaning is `leafTruth`, so
 * the engine does path resolution and the all/any tree, and we own what "missing" means.
 */
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ConditionNode, LeafValue, Operator } from '../language/condition.js';
import type { Facts } from '../facts/model.js';
import { leafTruth, not, type Truth } from './truth.js';
import type { CompiledCondition, Evaluator } from './evaluate.js';

type Mode = 'possible' | 'certain';
const OPERATOR = 'distrule';

interface LeafOperand {
  op: Operator | 'always';
  expected: LeafValue;
  negated: boolean;
  mode: Mode;
}

/** Condition tree → json-rules-engine condition, in negation-normal form for one mode. */
export function toJreCondition(node: ConditionNode, mode: Mode, negated = false): NestedCondition {
  switch (node.type) {
    case 'always':
      return leaf('__always', undefined, { op: 'always', expected: true, negated, mode });
    case 'leaf': {
      const [fact, ...rest] = node.fact.split('.');
      return leaf(fact!, `$.${rest.join('.')}`, { op: node.op, expected: node.value, negated, mode });
    }
    case 'not':
      return toJreCondition(node.item, mode, !negated);
    case 'all':
    case 'any': {
      // json-rules-engine treats an empty any as true; ours (and logic's) is false, an empty all true.
      if (node.items.length === 0) return leaf('__always', undefined, { op: 'always', expected: true, negated: (node.type === 'any') !== negated, mode });
      // De Morgan: a negated all is an any of negations, and the other way round.
      const items = node.items.map((i) => toJreCondition(i, mode, negated));
      return (node.type === 'all') !== negated ? { all: items } : { any: items };
    }
  }
}

function leaf(fact: string, path: string | undefined, operand: LeafOperand): NestedCondition {
  return { fact, operator: OPERATOR, value: { operand }, ...(path ? { path } : {}) };
}

function operatorFn(actual: unknown, wrapped: { operand: LeafOperand }): boolean {
  const { op, expected, negated, mode } = wrapped.operand;
  let t: Truth = op === 'always' ? 'true' : leafTruth(op, actual, expected);
  if (negated) t = not(t);
  return mode === 'possible' ? t !== 'false' : t === 'true';
}

function topLevel(c: NestedCondition): TopLevelCondition {
  return 'all' in c || 'any' in c ? (c as TopLevelCondition) : { all: [c] };
}

/** An engine holding both modes of every given condition. */
export class JreBackend {
  private readonly engine: Engine;

  constructor(conditions: readonly CompiledCondition[]) {
    this.engine = new Engine([], { allowUndefinedFacts: true });
    this.engine.addOperator(OPERATOR, operatorFn);
    for (const c of conditions) {
      for (const mode of ['possible', 'certain'] as const) {
        const rule: RuleProperties = {
          name: `${c.id}#${mode}`,
          conditions: topLevel(toJreCondition(c.node, mode)),
          event: { type: 'condition', params: { id: c.id, mode } },
        };
        this.engine.addRule(rule);
      }
    }
  }

  /** Run the engine once on these facts; the truth of every condition. */
  async truths(facts: Facts): Promise<Map<string, Truth>> {
    const { events } = await this.engine.run({ ...facts });
    const possible = new Set<string>();
    const certain = new Set<string>();
    for (const e of events) {
      const id = String(e.params?.['id']);
      (e.params?.['mode'] === 'certain' ? certain : possible).add(id);
    }
    const out = new Map<string, Truth>();
    for (const id of possible) out.set(id, certain.has(id) ? 'true' : 'unknown');
    for (const id of certain) out.set(id, 'true');
    return out;
  }

  /**
   * An Evaluator answering from engine runs made in advance for each facts object, so the
   * (sync, pure) decision functions can use json-rules-engine's outcome unchanged.
   */
  async prepare(factsList: readonly Facts[]): Promise<Evaluator> {
    const byFacts = new Map<Facts, Map<string, Truth>>();
    for (const facts of factsList) {
      if (!byFacts.has(facts)) byFacts.set(facts, await this.truths(facts));
    }
    return (condition, facts) => {
      const truths = byFacts.get(facts);
      if (!truths) throw new Error(`json-rules-engine backend: facts for ${condition.id} were not prepared`);
      return truths.get(condition.id) ?? 'false';
    };
  }
}
