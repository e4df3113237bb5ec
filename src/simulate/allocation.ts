/**
 * Allocation in the replay. Open demand waits per warehouse; at each day's end, wherever open
 * demand exceeds the stock on hand, the allocation policy decides who gets what, and what it
 * allocates ships. Receipts arrive as they did in history. Fill rate, backorders and lateness
 * per customer tier are set beside what actually happened (the history's own deliveries).
 * Memory holds open lines only: a line leaves once it is filled.
 */
import type { Evaluator } from '../compile/evaluate.js';
import { allocate, demandComparator, FIRST_COME_FIRST_SERVED, type AllocationRules, type StockLevel } from '../kinds/allocation/decide.js';
import type { Facts } from '../facts/model.js';
import { DAY_MS } from './time.js';
import type { FillFigures, TierFill } from './result.js';

export interface DemandInput {
  lineId: number;
  productId: number;
  product: string;
  warehouseId: number;
  warehouse: string;
  quantity: number;
  due: number;
  tier: string;
  /** `order` and `customer` facts of the line's order; `line` is added here. */
  order: Record<string, unknown>;
  customer: Record<string, unknown>;
}

interface OpenLine extends DemandInput {
  remaining: number;
  facts: Facts & { line: Record<string, unknown> };
  /** `${productId}/${warehouseId}`, and the line as allocate() takes it: made once, not per run. */
  key: string;
  demandLine: { facts: Facts };
}

interface TierTotals {
  orderedQty: number;
  lines: number;
  onTimeQty: number;
  lateLines: number;
  lateDays: number;
  backorderQty: number;
}

const blank = (): TierTotals => ({ orderedQty: 0, lines: 0, onTimeQty: 0, lateLines: 0, lateDays: 0, backorderQty: 0 });

function figures(t: TierTotals): FillFigures {
  return {
    fillRate: t.orderedQty ? Math.round((t.onTimeQty / t.orderedQty) * 10000) / 10000 : 1,
    backorderQty: Math.round(t.backorderQty * 100) / 100,
    lateLines: t.lateLines,
    avgLateDays: t.lateLines ? Math.round((t.lateDays / t.lateLines) * 10) / 10 : 0,
  };
}

/** Tier totals for one way of delivering (simulated or actual), fed line by line. */
class FillLedger {
  readonly tiers = new Map<string, TierTotals>();

  private t(tier: string): TierTotals {
    let v = this.tiers.get(tier);
    if (!v) this.tiers.set(tier, (v = blank()));
    return v;
  }
  ordered(tier: string, qty: number): void {
    const t = this.t(tier);
    t.orderedQty += qty;
    t.lines++;
  }
  shipped(tier: string, qty: number, at: number, due: number): void {
    if (at <= due) this.t(tier).onTimeQty += qty;
  }
  completed(tier: string, at: number, due: number): void {
    if (at > due) {
      const t = this.t(tier);
      t.lateLines++;
      t.lateDays += Math.ceil((at - due) / DAY_MS);
    }
  }
  /** At the window's end: what is still open is backordered, and late if past due. */
  open(tier: string, remaining: number, end: number, due: number): void {
    const t = this.t(tier);
    t.backorderQty += remaining;
    if (end > due) {
      t.lateLines++;
      t.lateDays += Math.ceil((end - due) / DAY_MS);
    }
  }
}

/** What actually happened to each line: the history's deliveries (shared by every rule set). */
export class ActualDeliveries {
  readonly ledger = new FillLedger();
  private readonly lines = new Map<number, { tier: string; due: number; remaining: number }>();

  onOrderLine(d: DemandInput): void {
    this.ledger.ordered(d.tier, d.quantity);
    this.lines.set(d.lineId, { tier: d.tier, due: d.due, remaining: d.quantity });
  }

  onDelivery(lineId: number, qty: number, at: number): void {
    const l = this.lines.get(lineId);
    if (!l) return;
    const q = Math.min(qty, l.remaining);
    this.ledger.shipped(l.tier, q, at, l.due);
    l.remaining -= q;
    if (l.remaining <= 1e-9) {
      this.ledger.completed(l.tier, at, l.due);
      this.lines.delete(lineId);
    }
  }

  finish(end: number): void {
    for (const l of this.lines.values()) this.ledger.open(l.tier, l.remaining, end, l.due);
    this.lines.clear();
  }
}

/**
 * Open demand per product and warehouse, kept in the policy's order. Each day, only products
 * with news are looked at: new demand, or new stock. Where stock covers all their open demand,
 * everything ships. Otherwise the policy decides, once per warehouse for all its short
 * products, over the lines that can change anything: the whole backlog of a product that
 * received stock; for the others only the lines that arrived since — the rest got nothing last
 * time and stock has only shrunk since, so they would get nothing again. Every line of a
 * ship-complete order that takes part joins, whatever its product, so "all or nothing" sees
 * the whole order.
 */
export class AllocationModel {
  readonly ledger = new FillLedger();
  shortageEvents = 0;
  private readonly stock = new Map<string, number>();
  private readonly open = new Map<string, OpenLine[]>();
  private readonly demand = new Map<string, number>();
  /** Open ship-complete lines per product, and each ship-complete order's open lines. */
  private readonly completeLines = new Map<string, number>();
  private readonly byOrder = new Map<string, OpenLine[]>();
  private readonly dirty = new Set<string>();
  private readonly restocked = new Set<string>();
  private readonly fresh = new Map<string, OpenLine[]>();
  /** Products that shipped something today: only they may ship more tomorrow without news. */
  private readonly progress = new Set<string>();
  /** Products where a line was filled or cancelled today: their backlog needs tidying. */
  private readonly settled = new Set<string>();
  private readonly policy: AllocationRules;
  private readonly compare: (a: OpenLine, b: OpenLine) => number;

  constructor(
    policy: AllocationRules | null,
    opening: ReadonlyMap<string, number>,
    private readonly evaluate: Evaluator,
  ) {
    this.policy = policy ?? FIRST_COME_FIRST_SERVED;
    this.compare = demandComparator(this.policy);
    for (const [k, v] of opening) this.stock.set(k, v);
  }

  get policyName(): string {
    return this.policy.name;
  }

  onOrderLine(d: DemandInput): void {
    if (this.policy.warehouses && !this.policy.warehouses.includes(d.warehouse)) return;
    this.ledger.ordered(d.tier, d.quantity);
    const line = { id: d.lineId, product: d.product, quantity: d.quantity };
    const k = `${d.productId}/${d.warehouseId}`;
    const facts = { order: d.order, customer: d.customer, line };
    const open: OpenLine = { ...d, remaining: d.quantity, facts, key: k, demandLine: { facts } };
    const list = this.open.get(k) ?? [];
    // Binary insertion keeps the backlog in the policy's order without ever sorting it again.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(list[mid]!, open) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, open);
    this.open.set(k, list);
    this.demand.set(k, (this.demand.get(k) ?? 0) + d.quantity);
    if (shipsComplete(open)) {
      push(this.byOrder, String(d.order['name']), open);
      this.completeLines.set(k, (this.completeLines.get(k) ?? 0) + 1);
    }
    push(this.fresh, k, open);
    this.dirty.add(k);
  }

  onReceipt(productId: number, warehouseId: number, qty: number): void {
    const k = `${productId}/${warehouseId}`;
    this.stock.set(k, (this.stock.get(k) ?? 0) + qty);
    if (this.open.get(k)?.length) {
      this.dirty.add(k);
      this.restocked.add(k);
    }
  }

  /** The line gives up `qty` of what it waits for (shipped or cancelled). */
  private take(l: OpenLine, qty: number): void {
    const k = l.key;
    l.remaining -= qty;
    this.demand.set(k, (this.demand.get(k) ?? 0) - qty);
    if (l.remaining > 1e-9) return;
    this.settled.add(k);
    if (!shipsComplete(l)) return;
    this.completeLines.set(k, (this.completeLines.get(k) ?? 1) - 1);
    const name = String(l.order['name']);
    if ((this.byOrder.get(name) ?? []).every((o) => o.remaining <= 1e-9)) this.byOrder.delete(name);
  }

  private ship(l: OpenLine, qty: number, at: number): void {
    const k = l.key;
    this.progress.add(k);
    this.stock.set(k, (this.stock.get(k) ?? 0) - qty);
    this.take(l, qty);
    this.ledger.shipped(l.tier, qty, at, l.due);
    if (l.remaining <= 1e-9) this.ledger.completed(l.tier, at, l.due);
  }

  endOfDay(day: number): void {
    const at = (day + 1) * DAY_MS - 1;
    const touched = new Set<string>();
    const short = new Map<number, OpenLine[]>();
    for (const k of this.dirty) {
      const lines = this.open.get(k);
      if (!lines?.length) continue;
      const available = Math.max(0, this.stock.get(k) ?? 0);
      // Nothing on the shelf: nothing can ship, whoever is first. Wait for a receipt — except
      // fill-or-kill lines, which are decided (cancelled) the day they arrive.
      if (available <= 0) {
        if (this.policy.fillOrKill) for (const l of this.fresh.get(k) ?? []) if (l.remaining > 1e-9) push(short, l.warehouseId, l);
        continue;
      }
      touched.add(k);
      if ((this.demand.get(k) ?? 0) <= available && !this.completeLines.get(k)) {
        for (const l of lines) this.ship(l, l.remaining, at);
        continue;
      }
      this.shortageEvents++;
      const candidates = this.restocked.has(k) ? lines : (this.fresh.get(k) ?? []);
      for (const l of candidates) if (l.remaining > 1e-9) push(short, lines[0]!.warehouseId, l);
    }
    for (const candidates of short.values()) this.decide(candidates, at, touched);
    const again: string[] = [];
    for (const k of touched) {
      let left = this.open.get(k) ?? [];
      if (this.settled.has(k)) {
        left = left.filter((l) => l.remaining > 1e-9);
        if (left.length) this.open.set(k, left);
        else this.open.delete(k);
      }
      // Caps hold lines back while stock remains: look again tomorrow, as long as it moves.
      if (left.length && (this.stock.get(k) ?? 0) > 0 && this.progress.has(k)) again.push(k);
    }
    this.dirty.clear();
    this.restocked.clear();
    this.fresh.clear();
    this.progress.clear();
    this.settled.clear();
    for (const k of again) {
      this.dirty.add(k);
      this.restocked.add(k);
    }
  }

  /** One allocation run of the policy over the lines at stake in a warehouse. */
  private decide(candidates: readonly OpenLine[], at: number, touched: Set<string>): void {
    const byLine = new Map<number, OpenLine>();
    const stake: OpenLine[] = [];
    const add = (l: OpenLine): void => {
      if (byLine.has(l.lineId)) return;
      byLine.set(l.lineId, l);
      stake.push(l);
    };
    for (const l of candidates) {
      add(l);
      if (shipsComplete(l)) for (const o of this.byOrder.get(String(l.order['name'])) ?? []) if (o.remaining > 1e-9) add(o);
    }
    const products = new Map<string, StockLevel>();
    for (const l of stake) {
      if (!products.has(l.key)) products.set(l.key, { product: l.product, warehouse: l.warehouse, available: Math.max(0, this.stock.get(l.key) ?? 0) });
      l.facts.line['quantity'] = l.remaining;
      touched.add(l.key);
    }
    const plan = allocate(this.policy, [...products.values()], stake.map((l) => l.demandLine), this.evaluate);
    for (const p of plan.lines) {
      const l = byLine.get(p.line)!;
      if (p.allocated > 0) this.ship(l, p.allocated, at);
      // Fill or kill: what cannot ship complete now is cancelled, as Odoo cancels the remainder.
      else if (p.reason === 'fill-or-kill') this.take(l, l.remaining);
    }
  }

  finish(end: number): void {
    for (const lines of this.open.values()) for (const l of lines) this.ledger.open(l.tier, l.remaining, end, l.due);
    this.open.clear();
  }
}

function shipsComplete(l: OpenLine): boolean {
  return l.order['ship_complete'] === true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function tierFill(simulated: FillLedger, actual: FillLedger): TierFill[] {
  const tiers = [...new Set([...simulated.tiers.keys(), ...actual.tiers.keys()])];
  const order = ['platinum', 'gold', 'silver', 'bronze'];
  tiers.sort((a, b) => (order.indexOf(a) < 0 ? 99 : order.indexOf(a)) - (order.indexOf(b) < 0 ? 99 : order.indexOf(b)) || a.localeCompare(b));
  return tiers.map((tier) => {
    const s = simulated.tiers.get(tier) ?? blank();
    const a = actual.tiers.get(tier) ?? blank();
    return { tier, orderedQty: Math.round(a.orderedQty * 100) / 100, lines: a.lines, simulated: figures(s), actual: figures(a) };
  });
}
