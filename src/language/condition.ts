/**
 * The condition language: a compact YAML form people enjoy writing, parsed into a small tree.
 *
 *   when:
 *     order.amount_total: { gte: 50000 }        # leaf: fact path → { operator: value }
 *     customer.tier: [gold, platinum]           # shorthand: a list means `in`, a scalar `eq`
 *     any:
 *       - customer.credit_after_order: { lt: 0 }
 *       - not: { customer.tags: { contains: Key Account } }
 *
 * Several entries in one mapping, or a list, mean `all`. An absent `when` matches always.
 */
import type { DocPath } from './source.js';

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'notIn',
  'contains',
  'notContains',
  'containsAny',
  'exists',
  'matches',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean;
export type LeafValue = Scalar | readonly Scalar[];

export type ConditionNode =
  | { type: 'always'; path: DocPath }
  | { type: 'all'; items: ConditionNode[]; path: DocPath }
  | { type: 'any'; items: ConditionNode[]; path: DocPath }
  | { type: 'not'; item: ConditionNode; path: DocPath }
  | LeafNode;

export interface LeafNode {
  type: 'leaf';
  fact: string;
  op: Operator;
  value: LeafValue;
  path: DocPath;
}

export interface ConditionProblem {
  code: string;
  message: string;
  hint?: string;
  path: DocPath;
  at?: 'key' | 'value';
}

const FACT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

export function parseCondition(raw: unknown, path: DocPath, problems: ConditionProblem[]): ConditionNode {
  if (raw === undefined || raw === null) return { type: 'always', path };
  if (Array.isArray(raw)) {
    return { type: 'all', items: raw.map((item, i) => parseCondition(item, [...path, i], problems)), path };
  }
  if (typeof raw !== 'object') {
    problems.push({
      code: 'condition/not-a-condition',
      message: `a condition must be a mapping or a list, not ${describe(raw)}`,
      hint: 'Write e.g. `order.amount_total: { gte: 10000 }`, or `all:` / `any:` / `not:`.',
      path,
    });
    return { type: 'always', path };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) return { type: 'always', path };
  const parts: ConditionNode[] = [];
  for (const [key, value] of entries) {
    const at = [...path, key];
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(value)) {
        problems.push({ code: 'condition/combinator-list', message: `\`${key}\` takes a list of conditions`, path: at });
        continue;
      }
      parts.push({ type: key, items: value.map((item, i) => parseCondition(item, [...at, i], problems)), path: at });
    } else if (key === 'not') {
      parts.push({ type: 'not', item: parseCondition(value, at, problems), path: at });
    } else if (!FACT_PATH.test(key)) {
      problems.push({
        code: 'condition/bad-fact-path',
        message: `\`${key}\` is neither a fact path (like order.amount_total) nor all / any / not`,
        path: at,
        at: 'key',
      });
    } else {
      parts.push(...parseLeaves(key, value, at, problems));
    }
  }
  if (parts.length === 1) return parts[0]!;
  return { type: 'all', items: parts, path };
}

function parseLeaves(fact: string, value: unknown, path: DocPath, problems: ConditionProblem[]): LeafNode[] {
  if (isScalar(value)) return [{ type: 'leaf', fact, op: 'eq', value, path }];
  if (Array.isArray(value)) {
    return checkValue('in', value, path, problems) ? [{ type: 'leaf', fact, op: 'in', value: value as Scalar[], path }] : [];
  }
  if (value === null || value === undefined || typeof value !== 'object') {
    problems.push({
      code: 'condition/missing-value',
      message: `\`${fact}\` needs a value or an operator`,
      hint: 'Write e.g. `{ gte: 100 }`, `{ exists: true }`, or a value to compare with.',
      path,
    });
    return [];
  }
  const leaves: LeafNode[] = [];
  for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
    const at = [...path, op];
    if (!(OPERATORS as readonly string[]).includes(op)) {
      const near = OPERATORS.filter((o) => o.toLowerCase().startsWith(op.slice(0, 2).toLowerCase()));
      problems.push({
        code: 'condition/unknown-operator',
        message: `unknown operator \`${op}\``,
        hint: `Operators: ${OPERATORS.join(', ')}.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
        path: at,
        at: 'key',
      });
      continue;
    }
    if (checkValue(op as Operator, operand, at, problems)) {
      leaves.push({ type: 'leaf', fact, op: op as Operator, value: operand as LeafValue, path: at });
    }
  }
  return leaves;
}

function checkValue(op: Operator, v: unknown, path: DocPath, problems: ConditionProblem[]): boolean {
  const bad = (message: string, hint?: string): false => {
    problems.push({ code: 'condition/bad-operand', message, ...(hint ? { hint } : {}), path });
    return false;
  };
  switch (op) {
    case 'in':
    case 'notIn':
    case 'containsAny':
      if (!Array.isArray(v) || v.length === 0 || !v.every(isScalar)) return bad(`\`${op}\` takes a non-empty list of values`);
      return true;
    case 'between':
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' || typeof x === 'string')) {
        return bad('`between` takes a list of two bounds, e.g. [1000, 5000]');
      }
      if (typeof v[0] !== typeof v[1]) return bad('`between` bounds must be of the same type');
      if ((v[0] as number | string) > (v[1] as number | string)) return bad(`\`between\` lower bound ${v[0]} is above the upper bound ${v[1]}`);
      return true;
    case 'exists':
      return typeof v === 'boolean' ? true : bad('`exists` takes true or false');
    case 'matches':
      if (typeof v !== 'string') return bad('`matches` takes a regular expression as a string');
      try {
        new RegExp(v, 'u');
        return true;
      } catch (e) {
        return bad(`invalid regular expression: ${(e as Error).message}`);
      }
    default:
      return isScalar(v) ? true : bad(`\`${op}\` takes a single value (string, number or boolean), not ${describe(v)}`);
  }
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

/** Every leaf of a condition tree, in source order. */
export function leavesOf(node: ConditionNode): LeafNode[] {
  switch (node.type) {
    case 'leaf':
      return [node];
    case 'always':
      return [];
    case 'not':
      return leavesOf(node.item);
    default:
      return node.items.flatMap(leavesOf);
  }
}

/** Human form of a condition, for explain and diff: `order.amount_total ≥ 50000 and …`. */
export function conditionText(node: ConditionNode): string {
  switch (node.type) {
    case 'always':
      return 'always';
    case 'leaf':
      return `${node.fact} ${OP_TEXT[node.op]} ${JSON.stringify(node.value)}`;
    case 'not':
      return `not (${conditionText(node.item)})`;
    default: {
      const parts = node.items.map((i) => (i.type === 'all' || i.type === 'any' ? `(${conditionText(i)})` : conditionText(i)));
      return parts.length === 0 ? 'always' : parts.join(node.type === 'all' ? ' and ' : ' or ');
    }
  }
}

export const OP_TEXT: Record<Operator, string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  notContains: 'does not contain',
  containsAny: 'contains any of',
  exists: 'exists',
  matches: 'matches',
};
