/**
 * Allocation in the replay. Open demand waits per warehouse; at each day's end, wherever open
 * demand exceeds the stock on hand, the allocation policy decides who gets what, and what it
 * allocates ships. Receipts arrive as they did in history. Fill rate, backorders and lateness
 * per customer tier are set beside what actually happened (the history's own deliveries).
 * Memory holds open lines only: a line leaves once it is filled.
 */
import type { Evaluator } from '../compile/evaluate.js';
import { allocate, FIRST_COME_FIRST_SERVED, type AllocationRules, type StockLevel } from '../kinds/allocation/decide.js';
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

export class AllocationModel {
  readonly ledger = new FillLedger();
  shortageEvents = 0;
  private readonly stock = new Map<string, number>();
  private readonly openByWarehouse = new Map<number, OpenLine[]>();
  private readonly dirty = new Set<number>();
  private readonly policy: AllocationRules;

  constructor(
    policy: AllocationRules | null,
    opening: ReadonlyMap<string, number>,
    private readonly evaluate: Evaluator,
  ) {
    this.policy = policy ?? FIRST_COME_FIRST_SERVED;
    for (const [k, v] of opening) this.stock.set(k, v);
  }

  get policyName(): string {
    return this.policy.name;
  }

  onOrderLine(d: DemandInput): void {
    if (this.policy.warehouses && !this.policy.warehouses.includes(d.warehouse)) return;
    this.ledger.ordered(d.tier, d.quantity);
    const line = { id: d.lineId, product: d.product, quantity: d.quantity };
    const open: OpenLine = { ...d, remaining: d.quantity, facts: { order: d.order, customer: d.customer, line } };
    const list = this.openByWarehouse.get(d.warehouseId) ?? [];
    list.push(open);
    this.openByWarehouse.set(d.warehouseId, list);
    this.dirty.add(d.warehouseId);
  }

  onReceipt(productId: number, warehouseId: number, qty: number): void {
    const k = `${productId}/${warehouseId}`;
    this.stock.set(k, (this.stock.get(k) ?? 0) + qty);
    if (this.openByWarehouse.get(warehouseId)?.length) this.dirty.add(warehouseId);
  }

  /** The day's allocation run, per warehouse with new demand or new stock. */
  endOfDay(day: number): void {
    const at = (day + 1) * DAY_MS - 1;
    for (const wh of this.dirty) {
      const open = this.openByWarehouse.get(wh) ?? [];
      if (open.length === 0) continue;
      const demandByProduct = new Map<number, number>();
      for (const l of open) demandByProduct.set(l.productId, (demandByProduct.get(l.productId) ?? 0) + l.remaining);
      const stock: StockLevel[] = [];
      for (const [pid, demand] of demandByProduct) {
        const available = Math.max(0, this.stock.get(`${pid}/${wh}`) ?? 0);
        if (demand > available) this.shortageEvents++;
        stock.push({ product: open.find((l) => l.productId === pid)!.product, warehouse: open[0]!.warehouse, available });
      }
      for (const l of open) l.facts.line['quantity'] = l.remaining;
      const plan = allocate(this.policy, stock, open.map((l) => ({ facts: l.facts })), this.evaluate);
      const byLine = new Map(open.map((l) => [l.lineId, l]));
      for (const p of plan.lines) {
        if (p.allocated <= 0) continue;
        const l = byLine.get(p.line)!;
        const k = `${l.productId}/${wh}`;
        this.stock.set(k, (this.stock.get(k) ?? 0) - p.allocated);
        l.remaining -= p.allocated;
        this.ledger.shipped(l.tier, p.allocated, at, l.due);
        if (l.remaining <= 1e-9) this.ledger.completed(l.tier, at, l.due);
      }
      this.openByWarehouse.set(wh, open.filter((l) => l.remaining > 1e-9));
    }
    // Stock may be left where caps or minimum fills held lines back: look again tomorrow.
    const again = [...this.dirty].filter((wh) => (this.openByWarehouse.get(wh) ?? []).some((l) => (this.stock.get(`${l.productId}/${wh}`) ?? 0) > 0));
    this.dirty.clear();
    again.forEach((wh) => this.dirty.add(wh));
  }

  finish(end: number): void {
    for (const open of this.openByWarehouse.values()) for (const l of open) this.ledger.open(l.tier, l.remaining, end, l.due);
    this.openByWarehouse.clear();
  }
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
