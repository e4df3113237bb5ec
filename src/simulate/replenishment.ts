/**
 * Replenishment in the replay. Each day, every product in every warehouse gets its forecast
 * (on hand + inbound + on order − committed demand) and the policy's proposal; an RFQ becomes
 * a simulated purchase that arrives after the vendor's lead time. Demand leaves stock as it did
 * in history; the history's own purchase receipts are replaced by the simulated ones, so the
 * series shows what the rules would have kept on the shelf — but for receipts no policy of the
 * window's would replace (bought for sale orders, or before the window opened): they are
 * inbound from when they were bought, and arrive as they did. Memory: per product and warehouse,
 * a 90-day demand ring and one stock value per day for each series.
 */
import type { CompiledCondition, Evaluator } from '../compile/evaluate.js';
import type { Truth } from '../compile/truth.js';
import type { Facts } from '../facts/model.js';
import { leavesOf } from '../language/condition.js';
import { proposeReplenishment, type ReplenishmentProposal } from '../kinds/replenishment/decide.js';
import type { ReplenishmentPolicy } from '../kinds/replenishment/policy.js';
import type { Refs } from './refs.js';
import { MinHeap } from './heap.js';
import { PairTable } from './pair-table.js';
import { dateOfDay } from './time.js';
import type { ProductImpact, SimulationResult } from './result.js';

export const TRAILING_DAYS = 90;

/** Stock state of one product in one warehouse, shared shape for both series. */
export interface Position {
  /** `${productId}/${warehouseId}`. */
  key: string;
  productId: number;
  warehouseId: number;
  /** Actual on hand, as history moved it. */
  actual: number;
  /** Confirmed demand not yet delivered (actual). */
  committed: number;
  /** Demand per day over the trailing window, as a ring, and its running sum. */
  demand: Float64Array;
  demandSum: number;
  actualSeries: Float32Array;
  actualStockoutDays: number;
}

interface SimPosition {
  stock: number;
  onOrder: number;
  /** History's receipts on their way that the series keeps (make to order, or bought before the window). */
  inbound: number;
  /** An alert or an expedite is raised once when it starts, not again every day it lasts. */
  alerting: boolean;
  expediting: boolean;
  series: Float32Array;
  stockoutDays: number;
  proposals: number;
  /** The last proposal and the stock figures it was made from: most days nothing moves. */
  last: { onHand: number; inbound: number; onOrder: number; committed: number; daily: number; proposal: ReplenishmentProposal | null } | null;
}

/** The actual side, shared by every rule set: what history did to each product's stock. */
export class StockLedger {
  readonly positions = new Map<string, Position>();
  private readonly byIds = new PairTable<Position>();
  actualValueSum = 0;

  constructor(
    readonly refs: Refs,
    readonly days: number,
    readonly firstDay: number,
    opening: ReadonlyMap<string, number>,
  ) {
    for (const [k, qty] of opening) {
      const [p, w] = k.split('/').map(Number) as [number, number];
      this.position(p, w).actual = qty;
    }
  }

  position(productId: number, warehouseId: number): Position {
    let pos = this.byIds.get(productId, warehouseId);
    if (!pos) {
      const key = `${productId}/${warehouseId}`;
      pos = { key, productId, warehouseId, actual: 0, committed: 0, demand: new Float64Array(TRAILING_DAYS), demandSum: 0, actualSeries: new Float32Array(this.days), actualStockoutDays: 0 };
      this.positions.set(key, pos);
      this.byIds.set(productId, warehouseId, pos);
    }
    return pos;
  }

  onDemand(productId: number, warehouseId: number, qty: number, day: number): void {
    const p = this.position(productId, warehouseId);
    p.committed += qty;
    p.demand[((day % TRAILING_DAYS) + TRAILING_DAYS) % TRAILING_DAYS]! += qty;
    p.demandSum += qty;
  }

  onMove(productId: number, warehouseId: number, qty: number, outgoing: boolean): void {
    this.position(productId, warehouseId).actual += outgoing ? -qty : qty;
  }

  /**
   * Committed demand delivered or cancelled. Only demand confirmed in the window is counted
   * here, so only what settles it may lower it: an older order's delivery takes nothing off.
   */
  onSettled(productId: number, warehouseId: number, qty: number): void {
    if (qty <= 0) return;
    const p = this.position(productId, warehouseId);
    p.committed = Math.max(0, p.committed - qty);
  }

  available(productId: number, warehouseId: number): number {
    return this.byIds.get(productId, warehouseId)?.actual ?? 0;
  }

  endOfDay(day: number): void {
    const i = day - this.firstDay;
    for (const p of this.positions.values()) {
      if (i >= 0 && i < this.days) p.actualSeries[i] = p.actual;
      if (p.actual <= 0 && p.committed > 0) p.actualStockoutDays++;
      const cost = this.refs.products.get(p.productId)?.['standard_price'];
      if (typeof cost === 'number') this.actualValueSum += Math.max(0, p.actual) * cost;
    }
    // Tomorrow's slot in the ring starts empty.
    const next = (((day + 1) % TRAILING_DAYS) + TRAILING_DAYS) % TRAILING_DAYS;
    for (const p of this.positions.values()) {
      p.demandSum -= p.demand[next]!;
      p.demand[next] = 0;
    }
  }
}

interface PositionFacts {
  [root: string]: unknown;
  product: Record<string, unknown>;
  warehouse: Record<string, unknown>;
  stock: { on_hand: number; inbound: number; on_order: number; committed: number };
  demand: { daily: number };
  vendor: Record<string, unknown>;
}

const STATIC_ROOTS = new Set(['product', 'warehouse', 'vendor']);
const staticConditions = new WeakMap<CompiledCondition, boolean>();

/** A condition that reads only product, warehouse and vendor facts, which never change in a replay. */
function isStatic(c: CompiledCondition): boolean {
  let v = staticConditions.get(c);
  if (v === undefined) staticConditions.set(c, (v = leavesOf(c.node).every((l) => STATIC_ROOTS.has(l.fact.split('.')[0]!))));
  return v;
}

interface Arrival {
  day: number;
  key: string;
  qty: number;
}

/**
 * RFQs are counted each time one is placed (on-order stock stops repeats); alerts and
 * expedites once per episode, while the condition lasts.
 */
export class ReplenishmentModel {
  private readonly sim = new Map<string, SimPosition>();
  private readonly arrivals = new MinHeap<Arrival>((a, b) => a.day < b.day);
  proposals = 0;
  rfq = 0;
  alerts = 0;
  expedites = 0;
  private valueSum = 0;
  private daysSeen = 0;

  constructor(
    private readonly policy: ReplenishmentPolicy | null,
    private readonly ledger: StockLedger,
    private readonly evaluate: Evaluator,
  ) {}

  private readonly facts = new Map<string, PositionFacts>();
  /** Truths of conditions that only read a product's own, unchanging facts, per position. */
  private readonly staticTruths = new WeakMap<Facts, Map<string, Truth>>();
  private readonly cachedEvaluate: Evaluator = (condition, facts) => {
    if (!isStatic(condition)) return this.evaluate(condition, facts);
    let truths = this.staticTruths.get(facts);
    if (!truths) this.staticTruths.set(facts, (truths = new Map()));
    let t = truths.get(condition.id);
    if (t === undefined) truths.set(condition.id, (t = this.evaluate(condition, facts)));
    return t;
  };

  /** One facts object per position for the whole replay: the static part built once, stock updated daily. */
  private factsOf(key: string, p: Position): PositionFacts {
    let f = this.facts.get(key);
    if (f) return f;
    const refs = this.ledger.refs;
    const product = refs.products.get(p.productId);
    const warehouse = refs.warehouses.get(p.warehouseId);
    const vendor = refs.vendors.get(p.productId);
    const categ = Array.isArray(product?.['categ_id']) ? refs.categories.get(product['categ_id'][0] as number) : undefined;
    f = {
      product: {
        id: p.productId,
        code: typeof product?.['default_code'] === 'string' ? product['default_code'] : null,
        name: typeof product?.['name'] === 'string' ? product['name'] : null,
        category: typeof categ?.['complete_name'] === 'string' ? categ['complete_name'] : null,
        cost: typeof product?.['standard_price'] === 'number' ? product['standard_price'] : null,
      },
      warehouse: { code: typeof warehouse?.['code'] === 'string' ? warehouse['code'] : null },
      stock: { on_hand: 0, inbound: 0, on_order: 0, committed: 0 },
      demand: { daily: 0 },
      vendor: { name: vendor?.name ?? null, lead_days: vendor ? vendor.leadDays : null },
    };
    this.facts.set(key, f);
    return f;
  }

  private simOf(key: string, p: { actual: number }): SimPosition {
    let s = this.sim.get(key);
    if (!s) {
      s = { stock: p.actual, onOrder: 0, inbound: 0, alerting: false, expediting: false, series: new Float32Array(this.ledger.days), stockoutDays: 0, proposals: 0, last: null };
      this.sim.set(key, s);
    }
    return s;
  }

  private simAt(productId: number, warehouseId: number): SimPosition {
    const p = this.ledger.position(productId, warehouseId);
    return this.simOf(p.key, p);
  }

  /** Simulated stock moves with demand as history delivered it; receipts come from simulated purchases. */
  onDelivery(productId: number, warehouseId: number, qty: number): void {
    this.simAt(productId, warehouseId).stock -= qty;
  }

  /** One of history's receipts is on its way that no proposal replaces (bought to order, or before the window). */
  onInbound(productId: number, warehouseId: number, qty: number): void {
    this.simAt(productId, warehouseId).inbound += qty;
  }

  /** Such a receipt arrives, as it did in history. */
  onReceived(productId: number, warehouseId: number, qty: number): void {
    const s = this.simAt(productId, warehouseId);
    s.stock += qty;
    s.inbound = Math.max(0, s.inbound - qty);
  }

  endOfDay(day: number): void {
    const refs = this.ledger.refs;
    while (this.arrivals.peek() && this.arrivals.peek()!.day <= day) {
      const a = this.arrivals.pop()!;
      const s = this.sim.get(a.key)!;
      s.stock += a.qty;
      s.onOrder -= a.qty;
    }
    const i = day - this.ledger.firstDay;
    this.daysSeen++;
    for (const [key, p] of this.ledger.positions) {
      const s = this.simOf(key, p);
      if (this.policy) {
        const vendor = refs.vendors.get(p.productId);
        const daily = p.demandSum / TRAILING_DAYS;
        const last = s.last;
        let proposal: ReplenishmentProposal | null;
        // The proposal is a pure function of the facts; only these five of them ever change.
        if (last && last.onHand === s.stock && last.inbound === s.inbound && last.onOrder === s.onOrder && last.committed === p.committed && last.daily === daily) proposal = last.proposal;
        else {
          const facts = this.factsOf(key, p);
          facts.stock.on_hand = s.stock;
          facts.stock.inbound = s.inbound;
          facts.stock.on_order = s.onOrder;
          facts.stock.committed = p.committed;
          facts.demand.daily = daily;
          proposal = proposeReplenishment(this.policy, facts, this.cachedEvaluate);
          s.last = { onHand: s.stock, inbound: s.inbound, onOrder: s.onOrder, committed: p.committed, daily, proposal };
        }
        const ordering = proposal !== null && proposal.quantity > 0 && proposal.action === 'rfq' && proposal.vendor !== null;
        const alerting = proposal !== null && proposal.quantity > 0 && !ordering;
        const expediting = proposal?.expedite === true;
        if (expediting && !s.expediting) this.expedites++;
        s.expediting = expediting;
        if (ordering && proposal) {
          this.proposals++;
          this.rfq++;
          s.proposals++;
          const qty = Math.max(proposal.quantity, vendor?.minQty ?? 0);
          s.onOrder += qty;
          this.arrivals.push({ day: day + Math.max(1, Math.ceil(vendor?.leadDays ?? 1)), key, qty });
        } else if (alerting && !s.alerting) {
          this.proposals++;
          this.alerts++;
          s.proposals++;
        }
        s.alerting = alerting;
      }
      if (i >= 0 && i < this.ledger.days) s.series[i] = s.stock;
      if (s.stock <= 0 && p.committed > 0) s.stockoutDays++;
      const cost = refs.products.get(p.productId)?.['standard_price'];
      if (typeof cost === 'number') this.valueSum += Math.max(0, s.stock) * cost;
    }
  }

  result(top = 6): SimulationResult['replenishment'] {
    const refs = this.ledger.refs;
    let simulatedStockout = 0;
    let actualStockout = 0;
    const ranked: { key: string; weight: number; impact: ProductImpact }[] = [];
    for (const [key, p] of this.ledger.positions) {
      const s = this.sim.get(key);
      if (!s) continue;
      simulatedStockout += s.stockoutDays;
      actualStockout += p.actualStockoutDays;
      const product = refs.products.get(p.productId);
      const warehouse = refs.warehouses.get(p.warehouseId);
      ranked.push({
        key,
        weight: Math.abs(s.stockoutDays - p.actualStockoutDays) * 1000 + s.proposals,
        impact: {
          product: typeof product?.['default_code'] === 'string' ? product['default_code'] : String(p.productId),
          warehouse: typeof warehouse?.['code'] === 'string' ? warehouse['code'] : String(p.warehouseId),
          simulatedStockoutDays: s.stockoutDays,
          actualStockoutDays: p.actualStockoutDays,
          proposals: s.proposals,
          series: [],
        },
      });
    }
    ranked.sort((a, b) => b.weight - a.weight || a.impact.product.localeCompare(b.impact.product));
    // Series only for the few products shown: the rest never leave their typed arrays.
    const chosen = ranked.slice(0, top).map(({ key, impact }) => {
      const p = this.ledger.positions.get(key)!;
      const s = this.sim.get(key)!;
      const series = Array.from({ length: this.ledger.days }, (_, i) => ({
        date: dateOfDay(this.ledger.firstDay + i),
        simulated: Math.round(s.series[i]! * 100) / 100,
        actual: Math.round(p.actualSeries[i]! * 100) / 100,
      }));
      return { ...impact, series };
    });
    const days = Math.max(1, this.daysSeen);
    return {
      policy: this.policy?.name ?? null,
      proposals: this.proposals,
      rfq: this.rfq,
      alerts: this.alerts,
      expedites: this.expedites,
      stockoutDays: { simulated: simulatedStockout, actual: actualStockout },
      inventoryValue: { simulated: Math.round(this.valueSum / days), actual: Math.round(this.ledger.actualValueSum / days) },
      products: chosen,
    };
  }
}
