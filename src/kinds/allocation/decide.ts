/**
 * The allocation plan: a pure, deterministic function of the policy, the stock and the open
 * demand. Lines are ranked by the policy's keys (then the tie-break, then line id, so two
 * runs never differ), then served in that order within caps and partial-fill rules.
 */
import type { Evaluator } from '../../compile/evaluate.js';
import { resolveFact } from '../../compile/truth.js';
import type { Facts } from '../../facts/model.js';
import type { AllocationPolicy, PriorityKey } from './policy.js';

/** What allocation needs of a policy (a compiled AllocationPolicy, or a built-in baseline). */
export type AllocationRules = Omit<AllocationPolicy, 'ctx'>;

/** The baseline when no AllocationPolicy is defined: first come, first served. */
export const FIRST_COME_FIRST_SERVED: AllocationRules = {
  name: '(first come, first served)',
  priority: [{ key: 'order.date_order', order: 'asc', missing: 'last' }],
  tieBreak: 'order.name',
  minFillPct: 0,
  respectShipComplete: true,
};

export interface DemandLine {
  /** `order`, `customer` and `line` facts (see the allocation fact model). */
  facts: Facts;
}

export interface StockLevel {
  product: string;
  warehouse: string;
  available: number;
}

export type ShortReason = 'short' | 'cap' | 'min-fill' | 'fill-or-kill' | 'ship-complete';

export interface AllocatedLine {
  order: string;
  line: number;
  customer: string;
  product: string;
  warehouse: string;
  requested: number;
  allocated: number;
  backorder: number;
  /** 1-based position in the priority ranking. */
  rank: number;
  /** Why the line got less than it asked for. */
  reason?: ShortReason;
}

export interface AllocationPlan {
  policy: string;
  lines: AllocatedLine[];
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

type SortValue = { missing: true } | { missing: false; v: number | string };

/** A line's value for one key, resolved once so sorting never walks fact paths again. */
function sortValue(k: PriorityKey, segments: readonly string[], facts: Facts): SortValue {
  const v = resolveFact(facts, segments);
  if (v === undefined || v === null) return { missing: true };
  if (k.rank) {
    const r = k.rank.indexOf(v as string);
    return { missing: false, v: r < 0 ? k.rank.length : r };
  }
  return { missing: false, v: typeof v === 'number' ? v : str(v) };
}

function compareValues(k: PriorityKey, a: SortValue, b: SortValue): number {
  if (a.missing || b.missing) return a.missing === b.missing ? 0 : (a.missing ? 1 : -1) * (k.missing === 'last' ? 1 : -1);
  const x = a.v;
  const y = b.v;
  const c = typeof x === 'number' && typeof y === 'number' ? x - y : str(x) < str(y) ? -1 : str(x) > str(y) ? 1 : 0;
  return k.rank ? c : k.order === 'desc' ? -c : c;
}

/**
 * Sort values per facts object and policy: a line waiting for stock is ranked again at every
 * receipt, but its keys do not change — except its own quantity, which is never cached.
 */
const sortCache = new WeakMap<AllocationRules, WeakMap<Facts, SortValue[]>>();

function rankKeys(policy: AllocationRules): { keys: PriorityKey[]; valuesOf: (facts: Facts) => SortValue[] } {
  const keys: PriorityKey[] = [...policy.priority, { key: policy.tieBreak, order: 'asc', missing: 'last' }, { key: 'line.id', order: 'asc', missing: 'last' }];
  const segments = keys.map((k) => k.key.split('.'));
  const cacheable = keys.every((k) => k.key !== 'line.quantity');
  let cache = sortCache.get(policy);
  if (!cache) sortCache.set(policy, (cache = new WeakMap()));
  const valuesOf = (facts: Facts): SortValue[] => {
    let v = cacheable ? cache.get(facts) : undefined;
    if (!v) {
      v = keys.map((k, i) => sortValue(k, segments[i]!, facts));
      if (cacheable) cache.set(facts, v);
    }
    return v;
  };
  return { keys, valuesOf };
}

function compareRanked(keys: readonly PriorityKey[], va: readonly SortValue[], vb: readonly SortValue[]): number {
  for (let i = 0; i < keys.length; i++) {
    const c = compareValues(keys[i]!, va[i]!, vb[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** The policy's order on demand lines: its keys, then the tie-break, then line id. */
export function demandComparator(policy: AllocationRules): (a: DemandLine, b: DemandLine) => number {
  const { keys, valuesOf } = rankKeys(policy);
  return (a, b) => compareRanked(keys, valuesOf(a.facts), valuesOf(b.facts));
}

export function rankDemand(policy: AllocationRules, demand: readonly DemandLine[]): DemandLine[] {
  // Each line's values are looked up once, not at every comparison.
  const { keys, valuesOf } = rankKeys(policy);
  const keyed = demand.map((d) => ({ d, v: valuesOf(d.facts) }));
  keyed.sort((a, b) => compareRanked(keys, a.v, b.v));
  return keyed.map((x) => x.d);
}

export function allocate(policy: AllocationRules, stock: readonly StockLevel[], demand: readonly DemandLine[], evaluate: Evaluator): AllocationPlan {
  const key = (p: string, w: string): string => `${p}\u0000${w}`;
  const remaining = new Map<string, number>();
  const initial = new Map<string, number>();
  for (const s of stock) {
    remaining.set(key(s.product, s.warehouse), (remaining.get(key(s.product, s.warehouse)) ?? 0) + Math.max(0, s.available));
    initial.set(key(s.product, s.warehouse), remaining.get(key(s.product, s.warehouse))!);
  }
  const inScope = demand.filter((d) => !policy.warehouses || policy.warehouses.includes(str(resolveFact(d.facts, ['order', 'warehouse']))));
  const ranked = rankDemand(policy, inScope);
  const capUsed = new Map<string, number>();
  const capLeft = (customer: string, sk: string): number => {
    if (policy.perCustomerPct === undefined) return Infinity;
    const cap = Math.floor(((initial.get(sk) ?? 0) * policy.perCustomerPct) / 100);
    return cap - (capUsed.get(`${customer}\u0000${sk}`) ?? 0);
  };
  const view = (d: DemandLine, rank: number): AllocatedLine => {
    const f = d.facts;
    const requested = num(resolveFact(f, ['line', 'quantity']));
    return {
      order: str(resolveFact(f, ['order', 'name'])),
      line: num(resolveFact(f, ['line', 'id'])),
      customer: str(resolveFact(f, ['customer', 'id'])),
      product: str(resolveFact(f, ['line', 'product'])),
      warehouse: str(resolveFact(f, ['order', 'warehouse'])),
      requested,
      allocated: 0,
      backorder: requested,
      rank,
    };
  };
  const lines = ranked.map((d, i) => view(d, i + 1));
  const give = (l: AllocatedLine, qty: number): void => {
    const sk = key(l.product, l.warehouse);
    remaining.set(sk, (remaining.get(sk) ?? 0) - qty);
    capUsed.set(`${l.customer}\u0000${sk}`, (capUsed.get(`${l.customer}\u0000${sk}`) ?? 0) + qty);
    l.allocated = qty;
    l.backorder = l.requested - qty;
  };
  const handledOrders = new Set<string>();
  const byOrder = new Map<string, AllocatedLine[]>();
  for (const l of lines) {
    const list = byOrder.get(l.order);
    if (list) list.push(l);
    else byOrder.set(l.order, [l]);
  }
  ranked.forEach((d, i) => {
    const l = lines[i]!;
    const shipComplete = policy.respectShipComplete && resolveFact(d.facts, ['order', 'ship_complete']) === true;
    if (shipComplete) {
      if (handledOrders.has(l.order)) return;
      handledOrders.add(l.order);
      // All of the order's lines, at the position of its best-ranked line, or none of them.
      const mine = byOrder.get(l.order)!;
      const need = new Map<string, number>();
      for (const x of mine) need.set(key(x.product, x.warehouse), (need.get(key(x.product, x.warehouse)) ?? 0) + x.requested);
      const fits = [...need].every(([sk, q]) => (remaining.get(sk) ?? 0) >= q && capLeft(l.customer, sk) >= q);
      if (fits) mine.forEach((x) => give(x, x.requested));
      else mine.forEach((x) => (x.reason = 'ship-complete'));
      return;
    }
    const sk = key(l.product, l.warehouse);
    const avail = Math.max(0, remaining.get(sk) ?? 0);
    const cap = Math.max(0, capLeft(l.customer, sk));
    const can = Math.min(l.requested, avail, cap);
    if (can >= l.requested) return give(l, l.requested);
    const reason: ShortReason = cap < avail ? 'cap' : 'short';
    if (policy.fillOrKill && evaluate(policy.fillOrKill, d.facts) === 'true') {
      l.reason = 'fill-or-kill';
      return;
    }
    if (can < (l.requested * policy.minFillPct) / 100) {
      l.reason = can > 0 ? 'min-fill' : reason;
      return;
    }
    give(l, can);
    l.reason = reason;
  });
  // A cap keeps one customer from taking what others wait for; once everyone has been served,
  // what is left goes back to the capped lines, in rank order, rather than stay on the shelf.
  if (policy.perCustomerPct !== undefined) {
    for (const l of lines) {
      if (l.reason !== 'cap') continue;
      const sk = key(l.product, l.warehouse);
      const more = Math.min(l.backorder, Math.max(0, remaining.get(sk) ?? 0));
      if (more <= 0) continue;
      remaining.set(sk, (remaining.get(sk) ?? 0) - more);
      l.allocated += more;
      l.backorder -= more;
      if (l.backorder <= 0) delete l.reason;
    }
  }
  return { policy: policy.name, lines };
}
