/**
 * Decision-table analysis of an approval matrix. Each row's condition becomes a small union
 * of boxes (a DNF: per fact, an interval or a value set); then:
 *   - shadowed rows under `first`: every box of the row lies inside some box of an earlier row;
 *   - overlaps under `unique`: two rows' boxes intersect;
 *   - gaps in numeric bands: rows that differ only by an interval on one number fact, whose
 *     intervals leave a hole between them.
 * Conservative on purpose: a leaf it cannot reason about (matches, contains…) is compared
 * only for equality, so it may miss a problem but never reports a false one — except that
 * overlaps are assumed possible when such leaves differ, which is the safe side for `unique`.
 */
import type { ConditionNode, LeafNode, Scalar } from '../../language/condition.js';
import { lookupFact } from '../../facts/model.js';
import type { ApprovalMatrix, ApprovalRow } from './matrix.js';

interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}
type Constraint =
  | { kind: 'interval'; iv: Interval }
  | { kind: 'in'; values: Set<Scalar> }
  | { kind: 'notIn'; values: Set<Scalar> }
  | { kind: 'opaque'; keys: Set<string> };
type Box = Map<string, Constraint>;

const MAX_TERMS = 64;

/** Condition → DNF boxes, or null when too large or contradictory to reason about. */
function toBoxes(node: ConditionNode, numeric: (fact: string) => boolean, negated = false): Box[] | null {
  switch (node.type) {
    case 'always':
      return negated ? [] : [new Map()];
    case 'not':
      return toBoxes(node.item, numeric, !negated);
    case 'leaf':
      return leafBoxes(node, numeric(node.fact), negated);
    case 'all':
    case 'any': {
      const parts = node.items.map((i) => toBoxes(i, numeric, negated));
      if (parts.some((p) => p === null)) return null;
      const conj = (node.type === 'all') !== negated;
      if (!conj) {
        const union = (parts as Box[][]).flat();
        return union.length > MAX_TERMS ? null : union;
      }
      let acc: Box[] = [new Map()];
      for (const p of parts as Box[][]) {
        const next: Box[] = [];
        for (const a of acc) for (const b of p) {
          const m = meet(a, b);
          if (m) next.push(m);
        }
        if (next.length > MAX_TERMS) return null;
        acc = next;
      }
      return acc;
    }
  }
}

function leafBoxes(leaf: LeafNode, isNumber: boolean, negated: boolean): Box[] {
  const one = (c: Constraint): Box[] => [new Map([[leaf.fact, c]])];
  const iv = (lo: number, loIn: boolean, hi: number, hiIn: boolean): Box[] => one({ kind: 'interval', iv: { lo, loIn, hi, hiIn } });
  const v = leaf.value;
  if (isNumber && typeof v === 'number') {
    const ops: Record<string, () => Box[]> = negated
      ? {
          gt: () => iv(-Infinity, false, v, true),
          gte: () => iv(-Infinity, false, v, false),
          lt: () => iv(v, true, Infinity, false),
          lte: () => iv(v, false, Infinity, false),
          eq: () => [...iv(-Infinity, false, v, false), ...iv(v, false, Infinity, false)],
          ne: () => iv(v, true, v, true),
        }
      : {
          gt: () => iv(v, false, Infinity, false),
          gte: () => iv(v, true, Infinity, false),
          lt: () => iv(-Infinity, false, v, false),
          lte: () => iv(-Infinity, false, v, true),
          eq: () => iv(v, true, v, true),
          ne: () => [...iv(-Infinity, false, v, false), ...iv(v, false, Infinity, false)],
        };
    const f = ops[leaf.op];
    if (f) return f();
  }
  if (isNumber && leaf.op === 'between' && Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') {
    return negated ? [...iv(-Infinity, false, v[0], false), ...iv(v[1], false, Infinity, false)] : iv(v[0], true, v[1], true);
  }
  const set = (vals: readonly Scalar[]): Set<Scalar> => new Set(vals);
  const positive = leaf.op === 'eq' || leaf.op === 'in';
  const negative = leaf.op === 'ne' || leaf.op === 'notIn';
  if (!isNumber && (positive || negative)) {
    const vals = set(Array.isArray(v) ? v : [v as Scalar]);
    return one({ kind: positive !== negated ? 'in' : 'notIn', values: vals });
  }
  return one({ kind: 'opaque', keys: new Set([`${negated ? '!' : ''}${leaf.op}:${JSON.stringify(v)}`]) });
}

function meetInterval(a: Interval, b: Interval): Interval | null {
  const lo = a.lo > b.lo ? a : b.lo > a.lo ? b : { lo: a.lo, loIn: a.loIn && b.loIn };
  const hi = a.hi < b.hi ? a : b.hi < a.hi ? b : { hi: a.hi, hiIn: a.hiIn && b.hiIn };
  const r = { lo: lo.lo, loIn: lo.loIn, hi: hi.hi, hiIn: hi.hiIn };
  if (r.lo > r.hi || (r.lo === r.hi && !(r.loIn && r.hiIn))) return null;
  return r;
}

function meetConstraint(a: Constraint, b: Constraint): Constraint | null {
  if (a.kind === 'interval' && b.kind === 'interval') {
    const iv = meetInterval(a.iv, b.iv);
    return iv ? { kind: 'interval', iv } : null;
  }
  if (a.kind === 'in' && b.kind === 'in') {
    const values = new Set([...a.values].filter((x) => b.values.has(x)));
    return values.size ? { kind: 'in', values } : null;
  }
  if (a.kind === 'in' && b.kind === 'notIn') {
    const values = new Set([...a.values].filter((x) => !b.values.has(x)));
    return values.size ? { kind: 'in', values } : null;
  }
  if (a.kind === 'notIn' && b.kind === 'in') return meetConstraint(b, a);
  if (a.kind === 'notIn' && b.kind === 'notIn') return { kind: 'notIn', values: new Set([...a.values, ...b.values]) };
  const keys = new Set([...(a.kind === 'opaque' ? a.keys : []), ...(b.kind === 'opaque' ? b.keys : [])]);
  return { kind: 'opaque', keys };
}

function meet(a: Box, b: Box): Box | null {
  const out: Box = new Map(a);
  for (const [fact, c] of b) {
    const prior = out.get(fact);
    const m = prior ? meetConstraint(prior, c) : c;
    if (!m) return null;
    out.set(fact, m);
  }
  return out;
}

/** Is every value allowed by `inner` also allowed by `outer`? */
function constraintWithin(inner: Constraint, outer: Constraint): boolean {
  if (inner.kind === 'interval' && outer.kind === 'interval') {
    const a = inner.iv;
    const b = outer.iv;
    const loOk = a.lo > b.lo || (a.lo === b.lo && (b.loIn || !a.loIn));
    const hiOk = a.hi < b.hi || (a.hi === b.hi && (b.hiIn || !a.hiIn));
    return loOk && hiOk;
  }
  if (inner.kind === 'in' && outer.kind === 'in') return [...inner.values].every((v) => outer.values.has(v));
  if (inner.kind === 'in' && outer.kind === 'notIn') return [...inner.values].every((v) => !outer.values.has(v));
  if (inner.kind === 'notIn' && outer.kind === 'notIn') return [...outer.values].every((v) => inner.values.has(v));
  if (inner.kind === 'opaque' && outer.kind === 'opaque') return [...outer.keys].every((k) => inner.keys.has(k));
  return false;
}

function boxWithin(inner: Box, outer: Box): boolean {
  for (const [fact, c] of outer) {
    const i = inner.get(fact);
    if (!i || !constraintWithin(i, c)) return false;
  }
  return true;
}

function fmt(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : n > 0 ? '∞' : '−∞';
}

export function analyseMatrix(matrix: ApprovalMatrix): void {
  const numeric = (fact: string): boolean => {
    const f = lookupFact(matrix.subject, fact);
    return f.kind === 'known' && f.def.type === 'number';
  };
  const boxes = matrix.rows.map((r) => toBoxes(r.when.node, numeric));
  const report = (row: ApprovalRow, code: string, severity: 'error' | 'warning', message: string, hint?: string): void =>
    matrix.ctx.report(code, severity, message, ['spec', 'rows', row.index], hint ? { hint } : {});

  matrix.rows.forEach((row, j) => {
    const mine = boxes[j];
    if (!mine) return;
    if (mine.length === 0) {
      report(row, 'approval/never-matches', 'error', `row "${row.id}" can never match: its condition contradicts itself`);
      return;
    }
    if (matrix.hitPolicy === 'first') {
      for (let i = 0; i < j; i++) {
        const earlier = boxes[i];
        if (earlier && mine.every((b) => earlier.some((e) => boxWithin(b, e)))) {
          report(row, 'approval/shadowed-row', 'error', `row "${row.id}" can never fire: row "${matrix.rows[i]!.id}" above it matches every order it would`, 'Move the more specific row above the general one, or remove it.');
          return;
        }
      }
    }
    if (matrix.hitPolicy === 'unique') {
      for (let i = 0; i < j; i++) {
        const earlier = boxes[i];
        if (earlier && mine.some((b) => earlier.some((e) => meet(b, e) !== null))) {
          report(row, 'approval/overlapping-rows', 'error', `rows "${matrix.rows[i]!.id}" and "${row.id}" can both match the same order, but the hit policy is unique`, 'Make the conditions exclusive, or use hitPolicy: first (order decides) or collect (both apply).');
          break;
        }
      }
    }
  });
  findBandGaps(matrix, boxes, report);
}

/** Rows that are single boxes differing only in one number fact's interval form bands; holes between bands are gaps. */
function findBandGaps(
  matrix: ApprovalMatrix,
  boxes: (Box[] | null)[],
  report: (row: ApprovalRow, code: string, severity: 'error' | 'warning', message: string, hint?: string) => void,
): void {
  const groups = new Map<string, { row: ApprovalRow; iv: Interval }[]>();
  matrix.rows.forEach((row, j) => {
    const b = boxes[j];
    if (!b || b.length !== 1) return;
    const box = b[0]!;
    for (const [fact, c] of box) {
      if (c.kind !== 'interval') continue;
      const rest = [...box].filter(([f]) => f !== fact).map(([f, k]) => `${f}=${key(k)}`).sort().join('&');
      const g = `${fact}|${rest}`;
      groups.set(g, [...(groups.get(g) ?? []), { row, iv: c.iv }]);
    }
  });
  for (const [g, bands] of groups) {
    if (bands.length < 2) continue;
    const fact = g.split('|')[0]!;
    const sorted = [...bands].sort((a, b) => a.iv.lo - b.iv.lo || Number(b.iv.loIn) - Number(a.iv.loIn));
    let reach = sorted[0]!.iv;
    for (const band of sorted.slice(1)) {
      const gap = band.iv.lo > reach.hi || (band.iv.lo === reach.hi && !band.iv.loIn && !reach.hiIn);
      if (gap) {
        report(band.row, 'approval/band-gap', 'warning',
          `no row covers ${fact} ${reach.hiIn ? '>' : '≥'} ${fmt(reach.hi)} and ${band.iv.loIn ? '<' : '≤'} ${fmt(band.iv.lo)}: orders in that band match none of these rows`,
          'Close the gap by adjusting a threshold, or add a row for that band.');
      }
      if (band.iv.hi > reach.hi || (band.iv.hi === reach.hi && band.iv.hiIn)) reach = band.iv;
    }
  }
}

function key(c: Constraint): string {
  if (c.kind === 'interval') return `${c.iv.loIn ? '[' : '('}${c.iv.lo},${c.iv.hi}${c.iv.hiIn ? ']' : ')'}`;
  if (c.kind === 'opaque') return [...c.keys].sort().join(',');
  return `${c.kind}:${[...c.values].map(String).sort().join(',')}`;
}
