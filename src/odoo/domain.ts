/**
 * Odoo domains, parsed and evaluated over plain records the way Odoo 17's
 * `odoo/osv/expression.py` evaluates them in SQL.
 *
 * Records look like `search_read` output: many2one as `[id, name]` (or a bare id), x2many as id
 * arrays, `false` for an unset value. The subtle parts are Odoo's, kept on purpose so that a
 * domain run against a snapshot selects exactly what live Odoo would:
 * - `('f', '=', False)` matches unset values; `('f', '!=', x)` also matches unset ones when `x`
 *   is truthy (SQL `OR f IS NULL`); `in` / `not in` honour a `False` inside the list;
 * - `like` / `ilike` wrap the value in `%…%` with `%` and `_` live, and an empty value matches
 *   everything, unset included;
 * - a many2one compared with a string compares the related record's display name;
 * - a dotted path `a.b op v` means `a any [(b op v)]`, so a record with no `a` never matches,
 *   whatever the operator;
 * - `child_of` / `parent_of` follow `parent_id`;
 * - `display_name`, when a record does not carry it (snapshots), is `complete_name`, else `name`.
 */
import { MODELS, type OdooFieldSpec, type OdooModelSpec } from '../snapshot/models.js';

/** A malformed domain, an unknown field or an operator misuse. Odoo raises ValueError for these. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
}

export type DomainLogicOperator = '&' | '|' | '!';

export const TERM_OPERATORS = [
  '=', '!=', '<=', '<', '>', '>=', '=?', '=like', '=ilike', 'like', 'not like', 'ilike',
  'not ilike', 'in', 'not in', 'child_of', 'parent_of', 'any', 'not any',
] as const;
export type TermOperator = (typeof TERM_OPERATORS)[number];

/** A domain as sent over the wire: prefix operators and `[field, operator, value]` terms. */
export type Domain = ReadonlyArray<unknown>;

/** A record as `search_read` returns it. */
export type PlainRecord = Readonly<Record<string, unknown>>;

/** Field declarations the evaluator checks paths against (Odoo raises on an unknown field). */
export interface DomainSchema {
  /** The spec of `field` on `model`; undefined when the model has no such field. */
  field(model: string, field: string): OdooFieldSpec | undefined;
}

/** Gives the related records a dotted path, `any` or `child_of` walks to. */
export interface RecordResolver {
  get(model: string, id: number): PlainRecord | undefined;
  /** All records of a model; only needed for `child_of` / `parent_of` given names instead of ids. */
  records?(model: string): Iterable<PlainRecord>;
}

export interface DomainContext {
  /** The model the domain applies to. */
  model: string;
  /** Defaults to the field lists of `MODELS`. */
  schema?: DomainSchema;
  /** Without one, related records are known only by the `[id, name]` pair the record holds. */
  resolver?: RecordResolver;
}

const ID_SPEC: OdooFieldSpec = { type: 'integer' };
const DISPLAY_NAME_SPEC: OdooFieldSpec = { type: 'char' };

/** A schema over model declarations; every model also has `id` and `display_name`, as in Odoo. */
export function schemaFromModels(models: Readonly<Record<string, OdooModelSpec>> = MODELS): DomainSchema {
  return {
    field(model, field) {
      const spec = models[model];
      if (!spec) return undefined;
      if (field === 'id') return ID_SPEC;
      if (field === 'display_name') return spec.fields.display_name ?? DISPLAY_NAME_SPEC;
      return Object.prototype.hasOwnProperty.call(spec.fields, field) ? spec.fields[field] : undefined;
    },
  };
}

const DEFAULT_SCHEMA = schemaFromModels();

// ---------------------------------------------------------------------------------------------
// Python-style rendering, so error messages read like Odoo's.

/** Renders a JSON-ish value the way Python's `repr` would (Odoo's messages embed such reprs). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  if (typeof value === 'string') return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** A term rendered as the tuple Odoo prints: `('name', '=', 'x')`. */
export function pyTupleRepr(items: readonly unknown[]): string {
  return items.length === 1 ? `(${pyRepr(items[0])},)` : `(${items.map(pyRepr).join(', ')})`;
}

function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + quote;
}

// ---------------------------------------------------------------------------------------------
// Normalisation: prefix operators with implicit AND, as `normalize_domain` does.

const ARITY: Readonly<Record<DomainLogicOperator, number>> = { '!': 1, '&': 2, '|': 2 };
const LEAF_OPERATORS: ReadonlySet<string> = new Set<string>([...TERM_OPERATORS, '<>']);

function isLogicOperator(token: unknown): token is DomainLogicOperator {
  return token === '&' || token === '|' || token === '!';
}

function isConstantLeaf(term: readonly unknown[]): boolean | undefined {
  // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1); Python also equates True with 1.
  const [left, op, right] = term;
  if (op !== '=' || (right !== 1 && right !== true)) return undefined;
  if (left === 1 || left === true) return true;
  if (left === 0 || left === false) return false;
  return undefined;
}

/**
 * The domain in normal form: every term list, an explicit `&` wherever terms were juxtaposed.
 * An empty domain is `[[1, '=', 1]]` (true). Throws DomainError when the arity does not add up.
 */
export function normalizeDomain(domain: unknown): unknown[] {
  if (!Array.isArray(domain)) {
    throw new DomainError(
      `Domains to normalize must have a 'domain' form: a list or tuple of domain components, got ${pyRepr(domain)}`,
    );
  }
  if (domain.length === 0) return [[1, '=', 1]];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) {
      expected -= 1;
    } else {
      expected += (isLogicOperator(token) ? ARITY[token] : 0) - 1;
    }
    result.push(token);
  }
  if (expected !== 0) throw new DomainError(`Domain ${pyRepr(domain)} is syntactically not correct.`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Compilation: validate once against the schema, evaluate many records.

type Predicate = (record: PlainRecord) => boolean;

const NEGATIVE: ReadonlySet<string> = new Set(['!=', 'not like', 'not ilike', 'not in']);
const POSITIVE_OF: Readonly<Record<string, string>> = {
  '!=': '=', 'not like': 'like', 'not ilike': 'ilike', 'not in': 'in',
};

interface Env {
  schema: DomainSchema;
  resolver: RecordResolver | undefined;
}

/** Compiles a domain into a predicate over records of `context.model`. Throws DomainError. */
export function compileDomain(domain: Domain, context: DomainContext): Predicate {
  const env: Env = { schema: context.schema ?? DEFAULT_SCHEMA, resolver: context.resolver };
  return compileNormalized(normalizeDomain(domain), context.model, env);
}

/** Whether one record satisfies the domain. Prefer `compileDomain` when testing many records. */
export function matchesDomain(record: PlainRecord, domain: Domain, context: DomainContext): boolean {
  return compileDomain(domain, context)(record);
}

/** The records that satisfy the domain, in their original order. */
export function filterRecords<T extends PlainRecord>(records: Iterable<T>, domain: Domain, context: DomainContext): T[] {
  const predicate = compileDomain(domain, context);
  const out: T[] = [];
  for (const record of records) if (predicate(record)) out.push(record);
  return out;
}

/** Field names the domain mentions at its top level (Odoo's `active_test` looks for `active`). */
export function domainFieldNames(domain: Domain): string[] {
  const names: string[] = [];
  for (const token of domain) {
    if (Array.isArray(token) && typeof token[0] === 'string') names.push(token[0]);
  }
  return names;
}

function compileNormalized(tokens: readonly unknown[], model: string, env: Env): Predicate {
  // Prefix notation: read right to left with a stack, as expression.py's parse loop does.
  const stack: Predicate[] = [];
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i];
    if (isLogicOperator(token)) {
      if (token === '!') {
        const child = stack.pop();
        if (!child) throw new DomainError(`Domain ${pyRepr(tokens)} is syntactically not correct.`);
        stack.push((r) => !child(r));
      } else {
        const left = stack.pop();
        const right = stack.pop();
        if (!left || !right) throw new DomainError(`Domain ${pyRepr(tokens)} is syntactically not correct.`);
        stack.push(token === '&' ? (r) => left(r) && right(r) : (r) => left(r) || right(r));
      }
    } else {
      stack.push(compileTerm(token, model, env));
    }
  }
  if (stack.length !== 1) throw new DomainError(`Domain ${pyRepr(tokens)} is syntactically not correct.`);
  return stack[0];
}

function compileTerm(token: unknown, model: string, env: Env): Predicate {
  if (!Array.isArray(token) || token.length !== 3) throw invalidLeaf(token);
  const constant = isConstantLeaf(token);
  if (constant !== undefined) return () => constant;
  const [left, rawOp, right] = token as [unknown, unknown, unknown];
  if (typeof left !== 'string' || left === '' || typeof rawOp !== 'string' || !LEAF_OPERATORS.has(rawOp)) {
    throw invalidLeaf(token);
  }
  const op = normalizeOperator(rawOp, right);
  const path = left.split('.');
  return compilePath(path, op, right, token, model, env);
}

function invalidLeaf(token: unknown): DomainError {
  return new DomainError(`Invalid leaf ${Array.isArray(token) ? pyTupleRepr(token) : typeof token === 'string' ? token : pyRepr(token)}`);
}

/** `normalize_leaf`: `<>` is `!=`, `in True` is `=`, `= [..]` is `in`. */
function normalizeOperator(op: string, right: unknown): TermOperator {
  let out = op === '<>' ? '!=' : op;
  if (typeof right === 'boolean' && (out === 'in' || out === 'not in')) out = out === 'in' ? '=' : '!=';
  if (Array.isArray(right) && (out === '=' || out === '!=')) out = out === '=' ? 'in' : 'not in';
  return out as TermOperator;
}

function fieldOf(model: string, name: string, leaf: readonly unknown[], env: Env): OdooFieldSpec {
  const spec = env.schema.field(model, name);
  if (!spec) throw new DomainError(`Invalid field ${model}.${name} in leaf ${pyTupleRepr(leaf)}`);
  return spec;
}

function isRelational(spec: OdooFieldSpec): boolean {
  return spec.type === 'many2one' || spec.type === 'one2many' || spec.type === 'many2many';
}

function compilePath(
  path: readonly string[],
  op: TermOperator,
  right: unknown,
  leaf: readonly unknown[],
  model: string,
  env: Env,
): Predicate {
  const [head, ...rest] = path;
  const spec = fieldOf(model, head, leaf, env);
  if (rest.length > 0) {
    // `a.b op v` is `a any [(b op v)]` (Odoo 17), on many2one and x2many alike.
    if (!isRelational(spec) || !spec.relation) {
      throw new DomainError(`Invalid field ${model}.${path.join('.')} in leaf ${pyTupleRepr(leaf)}`);
    }
    const inner = compilePath(rest, op, right, leaf, spec.relation, env);
    return anyOf(head, spec, inner, false, env);
  }
  if (op === 'any' || op === 'not any') {
    if (!isRelational(spec) || !spec.relation) {
      throw new DomainError(
        `Operator '${op}' needs a relational field, ${model}.${head} is ${spec.type}: ${pyTupleRepr(leaf)}`,
      );
    }
    if (!Array.isArray(right)) {
      throw new DomainError(`The value of operator '${op}' must be a domain: ${pyTupleRepr(leaf)}`);
    }
    const inner = compileNormalized(normalizeDomain(right), spec.relation, env);
    return anyOf(head, spec, inner, op === 'not any', env);
  }
  if (op === 'child_of' || op === 'parent_of') return compileHierarchy(head, spec, op, right, leaf, model, env);
  if (op === '=?') {
    if (right === false || right === null || right === undefined) return () => true;
    return compilePath(path, '=', right, leaf, model, env);
  }
  if (spec.type === 'many2one') return compileMany2one(head, spec, op, right, leaf, env);
  if (spec.type === 'one2many' || spec.type === 'many2many') return compileX2many(head, spec, op, right, leaf, env);
  const test = scalarTest(spec, op, right, leaf);
  if (head === 'id') return (r) => test(r.id);
  // Snapshots do not store display_name: it falls back to complete_name, then name.
  if (head === 'display_name') return (r) => test(displayNameOf(r));
  return (r) => test(r[head]);
}

// ---------------------------------------------------------------------------------------------
// Relational fields.

function many2oneId(value: unknown): number | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? value[0] : undefined;
  return typeof value === 'number' ? value : undefined;
}

function x2manyIds(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** The related record, or what the `[id, name]` pair tells of it when the resolver has none. */
function related(model: string, id: number, pair: unknown, env: Env): PlainRecord {
  const found = env.resolver?.get(model, id);
  if (found) return found;
  const name = Array.isArray(pair) && typeof pair[1] === 'string' ? pair[1] : false;
  return { id, display_name: name };
}

function displayNameOf(record: PlainRecord): unknown {
  if (typeof record.display_name === 'string') return record.display_name;
  if (typeof record.complete_name === 'string') return record.complete_name;
  return record.name ?? false;
}

function anyOf(field: string, spec: OdooFieldSpec, inner: Predicate, negate: boolean, env: Env): Predicate {
  const relation = spec.relation as string;
  if (spec.type === 'many2one') {
    return (r) => {
      const value = r[field];
      const id = many2oneId(value);
      const hit = id !== undefined && inner(related(relation, id, value, env));
      return negate ? !hit : hit;
    };
  }
  return (r) => {
    const hit = x2manyIds(r[field]).some((id) => inner(related(relation, id, undefined, env)));
    return negate ? !hit : hit;
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
}

function compileMany2one(
  field: string,
  spec: OdooFieldSpec,
  op: TermOperator,
  right: unknown,
  leaf: readonly unknown[],
  env: Env,
): Predicate {
  const relation = spec.relation as string;
  if (typeof right === 'string' || isStringList(right)) {
    // Resolved through the related record's name (Odoo runs _name_search on the comodel).
    let nameOp: string = ['<', '>', '<=', '>='].includes(op) ? 'in' : op;
    if (typeof right === 'string' && (nameOp === 'in' || nameOp === 'not in')) nameOp = nameOp === 'in' ? '=' : '!=';
    const negative = NEGATIVE.has(nameOp);
    const positive = negative ? POSITIVE_OF[nameOp] : nameOp;
    const nameTest = scalarTest(DISPLAY_NAME_SPEC, positive as TermOperator, right, leaf);
    return (r) => {
      const value = r[field];
      const id = many2oneId(value);
      if (id === undefined) return negative;
      const hit = nameTest(displayNameOf(related(relation, id, value, env)));
      return negative ? !hit : hit;
    };
  }
  const test = scalarTest(ID_SPEC, op, right, leaf);
  return (r) => test(many2oneId(r[field]) ?? false);
}

function compileX2many(
  field: string,
  spec: OdooFieldSpec,
  op: TermOperator,
  right: unknown,
  leaf: readonly unknown[],
  env: Env,
): Predicate {
  const relation = spec.relation as string;
  const negative = NEGATIVE.has(op);
  if (right === false || right === null || right === undefined) {
    // `tags = False` is "has none"; `tags != False` is "has some".
    return negative ? (r) => x2manyIds(r[field]).length > 0 : (r) => x2manyIds(r[field]).length === 0;
  }
  let hitsOne: (id: number) => boolean;
  if (typeof right === 'string' || isStringList(right)) {
    const positive = (negative ? POSITIVE_OF[op] : op) as TermOperator;
    const nameTest = scalarTest(DISPLAY_NAME_SPEC, positive, right, leaf);
    hitsOne = (id) => nameTest(displayNameOf(related(relation, id, undefined, env)));
  } else {
    const wanted = new Set((Array.isArray(right) ? right : [right]).filter((v): v is number => typeof v === 'number'));
    hitsOne = (id) => wanted.has(id);
  }
  return (r) => {
    const hit = x2manyIds(r[field]).some(hitsOne);
    return negative ? !hit : hit;
  };
}

// ---------------------------------------------------------------------------------------------
// Hierarchies: child_of / parent_of follow `parent_id` of the target model.

function compileHierarchy(
  field: string,
  spec: OdooFieldSpec,
  op: 'child_of' | 'parent_of',
  right: unknown,
  leaf: readonly unknown[],
  model: string,
  env: Env,
): Predicate {
  const target = field === 'id' ? model : spec.relation;
  if (!target || (field !== 'id' && !isRelational(spec))) {
    throw new DomainError(`Operator '${op}' needs 'id' or a relational field: ${pyTupleRepr(leaf)}`);
  }
  const parentSpec = env.schema.field(target, 'parent_id');
  if (!parentSpec || parentSpec.type !== 'many2one' || parentSpec.relation !== target) {
    throw new DomainError(`Invalid parent field: ${target} has no parent_id to follow for ${pyTupleRepr(leaf)}`);
  }
  const roots = hierarchyRoots(target, right, leaf, env);
  const parentOf = (id: number): number | undefined => many2oneId(env.resolver?.get(target, id)?.parent_id);
  const ancestorsOrSelf = (id: number): number[] => {
    const seen: number[] = [];
    for (let cur: number | undefined = id; cur !== undefined && !seen.includes(cur); cur = parentOf(cur)) seen.push(cur);
    return seen;
  };
  let matches: (id: number) => boolean;
  if (op === 'child_of') {
    matches = (id) => ancestorsOrSelf(id).some((a) => roots.has(a));
  } else {
    const wanted = new Set<number>();
    for (const root of roots) for (const a of ancestorsOrSelf(root)) wanted.add(a);
    matches = (id) => wanted.has(id);
  }
  if (field === 'id') return (r) => typeof r.id === 'number' && matches(r.id);
  if (spec.type === 'many2one') {
    return (r) => {
      const id = many2oneId(r[field]);
      return id !== undefined && matches(id);
    };
  }
  return (r) => x2manyIds(r[field]).some(matches);
}

/** `to_ids`: ids as given, or names looked up with `ilike`; `0` / `False` mean nothing. */
function hierarchyRoots(model: string, right: unknown, leaf: readonly unknown[], env: Env): Set<number> {
  const values = Array.isArray(right) ? right : [right];
  const ids = new Set<number>();
  const names: string[] = [];
  for (const v of values) {
    if (typeof v === 'number' && v !== 0) ids.add(v);
    else if (typeof v === 'string') names.push(v);
  }
  if (names.length > 0) {
    const all = env.resolver?.records?.(model);
    if (!all) {
      throw new DomainError(`Cannot resolve names in ${pyTupleRepr(leaf)}: no way to list ${model} records`);
    }
    const tests = names.map((n) => scalarTest(DISPLAY_NAME_SPEC, 'ilike', n, leaf));
    for (const record of all) {
      if (typeof record.id === 'number' && tests.some((t) => t(displayNameOf(record)))) ids.add(record.id);
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Scalar fields: SQL semantics, NULL being Odoo's `false`.

type ScalarTest = (value: unknown) => boolean;

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'monetary']);

function isUnset(value: unknown, spec: OdooFieldSpec): boolean {
  if (value === null || value === undefined) return true;
  return value === false && spec.type !== 'boolean';
}

function pyText(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

/** The right-hand value as the column type would store it (`convert_to_column`). */
function toColumn(spec: OdooFieldSpec, value: unknown, leaf: readonly unknown[]): unknown {
  if (spec.type === 'boolean') return Boolean(value);
  if (NUMERIC_TYPES.has(spec.type)) {
    if (typeof value === 'number') return value;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    throw new DomainError(`invalid input syntax for type ${spec.type === 'integer' ? 'integer' : 'numeric'}: ${pyRepr(value)} in leaf ${pyTupleRepr(leaf)}`);
  }
  if (spec.type === 'datetime' && typeof value === 'string') return normalizeDatetime(value);
  if (spec.type === 'date' && typeof value === 'string') return value.slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return pyText(value);
  return value;
}

/** A date alone compares as midnight; `T` separators are tolerated (PostgreSQL accepts them). */
function normalizeDatetime(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value} 00:00:00`;
  return value.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]00:?00)?$/, '');
}

function columnValue(spec: OdooFieldSpec, value: unknown): unknown {
  if (spec.type === 'boolean') return Boolean(value);
  if (spec.type === 'datetime' && typeof value === 'string') return normalizeDatetime(value);
  return value;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = pyText(a);
  const sb = pyText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** SQL LIKE as a regular expression: `%` any run, `_` one character, `\` escapes. */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      i += 1;
      source += escapeRegExp(pattern[i]);
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

function scalarTest(spec: OdooFieldSpec, op: TermOperator, right: unknown, leaf: readonly unknown[]): ScalarTest {
  const rightUnset = right === false || right === null || right === undefined;
  switch (op) {
    case '=':
      if (rightUnset) return spec.type === 'boolean' ? (v) => !v : (v) => isUnset(v, spec);
      {
        const want = toColumn(spec, right, leaf);
        return (v) => !isUnset(v, spec) && compare(columnValue(spec, v), want) === 0;
      }
    case '!=':
      if (rightUnset) return spec.type === 'boolean' ? (v) => Boolean(v) : (v) => !isUnset(v, spec);
      {
        const want = toColumn(spec, right, leaf);
        // `(f != x OR f IS NULL)`, the NULL part only when x is truthy (expression.py).
        const nullMatches = Boolean(right);
        return (v) => (isUnset(v, spec) ? nullMatches : compare(columnValue(spec, v), want) !== 0);
      }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (rightUnset) return () => false;
      const want = toColumn(spec, right, leaf);
      const ok = { '<': (c: number) => c < 0, '>': (c: number) => c > 0, '<=': (c: number) => c <= 0, '>=': (c: number) => c >= 0 }[op];
      return (v) => !isUnset(v, spec) && ok(compare(columnValue(spec, v), want));
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike': {
      const regex = likePattern(`%${pyText(right)}%`, op.includes('ilike'));
      const negative = op.startsWith('not');
      // An empty value matches everything, unset included (`OR f IS NULL`); negated, only unset.
      const nullMatches = negative || !right;
      return (v) => (isUnset(v, spec) ? nullMatches : regex.test(pyText(v)) !== negative);
    }
    case '=like':
    case '=ilike': {
      const regex = likePattern(pyText(right), op === '=ilike');
      return (v) => !isUnset(v, spec) && regex.test(pyText(v));
    }
    case 'in':
    case 'not in': {
      if (!Array.isArray(right)) throw new DomainError(`Invalid domain term ${pyTupleRepr(leaf)}`);
      const present = right.filter((x) => x !== false && x !== null && x !== undefined);
      const hasUnset = spec.type === 'boolean' ? right.includes(false) : present.length < right.length;
      const values = present.map((x) => toColumn(spec, x, leaf));
      const has = (v: unknown): boolean => values.some((w) => compare(columnValue(spec, v), w) === 0);
      if (op === 'in') return (v) => (isUnset(v, spec) ? hasUnset : has(v) || (spec.type === 'boolean' && hasUnset && !v));
      return (v) => (isUnset(v, spec) ? !hasUnset : !has(v) && !(spec.type === 'boolean' && hasUnset && !v));
    }
    default:
      throw new DomainError(`Operator '${op}' does not apply to ${spec.type} fields: ${pyTupleRepr(leaf)}`);
  }
}
