/**
 * Evaluation backends. A compiled condition carries its tree; a backend turns tree + facts
 * into a Truth. Decision functions only ever see an `Evaluator`, so swapping the backend
 * (json-rules-engine for explain and tests, plain closures for simulate) never changes a
 * decision — and property tests hold them to it.
 */
import type { ConditionNode, LeafNode } from '../language/condition.js';
import type { DocPath } from '../language/source.js';
import type { Facts } from '../facts/model.js';
import { and, leafTruth, not, or, resolveFact, type Truth } from './truth.js';

export interface CompiledCondition {
  /** Unique in its rule set, e.g. `ApprovalMatrix/sales-orders/rows/large-order`. */
  id: string;
  node: ConditionNode;
  /** Closure backend: compiled once, pure function of the facts. */
  readonly fn: (facts: Facts) => Truth;
}

/** What decision functions call; sync so the decision logic itself stays a pure function. */
export type Evaluator = (condition: CompiledCondition, facts: Facts) => Truth;

export function compileCondition(id: string, node: ConditionNode): CompiledCondition {
  return { id, node, fn: toClosure(node) };
}

/** The fast backend: the tree becomes nested closures once; no per-call allocation. */
export const closureEvaluator: Evaluator = (condition, facts) => condition.fn(facts);

function toClosure(node: ConditionNode): (facts: Facts) => Truth {
  switch (node.type) {
    case 'always':
      return () => 'true';
    case 'leaf': {
      const segments = node.fact.split('.');
      const { op, value } = node;
      return (facts) => leafTruth(op, resolveFact(facts, segments), value);
    }
    case 'not': {
      const inner = toClosure(node.item);
      return (facts) => not(inner(facts));
    }
    case 'all': {
      const items = node.items.map(toClosure);
      return (facts) => {
        let acc: Truth = 'true';
        for (const f of items) {
          const t = f(facts);
          if (t === 'false') return 'false';
          if (t === 'unknown') acc = 'unknown';
        }
        return acc;
      };
    }
    case 'any': {
      const items = node.items.map(toClosure);
      return (facts) => {
        let acc: Truth = 'false';
        for (const f of items) {
          const t = f(facts);
          if (t === 'true') return 'true';
          if (t === 'unknown') acc = 'unknown';
        }
        return acc;
      };
    }
  }
}

/** One evaluated node of a condition, for `explain`: what each leaf saw and concluded. */
export interface TraceNode {
  type: ConditionNode['type'];
  truth: Truth;
  path: DocPath;
  /** Leaves only. */
  leaf?: { fact: string; op: LeafNode['op']; expected: LeafNode['value']; actual: unknown; missing: boolean };
  children?: TraceNode[];
}

/** The readable backend: evaluates every node (no short-circuit) and keeps what it saw. */
export function traceCondition(node: ConditionNode, facts: Facts): TraceNode {
  switch (node.type) {
    case 'always':
      return { type: 'always', truth: 'true', path: node.path };
    case 'leaf': {
      const actual = resolveFact(facts, node.fact.split('.'));
      return {
        type: 'leaf',
        truth: leafTruth(node.op, actual, node.value),
        path: node.path,
        leaf: { fact: node.fact, op: node.op, expected: node.value, actual, missing: actual === undefined || actual === null },
      };
    }
    case 'not': {
      const child = traceCondition(node.item, facts);
      return { type: 'not', truth: not(child.truth), path: node.path, children: [child] };
    }
    case 'all':
    case 'any': {
      const children = node.items.map((i) => traceCondition(i, facts));
      const combine = node.type === 'all' ? and : or;
      const truth = children.reduce<Truth>((acc, c) => combine(acc, c.truth), node.type === 'all' ? 'true' : 'false');
      return { type: node.type, truth, path: node.path, children };
    }
  }
}

/** Fact paths whose value was missing somewhere in a trace. */
export function missingFacts(trace: TraceNode): string[] {
  const out = new Set<string>();
  const walk = (t: TraceNode): void => {
    if (t.leaf?.missing) out.add(t.leaf.fact);
    t.children?.forEach(walk);
  };
  walk(trace);
  return [...out];
}
