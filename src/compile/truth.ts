/**
 * Three-valued truth. A condition over a missing fact (Odoo's `false`, null, absent) or a
 * fact of the wrong type (the string "5" where a number belongs) is *unknown*, never
 * silently false or true. Each rule kind then resolves unknown the safe way:
 * an approval `require`/`deny` row fires (fails closed), an `allow` row does not.
 *
 * Both evaluation backends implement exactly these semantics; `leafTruth` is the one
 * definition of what an operator means.
 */
import type { LeafValue, Operator, Scalar } from '../language/condition.js';

export type Truth = 'true' | 'false' | 'unknown';

export function and(a: Truth, b: Truth): Truth {
  if (a === 'false' || b === 'false') return 'false';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'true';
}

export function or(a: Truth, b: Truth): Truth {
  if (a === 'true' || b === 'true') return 'true';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'false';
}

export function not(a: Truth): Truth {
  return a === 'true' ? 'false' : a === 'false' ? 'true' : 'unknown';
}

export function isMissing(v: unknown): boolean {
  return v === undefined || v === null;
}

const regexCache = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = regexCache.get(source);
  if (!r) {
    r = new RegExp(source, 'u');
    regexCache.set(source, r);
  }
  return r;
}

function comparable(a: unknown, b: unknown): a is number | string {
  return (typeof a === 'number' && Number.isFinite(a) && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function sameScalarType(a: unknown, b: Scalar): boolean {
  return typeof a === typeof b && (typeof a !== 'number' || Number.isFinite(a));
}

/** The meaning of one operator on one fact value. */
export function leafTruth(op: Operator, actual: unknown, expected: LeafValue): Truth {
  if (op === 'exists') return (expected === true) !== isMissing(actual) ? 'true' : 'false';
  if (isMissing(actual)) return 'unknown';
  switch (op) {
    case 'eq':
      return sameScalarType(actual, expected as Scalar) ? bool(actual === expected) : 'unknown';
    case 'ne':
      return sameScalarType(actual, expected as Scalar) ? bool(actual !== expected) : 'unknown';
    case 'gt':
      return comparable(actual, expected) ? bool(actual > (expected as number | string)) : 'unknown';
    case 'gte':
      return comparable(actual, expected) ? bool(actual >= (expected as number | string)) : 'unknown';
    case 'lt':
      return comparable(actual, expected) ? bool(actual < (expected as number | string)) : 'unknown';
    case 'lte':
      return comparable(actual, expected) ? bool(actual <= (expected as number | string)) : 'unknown';
    case 'between': {
      const [lo, hi] = expected as readonly Scalar[];
      return comparable(actual, lo) ? bool(actual >= (lo as number | string) && actual <= (hi as number | string)) : 'unknown';
    }
    case 'in':
    case 'notIn': {
      const list = expected as readonly Scalar[];
      if (!list.some((e) => sameScalarType(actual, e))) return 'unknown';
      const found = list.includes(actual as Scalar);
      return bool(op === 'in' ? found : !found);
    }
    case 'contains':
    case 'notContains': {
      let found: boolean;
      if (Array.isArray(actual)) found = actual.includes(expected);
      else if (typeof actual === 'string' && typeof expected === 'string') found = actual.includes(expected);
      else return 'unknown';
      return bool(op === 'contains' ? found : !found);
    }
    case 'containsAny':
      return Array.isArray(actual) ? bool((expected as readonly Scalar[]).some((e) => actual.includes(e))) : 'unknown';
    case 'matches':
      return typeof actual === 'string' ? bool(regex(expected as string).test(actual)) : 'unknown';
  }
}

function bool(b: boolean): Truth {
  return b ? 'true' : 'false';
}

/** Resolve a dotted fact path (`order.amount_total`) in a facts object. */
export function resolveFact(facts: Readonly<Record<string, unknown>>, segments: readonly string[]): unknown {
  let v: unknown = facts;
  for (const s of segments) {
    // Own properties only: `record.constructor` must not find Object's prototype.
    if (v === null || v === undefined || typeof v !== 'object' || !Object.hasOwn(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}
