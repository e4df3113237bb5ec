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
  /**
   * The stock the line draws on, matching a StockLevel's `stock`. Without it, stock is named
   * by the line's product (internal reference) and its order's warehouse — which Odoo does not
   * keep unique, so callers that know ids should say which stock is meant.
   */
  stock?: string;
}

export interface StockLevel {
  product: string;
  warehouse: string;
  available: number;
  /** Names this stock for lines that give `stock` (see DemandLine). */
  stock?: string;
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
  // NaN equals nothing, not even itself: no place to rank it but with the missing.
  if (v === undefined || v === null || Number.isNaN(v)) return { missing: true };
  if (k.rank) {
    const r = k.rank.indexOf(v as string);
    return { missing: false, v: r < 0 ? k.rank.length : r };
  }
  return { missing: false, v: typeof v === 'number' ? v : str(v) };
}

/**
 * A total order on a key's values: numbers by value, text by UTF-16 code units, and numbers
 * before text should one key hold both (text and numbers in one order would not be transitive).
 */
function compareValues(k: PriorityKey, a: SortValue, b: SortValue): number {
  if (a.missing || b.missing) return a.missing === b.missing ? 0 : (a.missing ? 1 : -1) * (k.missing === 'last' ? 1 : -1);
  const x = a.v;
  const y = b.v;
  // Not x - y: two equal infinities would give NaN, and the next key would never be asked.
  const c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'number' ? -1 : 1;
  return k.rank ? c : k.order === 'desc' ? -c : c;
}

/**
 * Sort values per facts object and policy: a line waiting for stock is ranked again at every
 * receipt, but its keys do not change — except its own quantity, which is never cached.
 */
const sortCache = new WeakMap<AllocationRules, WeakMap<Facts, SortValue[]>>();

function rankKeys(policy: AllocationRules): { keys: PriorityKey[]; valuesOf: (facts: Facts) => SortValue[]; resolve: (facts: Facts) => SortValue[] } {
  const keys: PriorityKey[] = [...policy.priority, { key: policy.tieBreak, order: 'asc', missing: 'last' }, { key: 'line.id', order: 'asc', missing: 'last' }];
  const segments = keys.map((k) => k.key.split('.'));
  const resolve = (facts: Facts): SortValue[] => keys.map((k, i) => sortValue(k, segments[i]!, facts));
  const cacheable = keys.every((k) => k.key !== 'line.quantity');
  let cache = sortCache.get(policy);
  if (!cache) sortCache.set(policy, (cache = new WeakMap()));
  const valuesOf = (facts: Facts): SortValue[] => {
    let v = cacheable ? cache.get(facts) : undefined;
    if (!v) {
      v = resolve(facts);
      if (cacheable) cache.set(facts, v);
    }
    return v;
  };
  return { keys, valuesOf, resolve };
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

/** A line's place in the policy's order, resolved once; compare two with `compare`. */
export type RankValues = readonly SortValue[];

/**
 * The policy's order for callers that keep lines waiting: each line's values resolved once
 * (the caller keeps them), compared without looking anything up. `static` is false when the
 * policy ranks by a line fact (its quantity changes while it waits), so the values must be
 * resolved again each time.
 */
export function demandRanking(policy: AllocationRules): { valuesOf: (facts: Facts) => RankValues; compare: (a: RankValues, b: RankValues) => number; static: boolean } {
  const { keys, resolve } = rankKeys(policy);
  return { valuesOf: resolve, compare: (a, b) => compareRanked(keys, a, b), static: ![...policy.priority.map((k) => k.key), policy.tieBreak].some((k) => k.startsWith('line.')) };
}

/**
 * Each line's place in the policy's order as one string, so that comparing two waiting lines
 * is one native string comparison: `a < b` exactly when `compare` puts a first. Each key's
 * value is a marker (missing first, present, missing last) and, when present, a type marker
 * and the value: a rank's position; a number's IEEE 754 bits made to sort as unsigned; text
 * as it is, U+0000 escaped, then a terminator that sorts before any continuation. Descending
 * keys invert all of it, with a terminator that sorts after any continuation.
 * `lineId: false` leaves out the final key, line.id.
 */
export function rankEncoder(policy: AllocationRules, options: { lineId?: boolean } = {}): (values: RankValues) => string {
  const all = rankKeys(policy).keys;
  // Without the last key (line.id): what all lines of one order share, when no key reads a line fact.
  const keys = options.lineId === false ? all.slice(0, -1) : all;
  const bytes = new DataView(new ArrayBuffer(8));
  const units = new Array<number>(8);
  const numberKey = (x: number, desc: boolean): string => {
    bytes.setFloat64(0, x === 0 ? 0 : x);
    const negative = bytes.getUint8(0) >= 0x80;
    for (let i = 0; i < 8; i++) {
      let u = bytes.getUint8(i);
      u = negative ? ~u & 0xff : i === 0 ? u | 0x80 : u;
      units[i] = desc ? ~u & 0xff : u;
    }
    return String.fromCharCode(...units);
  };
  const textKey = (x: string, desc: boolean): string => {
    if (!desc) return `${x.replaceAll('\u0000', '\u0000\uffff')}\u0000`;
    const out: string[] = [];
    for (let j = 0; j < x.length; j++) {
      const u = 0xffff - x.charCodeAt(j);
      out.push(u === 0xffff ? '\uffff\u0000' : String.fromCharCode(u));
    }
    out.push('\uffff\uffff');
    return out.join('');
  };
  return (values) => {
    // Parts joined once: `+=` would leave a tree of string pieces per line, kept as long as it waits.
    const out: string[] = [];
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = values[i]!;
      if (v.missing) {
        out.push(k.missing === 'last' ? '\u0003' : '\u0001');
        continue;
      }
      const x = v.v;
      if (k.rank) out.push('\u0002', String.fromCharCode(0x20 + (x as number)));
      else {
        const desc = k.order === 'desc';
        // Numbers before text ascending, after it descending.
        if (typeof x === 'number') out.push(desc ? '\u0002\u0002' : '\u0002\u0001', numberKey(x, desc));
        else out.push(desc ? '\u0002\u0001' : '\u0002\u0002', textKey(x, desc));
      }
    }
    return out.join('');
  };
}

export function rankDemand(policy: AllocationRules, demand: readonly DemandLine[]): DemandLine[] {
  // Each line's values are looked up once, not at every comparison.
  const { keys, valuesOf } = rankKeys(policy);
  const keyed = demand.map((d) => ({ d, v: valuesOf(d.facts) }));
  keyed.sort((a, b) => compareRanked(keys, a.v, b.v));
  return keyed.map((x) => x.d);
}

/** A line's facts as allocation reads them, resolved once per call. */
interface LineInfo {
  order: string;
  line: number;
  customer: string;
  product: string;
  warehouse: string;
  stockKey: string;
  capKey: string;
  shipComplete: boolean;
}

/** The key allocate() keeps stock under: product and warehouse. */
const stockKey = (product: string, warehouse: string): string => `${product}\u0000${warehouse}`;

function infoOf(d: DemandLine): LineInfo {
  const f = d.facts;
  const customer = str(resolveFact(f, ['customer', 'id']));
  const product = str(resolveFact(f, ['line', 'product']));
  const warehouse = str(resolveFact(f, ['order', 'warehouse']));
  const sk = d.stock ?? stockKey(product, warehouse);
  return {
    order: str(resolveFact(f, ['order', 'name'])),
    line: num(resolveFact(f, ['line', 'id'])),
    customer,
    product,
    warehouse,
    stockKey: sk,
    capKey: `${customer}\u0000${sk}`,
    shipComplete: resolveFact(f, ['order', 'ship_complete']) === true,
  };
}

/** Who gets what of the stock: the policy's ranking, caps, minimum fill and all-or-nothing rules. */
export function allocate(policy: AllocationRules, stock: readonly StockLevel[], demand: readonly DemandLine[], evaluate: Evaluator): AllocationPlan {
  const remaining = new Map<string, number>();
  const initial = new Map<string, number>();
  for (const s of stock) {
    const sk = s.stock ?? stockKey(s.product, s.warehouse);
    const v = (remaining.get(sk) ?? 0) + Math.max(0, s.available);
    remaining.set(sk, v);
    initial.set(sk, v);
  }
  const inScope = policy.warehouses ? demand.filter((d) => policy.warehouses!.includes(str(resolveFact(d.facts, ['order', 'warehouse'])))) : demand;
  const ranked = rankDemand(policy, inScope);
  const capUsed = new Map<string, number>();
  const capped = policy.perCustomerPct !== undefined;
  const capOf = (sk: string): number => Math.floor(((initial.get(sk) ?? 0) * policy.perCustomerPct!) / 100);
  /** What the cap still lets the customer take of this stock (`capKey`: customer and stock). */
  const capLeft = (capKey: string, sk: string): number => (capped ? capOf(sk) - (capUsed.get(capKey) ?? 0) : Infinity);
  const infos: LineInfo[] = new Array<LineInfo>(ranked.length);
  const lines: AllocatedLine[] = new Array<AllocatedLine>(ranked.length);
  /** Lines at stake, by order (a ship-complete order is served whole). */
  const byOrder = new Map<string, number[]>();
  for (let i = 0; i < ranked.length; i++) {
    const info = infoOf(ranked[i]!);
    const requested = num(resolveFact(ranked[i]!.facts, ['line', 'quantity']));
    infos[i] = info;
    lines[i] = { order: info.order, line: info.line, customer: info.customer, product: info.product, warehouse: info.warehouse, requested, allocated: 0, backorder: requested, rank: i + 1 };
    const list = byOrder.get(info.order);
    if (list) list.push(i);
    else byOrder.set(info.order, [i]);
  }
  const give = (i: number, qty: number): void => {
    const l = lines[i]!;
    const info = infos[i]!;
    const sk = info.stockKey;
    remaining.set(sk, (remaining.get(sk) ?? 0) - qty);
    if (capped) capUsed.set(info.capKey, (capUsed.get(info.capKey) ?? 0) + qty);
    l.allocated = qty;
    l.backorder = l.requested - qty;
  };
  /** What a ship-complete order needs of each stock, all its lines at stake together. */
  const needOf = (order: string): Map<string, number> => {
    const need = new Map<string, number>();
    for (const j of byOrder.get(order)!) need.set(infos[j]!.stockKey, (need.get(infos[j]!.stockKey) ?? 0) + lines[j]!.requested);
    return need;
  };
  const handledOrders = new Set<string>();
  for (let i = 0; i < ranked.length; i++) {
    const l = lines[i]!;
    const info = infos[i]!;
    if (policy.respectShipComplete && info.shipComplete) {
      if (handledOrders.has(l.order)) continue;
      handledOrders.add(l.order);
      // All of the order's lines, at the position of its best-ranked line, or none of them.
      const mine = byOrder.get(l.order)!;
      const need = needOf(l.order);
      let fitsStock = true;
      let fitsCap = true;
      for (const [sk, q] of need) {
        if (!((remaining.get(sk) ?? 0) >= q)) fitsStock = false;
        if (!(capLeft(`${l.customer}\u0000${sk}`, sk) >= q)) fitsCap = false;
      }
      if (fitsStock && fitsCap) for (const j of mine) give(j, lines[j]!.requested);
      // Held by the cap alone, the order is the cap's to give back later, whole.
      else for (const j of mine) lines[j]!.reason = fitsStock ? 'cap' : 'ship-complete';
      continue;
    }
    const sk = info.stockKey;
    const avail = Math.max(0, remaining.get(sk) ?? 0);
    const cap = Math.max(0, capLeft(info.capKey, sk));
    const can = Math.min(l.requested, avail, cap);
    if (can >= l.requested) {
      give(i, l.requested);
      continue;
    }
    const reason: ShortReason = cap < avail ? 'cap' : 'short';
    if (policy.fillOrKill && evaluate(policy.fillOrKill, ranked[i]!.facts) === 'true') {
      l.reason = 'fill-or-kill';
      continue;
    }
    if (can < (l.requested * policy.minFillPct) / 100) {
      // Held under its minimum fill by the cap, not by the stock: the cap's to give back later.
      l.reason = reason === 'cap' ? 'cap' : can > 0 ? 'min-fill' : reason;
      continue;
    }
    give(i, can);
    l.reason = reason;
  }
  // A cap keeps one customer from taking what others wait for; once everyone has been served,
  // what is left goes back to the capped lines, in rank order, rather than stay on the shelf —
  // as far as it brings them to their minimum fill, and to a ship-complete order only whole.
  if (policy.perCustomerPct !== undefined) {
    const givenBack = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.reason !== 'cap') continue;
      if (policy.respectShipComplete && infos[i]!.shipComplete) {
        if (givenBack.has(l.order)) continue;
        givenBack.add(l.order);
        if (![...needOf(l.order)].every(([sk, q]) => (remaining.get(sk) ?? 0) >= q)) continue;
        for (const j of byOrder.get(l.order)!) {
          const o = lines[j]!;
          remaining.set(infos[j]!.stockKey, (remaining.get(infos[j]!.stockKey) ?? 0) - o.requested);
          o.allocated = o.requested;
          o.backorder = 0;
          delete o.reason;
        }
        continue;
      }
      const sk = infos[i]!.stockKey;
      const more = Math.min(l.backorder, Math.max(0, remaining.get(sk) ?? 0));
      if (more <= 0 || l.allocated + more < (l.requested * policy.minFillPct) / 100) continue;
      remaining.set(sk, (remaining.get(sk) ?? 0) - more);
      l.allocated += more;
      l.backorder -= more;
      if (l.backorder <= 0) delete l.reason;
    }
  }
  return { policy: policy.name, lines };
}
