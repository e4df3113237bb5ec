/**
 * Allocation in the replay. Open demand waits per warehouse; at each day's end, wherever open
 * demand exceeds the stock on hand, the allocation policy decides who gets what, and what it
 * allocates ships. Receipts arrive as they did in history. Fill rate, backorders and lateness
 * per customer tier are set beside what actually happened (the history's own deliveries).
 * Memory holds open lines only: a line leaves once it is filled.
 */
import type { Evaluator } from '../compile/evaluate.js';
import { allocate, demandRanking, FIRST_COME_FIRST_SERVED, rankEncoder, type AllocationRules, type DemandLine, type StockLevel } from '../kinds/allocation/decide.js';
import { MinHeap } from './heap.js';
import { OpenLineTable } from './line-table.js';
import { PairTable } from './pair-table.js';
import { leavesOf } from '../language/condition.js';
import type { Facts } from '../facts/model.js';
import { DAY_MS, dayOf } from './time.js';
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

/**
 * A line waiting for stock: only what allocation reads of it, resolved once. Backlogs can
 * hold hundreds of thousands of lines in a long history, so nothing else is kept — the
 * order's and customer's facts stay only for the reference run, which hands them to allocate().
 */
interface OpenLine {
  lineId: number;
  /** `${productId}/${warehouseId}`. */
  key: string;
  tier: string;
  due: number;
  remaining: number;
  /**
   * Its place in the policy's order: its order's rank key (see rankEncoder; one string shared
   * by the order's lines — no key but the last, line.id, reads a line fact here), then its id.
   */
  orderRank: string;
  customerId: string;
  orderName: string;
  shipComplete: boolean;
  /** Fill-or-kill applies to it (decided once: its facts never change while it waits). */
  fillOrKill: boolean;
  /**
   * Of `remaining`, what receipts bought for its order hold for it: a ship-complete order's
   * line takes no one's stock for that part, and ships it with the order, whole.
   */
  held: number;
  /** The allocation run it last took part in. */
  mark: number;
}

/** What the reference run hands allocate() for a line. */
interface ReferenceLine {
  product: string;
  warehouse: string;
  facts: Facts & { line: Record<string, unknown> };
}

/** What all lines of one order share in allocation. */
interface OrderShared {
  order: Record<string, unknown>;
  /** Its place in the policy's order (see rankEncoder). */
  rank: string;
  customerId: string;
  name: string;
  shipComplete: boolean;
  /** Bought for by some purchase: its lines are served from that purchase's receipts first. */
  pegged: boolean;
  /** The fill-or-kill condition holds for it (when the condition reads no line fact). */
  fillOrKill: boolean;
}

/** A day's allocation run: lines at stake, and the whole backlogs of restocked products. */
interface Run {
  candidates: OpenLine[];
  backlogs: { key: string; lines: OpenLine[] }[];
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
  /**
   * At the window's end: what is still open is late if past due, and backordered but for
   * what stock is already reserved for (`reserved`: allocated, waiting for its ship date).
   */
  open(tier: string, remaining: number, end: number, due: number, reserved = 0): void {
    const t = this.t(tier);
    t.backorderQty += Math.max(0, remaining - reserved);
    if (end > due) {
      t.lateLines++;
      t.lateDays += Math.ceil((end - due) / DAY_MS);
    }
  }
}

/** What actually happened to each line: the history's deliveries (shared by every rule set). */
export class ActualDeliveries {
  readonly ledger = new FillLedger();
  private readonly lines = new OpenLineTable();

  onOrderLine(d: DemandInput): void {
    this.ledger.ordered(d.tier, d.quantity);
    this.lines.set(d.lineId, d.tier, d.due, d.quantity);
  }

  /** Takes up to `qty` off an open line of the window: how much it took, and the line. */
  private settle(lineId: number, qty: number): { tier: string; due: number; took: number; done: boolean } | null {
    const l = this.lines.get(lineId);
    if (!l) return null;
    const took = Math.min(qty, l.remaining);
    const done = l.remaining - took <= 1e-9;
    if (done) this.lines.delete(lineId);
    else this.lines.setRemaining(lineId, l.remaining - took);
    return { tier: l.tier, due: l.due, took, done };
  }

  /** A delivery: returns how much of it served a line confirmed in the window (0 for any other). */
  onDelivery(lineId: number, qty: number, at: number): number {
    const s = this.settle(lineId, qty);
    if (!s) return 0;
    this.ledger.shipped(s.tier, s.took, at, s.due);
    if (s.done) this.ledger.completed(s.tier, at, s.due);
    return s.took;
  }

  /**
   * History cancelled what was left of the line (no backorder): it waits no longer, as a
   * killed line in the replay. Returns how much of a window's line it cancelled.
   */
  onCancel(lineId: number, qty: number): number {
    return this.settle(lineId, qty)?.took ?? 0;
  }

  /**
   * The window ends: lines still open are backordered — but for what history had reserved
   * for them (`reserved`, by line id, when known), as the replay ships what it allocates.
   */
  finish(end: number, reserved?: ReadonlyMap<number, number>): void {
    for (const l of this.lines.entries()) this.ledger.open(l.tier, l.remaining, end, l.due, reserved?.get(l.id) ?? 0);
    this.lines.clear();
  }
}

/**
 * Open demand per product and warehouse, in the policy's order when walked. Each day, only products
 * with news are looked at: new demand, or new stock. Where stock covers all their open demand,
 * everything ships. Otherwise the policy decides, once a day for all short products, over the
 * lines at stake: the whole backlog of a product that received stock; for
 * the others only the lines that arrived since — the rest got nothing last time and stock has
 * only shrunk since, so they would get nothing again. Every line of a ship-complete order
 * that takes part joins, whatever its product, so "all or nothing" sees the whole order.
 *
 * That run is allocate()'s, line for line, done in place (see `decide`): a property test holds
 * the two to the same results. `reference: true` runs allocate() itself, as does a policy whose
 * ranking or fill-or-kill condition reads line facts (a waiting line's quantity changes).
 */
export class AllocationModel {
  readonly ledger = new FillLedger();
  shortageEvents = 0;
  private readonly stock = new Map<string, number>();
  private readonly open = new Map<string, OpenLine[]>();
  private readonly demand = new Map<string, number>();
  /** Open ship-complete lines per product, and each ship-complete order's open lines. */
  private readonly completeLines = new Map<string, Set<OpenLine>>();
  private readonly byOrder = new Map<string, OpenLine[]>();
  /**
   * Open lines per product that a run must visit even once the product's stock is gone:
   * fill-or-kill lines (to be cancelled) and lines holding stock of their own (their order may
   * still ship whole).
   */
  private readonly mustVisitLines = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly restocked = new Set<string>();
  private readonly fresh = new Map<string, OpenLine[]>();
  /** Products that shipped something today: only they may ship more tomorrow without news. */
  private readonly progress = new Set<string>();
  /** Products whose backlog had lines appended since it was last sorted. */
  private readonly unsorted = new Set<string>();
  /** Lines filled or cancelled but still in their backlog, per product: tidied away in bulk. */
  private readonly dead = new Map<string, number>();
  private readonly policy: AllocationRules;
  private readonly ranking: ReturnType<typeof demandRanking>;
  private readonly encode: ReturnType<typeof rankEncoder>;
  /** One string per product key and per customer, shared by all their lines. */
  private readonly strings = new Map<string, string>();
  private readonly keys = new PairTable<string>();
  /** Facts for allocate(), kept only when the reference run is used. */
  private readonly references = new Map<number, ReferenceLine>();
  private readonly inPlace: boolean;
  /** Marks lines already at stake in the current run. */
  private runId = 0;
  /** Orders that purchases were bought for (make to order), and their open lines by order name. */
  private readonly boughtFor: { has(name: string): boolean };
  private readonly pegged = new Map<string, OpenLine[]>();
  /** Received quantity that went straight to the orders it was bought for, and in how many receipts. */
  peggedQty = 0;
  peggedReceipts = 0;

  constructor(
    policy: AllocationRules | null,
    opening: ReadonlyMap<string, number>,
    private readonly evaluate: Evaluator,
    options: {
      reference?: boolean;
      /** Names of sale orders that purchases were bought for: their receipts serve them first (see onReceipt). */
      boughtFor?: { has(name: string): boolean };
    } = {},
  ) {
    this.boughtFor = options.boughtFor ?? new Set();
    this.policy = policy ?? FIRST_COME_FIRST_SERVED;
    this.ranking = demandRanking(this.policy);
    this.encode = rankEncoder(this.policy, { lineId: false });
    this.fillOrKillReadsLine = !!this.policy.fillOrKill && leavesOf(this.policy.fillOrKill.node).some((l) => l.fact.startsWith('line.'));
    this.inPlace = !options.reference && this.ranking.static && !this.fillOrKillReadsLine;
    for (const [k, v] of opening) this.stock.set(k, v);
  }

  private readonly fillOrKillReadsLine: boolean;

  /** What an order's lines share, worked out once: they arrive one after another. */
  private lastOrder: OrderShared | null = null;
  private orderShared(order: Record<string, unknown>, customer: Record<string, unknown>, facts: () => Facts): OrderShared {
    if (this.lastOrder?.order === order) return this.lastOrder;
    const f = facts();
    const name = String(order['name']);
    return (this.lastOrder = {
      order,
      rank: this.encode(this.ranking.valuesOf(f)),
      customerId: this.shared(customerOf(customer)),
      name,
      shipComplete: order['ship_complete'] === true,
      pegged: this.boughtFor.has(name),
      // Asked once for the order when the condition reads no line fact.
      fillOrKill: !!this.policy.fillOrKill && !this.fillOrKillReadsLine && this.evaluate(this.policy.fillOrKill, f) === 'true',
    });
  }

  /** `${productId}/${warehouseId}`, one string per product and warehouse. */
  private keyOf(productId: number, warehouseId: number): string {
    let k = this.keys.get(productId, warehouseId);
    if (k === undefined) this.keys.set(productId, warehouseId, (k = this.shared(`${productId}/${warehouseId}`)));
    return k;
  }

  private shared(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** The policy's order (see rankEncoder). The reference run does not need it: allocate() ranks for itself. */
  private compare(a: OpenLine, b: OpenLine): number {
    return a.orderRank < b.orderRank ? -1 : a.orderRank > b.orderRank ? 1 : a.lineId - b.lineId;
  }

  get policyName(): string {
    return this.policy.name;
  }

  onOrderLine(d: DemandInput): void {
    if (this.policy.warehouses && !this.policy.warehouses.includes(d.warehouse)) return;
    this.ledger.ordered(d.tier, d.quantity);
    const k = this.keyOf(d.productId, d.warehouseId);
    const lineFacts = (): Facts & { line: Record<string, unknown> } => ({ order: d.order, customer: d.customer, line: { id: d.lineId, product: d.product, quantity: d.quantity } });
    const o = this.orderShared(d.order, d.customer, lineFacts);
    // A line's own facts: for allocate() in the reference run, or a fill-or-kill condition that reads them.
    const facts = !this.inPlace || this.fillOrKillReadsLine ? lineFacts() : null;
    const shipComplete = o.shipComplete;
    const open: OpenLine = {
      lineId: d.lineId,
      key: k,
      tier: d.tier,
      due: d.due,
      remaining: d.quantity,
      orderRank: o.rank,
      customerId: o.customerId,
      orderName: o.name,
      shipComplete,
      // allocate() asks fill-or-kill only of lines outside the ship-complete rule.
      fillOrKill: !(this.policy.respectShipComplete && shipComplete) && (this.fillOrKillReadsLine ? this.evaluate(this.policy.fillOrKill!, facts!) === 'true' : o.fillOrKill),
      held: 0,
      mark: 0,
    };
    if (facts && !this.inPlace) this.references.set(d.lineId, { product: d.product, warehouse: d.warehouse, facts });
    // Appended, and put in the policy's order only when a run walks the backlog (see `sorted`).
    const list = this.open.get(k);
    if (list) list.push(open);
    else this.open.set(k, [open]);
    this.unsorted.add(k);
    this.demand.set(k, (this.demand.get(k) ?? 0) + d.quantity);
    if (o.pegged) push(this.pegged, open.orderName, open);
    if (shipComplete) {
      push(this.byOrder, open.orderName, open);
      const set = this.completeLines.get(k);
      if (set) set.add(open);
      else this.completeLines.set(k, new Set([open]));
    }
    if (open.fillOrKill) this.count(this.mustVisitLines, k, 1);
    push(this.fresh, k, open);
    this.dirty.add(k);
  }

  private count(counts: Map<string, number>, k: string, by: number): void {
    counts.set(k, (counts.get(k) ?? 0) + by);
  }

  /** A line the policy serves only with its whole order. */
  private wholeOnly(l: OpenLine): boolean {
    return this.policy.respectShipComplete && l.shipComplete;
  }

  /**
   * Stock arrives. A receipt bought for named sale orders (make to order: the purchase's
   * origin) serves those orders' open lines of the product first, as Odoo reserves it for their
   * deliveries: a line ships it the day it arrives, a ship-complete order's line holds it until
   * the order ships whole (at once, if that was all it waited for). What is left is the
   * allocation run's.
   */
  onReceipt(productId: number, warehouseId: number, qty: number, at?: number, boughtFor?: readonly string[]): void {
    const k = this.keyOf(productId, warehouseId);
    this.stock.set(k, (this.stock.get(k) ?? 0) + qty);
    let left = qty;
    if (boughtFor && at !== undefined) {
      const dayEnd = (dayOf(at) + 1) * DAY_MS - 1;
      let served = false;
      for (const name of boughtFor) {
        const lines = this.pegged.get(name);
        if (!lines) continue;
        let holding = false;
        for (const l of lines) {
          if (left <= 1e-9) break;
          const q = Math.min(l.remaining - l.held, left);
          if (l.key !== k || q <= 1e-9) continue;
          left -= q;
          this.peggedQty += q;
          served = true;
          if (!this.wholeOnly(l)) {
            this.ship(l, q, dayEnd, false);
            continue;
          }
          // Held out of the shelf's stock for the order.
          if (l.held === 0) this.count(this.mustVisitLines, k, 1);
          l.held += q;
          this.stock.set(k, this.stock.get(k)! - q);
          holding = true;
        }
        if (holding) {
          const mine = (this.byOrder.get(name) ?? []).filter((o) => o.remaining > 1e-9);
          if (mine.every((o) => o.held >= o.remaining - 1e-9)) for (const o of mine) this.shipHeld(o, dayEnd);
        }
        if (lines.every((l) => l.remaining <= 1e-9)) this.pegged.delete(name);
      }
      if (served) this.peggedReceipts++;
    }
    // Stock left for the shelf, or orders whose lines now need less (a minimum fill may now be
    // met, an order may now fit whole): the product is looked at again.
    if ((left > 1e-9 || left < qty) && this.live(k)) {
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
    this.dead.set(k, (this.dead.get(k) ?? 0) + 1);
    this.references.delete(l.lineId);
    if (this.pegged.get(l.orderName)?.every((o) => o.remaining <= 1e-9)) this.pegged.delete(l.orderName);
    if (l.fillOrKill || l.held > 0) this.count(this.mustVisitLines, k, -1);
    if (!l.shipComplete) return;
    const set = this.completeLines.get(k);
    set?.delete(l);
    if (set?.size === 0) this.completeLines.delete(k);
    if ((this.byOrder.get(l.orderName) ?? []).every((o) => o.remaining <= 1e-9)) this.byOrder.delete(l.orderName);
  }

  /**
   * A backlog in the policy's order. New lines are appended (inserting each in place moved a
   * long backlog's tail every time: the most costly step at a million orders); sorting a
   * sorted run with a short tail is a merge (the sort is stable and runs-aware).
   */
  private sorted(k: string, lines: OpenLine[]): OpenLine[] {
    if (this.unsorted.delete(k)) lines.sort((a, b) => this.compare(a, b));
    return lines;
  }

  /** Open lines of a product still waiting. */
  private live(k: string): number {
    return (this.open.get(k)?.length ?? 0) - (this.dead.get(k) ?? 0);
  }

  /** What the line holds ships (with its order): from its own receipts, not the shelf. */
  private shipHeld(l: OpenLine, at: number): void {
    const q = Math.min(l.held, l.remaining);
    if (q <= 1e-9) return;
    this.stock.set(l.key, (this.stock.get(l.key) ?? 0) + q);
    this.ship(l, q, at, false);
  }

  /**
   * The line ships `qty`. `fromShelf`: the shelf's stock, in a run — the product may then ship
   * more tomorrow without news (see `progress`); a receipt's own shipments take nothing from it.
   */
  private ship(l: OpenLine, qty: number, at: number, fromShelf = true): void {
    const k = l.key;
    if (fromShelf) this.progress.add(k);
    this.stock.set(k, (this.stock.get(k) ?? 0) - qty);
    this.take(l, qty);
    this.ledger.shipped(l.tier, qty, at, l.due);
    if (l.remaining <= 1e-9) this.ledger.completed(l.tier, at, l.due);
  }

  endOfDay(day: number): void {
    const at = (day + 1) * DAY_MS - 1;
    const touched = new Set<string>();
    // One run a day over every short product, whatever its warehouse: a ship-complete order
    // may span warehouses, and runs taken one warehouse after another would serve it, or not,
    // by which warehouse happened to go first.
    const run: Run = { candidates: [], backlogs: [] };
    for (const k of this.dirty) {
      const lines = this.open.get(k);
      if (!lines || !this.live(k)) continue;
      const available = Math.max(0, this.stock.get(k) ?? 0);
      // Nothing on the shelf: nothing can ship, whoever is first. Wait for a receipt — except
      // fill-or-kill lines, which are decided (cancelled) the day they arrive.
      if (available <= 0) {
        if (this.policy.fillOrKill) for (const l of this.fresh.get(k) ?? []) if (l.remaining > 1e-9) run.candidates.push(l);
        continue;
      }
      touched.add(k);
      if ((this.demand.get(k) ?? 0) <= available && !this.completeLines.has(k)) {
        for (const l of lines) if (l.remaining > 1e-9) this.ship(l, l.remaining, at);
        continue;
      }
      this.shortageEvents++;
      if (this.restocked.has(k)) run.backlogs.push({ key: k, lines: this.sorted(k, lines) });
      else for (const l of this.fresh.get(k) ?? []) if (l.remaining > 1e-9) run.candidates.push(l);
    }
    if (run.candidates.length || run.backlogs.length) {
      if (this.inPlace) this.decide(run, at, touched);
      else this.decideWithAllocate(run, at, touched);
    }
    const again: string[] = [];
    for (const k of touched) {
      const lines = this.open.get(k);
      if (!lines) continue;
      const dead = this.dead.get(k) ?? 0;
      // Compacted once a quarter of it is gone: a long backlog is not copied every day a line
      // ships, nor does it keep many settled lines alive.
      if (dead * 4 >= lines.length) {
        let n = 0;
        for (const l of lines) if (l.remaining > 1e-9) lines[n++] = l;
        lines.length = n;
        this.dead.delete(k);
        if (!n) this.open.delete(k);
      }
      // Caps hold lines back while stock remains: look again tomorrow, as long as it moves.
      if (this.live(k) && (this.stock.get(k) ?? 0) > 0 && this.progress.has(k)) again.push(k);
    }
    this.dirty.clear();
    this.restocked.clear();
    this.fresh.clear();
    this.progress.clear();
    for (const k of again) {
      this.dirty.add(k);
      this.restocked.add(k);
    }
  }

  /** The lines at stake in a run: candidates, restocked backlogs, and ship-complete siblings. */
  private stakeOf(run: Run, each: (l: OpenLine) => void): void {
    const id = ++this.runId;
    const add = (l: OpenLine): void => {
      if (l.remaining <= 1e-9 || l.mark === id) return;
      l.mark = id;
      each(l);
      if (l.shipComplete) for (const o of this.byOrder.get(l.orderName) ?? []) add(o);
    };
    for (const b of run.backlogs) for (const l of b.lines) add(l);
    for (const l of run.candidates) add(l);
  }

  /** The reference run: allocate() over every line at stake. */
  private decideWithAllocate(run: Run, at: number, touched: Set<string>): void {
    const stake: OpenLine[] = [];
    this.stakeOf(run, (l) => stake.push(l));
    const byLine = new Map<number, OpenLine>();
    const products = new Map<string, StockLevel>();
    const demand: DemandLine[] = [];
    for (const l of stake) {
      const ref = this.references.get(l.lineId)!;
      byLine.set(l.lineId, l);
      // Stock by ids: two products may share an internal reference.
      if (!products.has(l.key)) products.set(l.key, { product: ref.product, warehouse: ref.warehouse, available: Math.max(0, this.stock.get(l.key) ?? 0), stock: l.key });
      // What the line holds is not the shelf's to allocate: allocate() sees only the rest.
      ref.facts.line['quantity'] = l.remaining - l.held;
      demand.push({ facts: ref.facts, stock: l.key });
      touched.add(l.key);
    }
    const plan = allocate(this.policy, [...products.values()], demand, this.evaluate);
    for (const p of plan.lines) {
      const l = byLine.get(p.line)!;
      if (p.allocated > 0) this.ship(l, p.allocated, at);
      // Fill or kill: what cannot ship complete now is cancelled, as Odoo cancels the remainder.
      else if (p.reason === 'fill-or-kill') this.take(l, l.remaining);
      // A ship-complete order served whole ships what its lines hold too.
      if (this.wholeOnly(l) && !p.reason) this.shipHeld(l, at);
    }
  }

  /**
   * allocate()'s run, done in place over the lines at stake. Products are independent of each
   * other but for ship-complete orders, so each product's lines are walked in its own order
   * (a restocked backlog is already sorted), and products linked by ship-complete orders
   * together, merged by rank. A product stops being walked once its stock is gone and no line
   * that must still be visited is left in it (fill-or-kill, or holding stock of its own): every
   * later line would get nothing and change nothing (a ship-complete order needing it cannot
   * fit either). Shares are applied as they are decided; what the cap held back goes to those
   * lines (and ship-complete orders) at the end, in rank order, as far as it brings them to
   * their minimum fill.
   */
  private decide(run: Run, at: number, touched: Set<string>): void {
    const products = new Map<string, ProductRun>();
    const productOf = (k: string): ProductRun => {
      let p = products.get(k);
      if (!p) {
        const initial = Math.max(0, this.stock.get(k) ?? 0);
        const cap = this.policy.perCustomerPct === undefined ? Infinity : Math.floor((initial * this.policy.perCustomerPct) / 100);
        products.set(k, (p = { key: k, left: initial, cap, used: new Map(), lines: [], sorted: false, whole: false, pos: 0, mustVisit: 0, root: null }));
      }
      return p;
    };
    // A restocked backlog takes part whole, as it stands: its lines are not visited one by one
    // to put them at stake — only its ship-complete lines, for their orders' other lines.
    const id = ++this.runId;
    const orderProduct = new Map<string, ProductRun>();
    const linkOrder = (l: OpenLine, p: ProductRun): void => {
      const q = orderProduct.get(l.orderName);
      if (q) union(p, q);
      else orderProduct.set(l.orderName, p);
    };
    // A ship-complete order that needs more of a product than the warehouse holds cannot ship
    // in this run (stock only shrinks while it runs): its lines stay at stake and take nothing,
    // so its other lines need not join, nor its products be walked together.
    const noFit = new Map<string, boolean>();
    const cannotShip = (l: OpenLine): boolean => {
      if (!this.policy.respectShipComplete) return false;
      let v = noFit.get(l.orderName);
      if (v === undefined) {
        // An order has a handful of lines: sum per product without building a map.
        const lines = this.byOrder.get(l.orderName) ?? [];
        v = false;
        for (let i = 0; i < lines.length && !v; i++) {
          const k = lines[i]!.key;
          if (lines.findIndex((o) => o.key === k) !== i) continue;
          let need = 0;
          for (const o of lines) if (o.key === k && o.remaining > 1e-9) need += o.remaining - o.held;
          v = need > Math.max(0, this.stock.get(k) ?? 0);
        }
        noFit.set(l.orderName, v);
      }
      return v;
    };
    const add = (l: OpenLine): void => {
      if (l.remaining <= 1e-9 || l.mark === id) return;
      l.mark = id;
      const p = productOf(l.key);
      // A whole backlog's lines are at stake already; its ship-complete orders still link it.
      if (!p.whole) {
        p.lines.push(l);
        if (l.fillOrKill || l.held > 0) p.mustVisit++;
        touched.add(l.key);
      }
      if (l.shipComplete && !cannotShip(l)) {
        linkOrder(l, p);
        for (const o of this.byOrder.get(l.orderName) ?? []) add(o);
      }
    };
    for (const b of run.backlogs) {
      const p = productOf(b.key);
      p.lines = b.lines;
      p.sorted = true;
      p.whole = true;
      p.mustVisit = this.mustVisitLines.get(b.key) ?? 0;
      touched.add(b.key);
    }
    for (const b of run.backlogs) for (const l of this.completeLines.get(b.key) ?? []) if (!cannotShip(l)) add(l);
    for (const l of run.candidates) add(l);
    const components = new Map<ProductRun, ProductRun[]>();
    for (const p of products.values()) {
      if (!p.sorted) p.lines.sort((a, b) => this.compare(a, b));
      const r = rootOf(p);
      const c = components.get(r);
      if (c) c.push(p);
      else components.set(r, [p]);
    }
    /** What the cap held back, in rank order: each gives back to a line, or a ship-complete order, once all are served. */
    const capped: (() => void)[] = [];
    const handled = new Set<string>();
    const visit = (l: OpenLine, p: ProductRun): void => {
      if (l.fillOrKill || l.held > 0) p.mustVisit--;
      if (this.policy.respectShipComplete && l.shipComplete) {
        if (!noFit.get(l.orderName)) this.shipWhole(l, products, handled, at, capped);
        return;
      }
      const requested = l.remaining;
      const avail = Math.max(0, p.left);
      const cap = Math.max(0, capLeft(p, l.customerId));
      const can = Math.min(requested, avail, cap);
      if (can >= requested) return this.give(l, p, requested, at);
      const capHolds = cap < avail;
      if (l.fillOrKill) return this.take(l, l.remaining);
      const given = can < (requested * this.policy.minFillPct) / 100 ? 0 : can;
      if (given > 0) this.give(l, p, given, at);
      if (!capHolds) return;
      capped.push(() => {
        const more = Math.min(l.remaining, Math.max(0, p.left));
        if (more > 0 && given + more >= (requested * this.policy.minFillPct) / 100) this.give(l, p, more, at);
      });
    };
    // Walking an exhausted product further would change nothing; stopping early only saves time.
    const live = (p: ProductRun): boolean => p.left > 0 || p.mustVisit > 0;
    const atStake = (l: OpenLine, p: ProductRun): boolean => l.remaining > 1e-9 && (p.whole || l.mark === id);
    const settle = (p: ProductRun): boolean => {
      while (p.pos < p.lines.length && !atStake(p.lines[p.pos]!, p)) p.pos++;
      return p.pos < p.lines.length && live(p);
    };
    const before = (a: ProductRun, b: ProductRun): boolean => this.compare(a.lines[a.pos]!, b.lines[b.pos]!) < 0;
    for (const component of components.values()) {
      if (component.length === 1) {
        const p = component[0]!;
        while (settle(p)) visit(p.lines[p.pos++]!, p);
        continue;
      }
      // Always the best-ranked line next; stay with a product while its next line still leads.
      const heap = new MinHeap<ProductRun>(before);
      for (const p of component) if (settle(p)) heap.push(p);
      for (let p = heap.pop(); p; p = heap.pop()) {
        for (;;) {
          visit(p.lines[p.pos++]!, p);
          if (!settle(p)) break;
          const top = heap.peek();
          if (top && !before(p, top)) {
            heap.push(p);
            break;
          }
        }
      }
    }
    // What caps held back goes to the capped lines, best first, rather than stay on the shelf
    // (each product's capped lines were met in its rank order; products do not share stock).
    for (const giveBack of capped) giveBack();
  }

  private give(l: OpenLine, p: ProductRun, qty: number, at: number): void {
    p.left -= qty;
    if (p.cap !== Infinity) p.used.set(l.customerId, (p.used.get(l.customerId) ?? 0) + qty);
    if (qty > 0) this.ship(l, qty, at);
  }

  /**
   * A ship-complete order, at its best-ranked line: all its lines at stake ship, or none. One
   * that the cap alone holds back waits in `capped` for what is left once all are served.
   */
  private shipWhole(l: OpenLine, products: Map<string, ProductRun>, handled: Set<string>, at: number, capped: (() => void)[]): void {
    if (handled.has(l.orderName)) return;
    handled.add(l.orderName);
    const mine = (this.byOrder.get(l.orderName) ?? []).filter((o) => o.mark === this.runId && o.remaining > 1e-9);
    const need = new Map<string, number>();
    for (const o of mine) need.set(o.key, (need.get(o.key) ?? 0) + o.remaining - o.held);
    let fitsCap = true;
    for (const [k, q] of need) {
      const p = products.get(k)!;
      if (!(p.left >= q)) return;
      if (!(capLeft(p, l.customerId) >= q)) fitsCap = false;
    }
    const shipAll = (): void => {
      for (const o of mine) {
        this.give(o, products.get(o.key)!, o.remaining - o.held, at);
        this.shipHeld(o, at);
      }
    };
    if (fitsCap) return shipAll();
    capped.push(() => {
      for (const [k, q] of need) if (!(products.get(k)!.left >= q)) return;
      shipAll();
    });
  }

  finish(end: number): void {
    // What a line holds is allocated, not backordered (as on the history's side).
    for (const lines of this.open.values()) for (const l of lines) if (l.remaining > 1e-9) this.ledger.open(l.tier, l.remaining, end, l.due, l.held);
    this.open.clear();
  }
}

/** One product in one allocation run. */
interface ProductRun {
  key: string;
  /** Stock left to allocate. */
  left: number;
  /** Per-customer cap (Infinity when the policy has none), and what each customer took. */
  cap: number;
  used: Map<string, number>;
  /** Its lines at stake in rank order (a restocked backlog: the backlog itself), and the walk's place. */
  lines: OpenLine[];
  sorted: boolean;
  /** Its lines are its whole backlog: every open one is at stake. */
  whole: boolean;
  pos: number;
  /** Lines at stake not walked yet that matter even once the stock is gone (see mustVisitLines). */
  mustVisit: number;
  /** Union-find link to the products it shares ship-complete orders with (null: a root). */
  root: ProductRun | null;
}

/** What the cap still lets a customer take of a product in this run (Infinity without a cap). */
function capLeft(p: ProductRun, customerId: string): number {
  return p.cap === Infinity ? Infinity : p.cap - (p.used.get(customerId) ?? 0);
}

function rootOf(p: ProductRun): ProductRun {
  let r = p;
  while (r.root) r = r.root;
  // Path compression: later finds are one step.
  for (let q = p; q.root && q.root !== r; ) {
    const next: ProductRun = q.root;
    q.root = r;
    q = next;
  }
  return r;
}

function union(a: ProductRun, b: ProductRun): void {
  const ra = rootOf(a);
  const rb = rootOf(b);
  if (ra !== rb) rb.root = ra;
}

/** The customer as allocate() tells customers apart. */
function customerOf(customer: Record<string, unknown>): string {
  const id = customer['id'];
  return id === undefined || id === null ? '' : String(id);
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
