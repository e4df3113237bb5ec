/**
 * The example-history generator: a believable year of a Dutch B2B distributor of technical
 * supplies, written as a distrule snapshot (the format `distrule export` writes).
 *
 * Deterministic: the same options give byte-identical files. Streaming: the year is played
 * day by day and every record is written as soon as it is final, so memory stays bounded by
 * the catalogue, the customers and what is open at a time — not by the number of orders.
 */
import { MODELS, type SnapshotManifest } from '../snapshot/models.js';
import { SnapshotWriter } from '../snapshot/writer.js';
import { ApprovalDesk } from './approvals.js';
import { apportion, buildCatalog, type Product } from './catalog.js';
import { HistoryContext, type RecordSink } from './context.js';
import { assignCreditLimits, buildCustomers, type Customer } from './customers.js';
import { MessageQueue } from './messages.js';
import { PriceBook } from './pricing.js';
import { Purchasing } from './purchasing.js';
import { Rng } from './random.js';
import { FIRST_FREE_PARTNER_ID, TIERS, WAREHOUSES, type Tier, type Warehouse } from './reference.js';
import { writeReferenceData } from './reference-records.js';
import { Selling } from './selling.js';
import { StockPosition, stockKey, type Orderpoint } from './stock.js';
import { BusinessCalendar, DAY, addMonths, amsterdamTime, parseDate, weekday } from './time.js';

export interface HistoryOptions {
  /** Sale orders to create over the window. */
  orders: number;
  seed: string;
  /** First day of the window, YYYY-MM-DD. */
  since: string;
  /** Window length in months. Default 12. */
  months?: number;
  customers?: number;
  products?: number;
}

export const DEFAULT_HISTORY: Readonly<Required<HistoryOptions>> = {
  orders: 2000,
  seed: '42',
  since: '2025-11-01',
  months: 12,
  customers: 500,
  products: 800,
};

export interface HistoryProgress {
  day: number;
  days: number;
  orders: number;
}

export interface HistoryResult {
  manifest: SnapshotManifest;
  /** Outcome counts: orders by state, approvals, deliveries, purchase orders… */
  stats: Record<string, number>;
}

/** Every model the generator writes, with its fields in declaration order. */
export function historyModels(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(MODELS).map(([model, spec]) => [model, Object.keys(spec.fields)]));
}

/** Generates the history into `outDir` (replacing a snapshot already there). */
export function generateHistory(outDir: string, options: HistoryOptions, onProgress?: (p: HistoryProgress) => void): HistoryResult {
  const o = resolveOptions(options);
  const start = parseDate(o.since)!;
  const end = addMonths(start, o.months);
  const writer = SnapshotWriter.create(outDir, {
    odoo: { version: '17.0', serverVersion: '17.0 (distrule example history)', database: `example-history-seed-${o.seed}` },
    range: { since: o.since, until: new Date(end).toISOString().slice(0, 10) },
    exportedAt: new Date(end).toISOString(),
    models: historyModels(),
    overwrite: true,
    durable: false,
    checkpointIntervalMs: 60_000,
  });
  const stats = generateInto(writer, o, onProgress);
  return { manifest: writer.finish(), stats };
}

/** Checks options; throws RangeError with a message fit for the user. */
export function resolveOptions(options: HistoryOptions): Required<HistoryOptions> {
  const o = { ...DEFAULT_HISTORY, ...options };
  if (!Number.isInteger(o.orders) || o.orders < 1) throw new RangeError(`orders must be a positive integer, got ${o.orders}`);
  if (parseDate(o.since) === undefined) throw new RangeError(`since must be a date as YYYY-MM-DD, got "${o.since}"`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 36) throw new RangeError(`months must be 1–36, got ${o.months}`);
  if (!Number.isInteger(o.customers) || o.customers < 10) throw new RangeError(`customers must be at least 10, got ${o.customers}`);
  if (!Number.isInteger(o.products) || o.products < 100) throw new RangeError(`products must be at least 100, got ${o.products}`);
  return o;
}

/** Plays the window out into any sink (the snapshot writer, or a test double). */
export function generateInto(sink: RecordSink, options: Required<HistoryOptions>, onProgress?: (p: HistoryProgress) => void): Record<string, number> {
  const start = parseDate(options.since)!;
  const days = Math.round((addMonths(start, options.months) - start) / DAY);
  const rng = new Rng(`distrule-history/${options.seed}`);
  const catalog = buildCatalog(rng.fork('catalog'), options.products, FIRST_FREE_PARTNER_ID);
  const customers = buildCustomers(rng, options.customers, FIRST_FREE_PARTNER_ID + catalog.vendors.length, days);
  const positions = new Map<string, StockPosition>();
  const ctx = new HistoryContext(rng, sink, start, days, catalog, customers, positions);
  const prices = new PriceBook(start, days);
  const purchasing = new Purchasing(ctx, prices, rng);
  const approvals = new ApprovalDesk(rng, ctx.calendar, start, days);
  const messages = new MessageQueue();
  const selling = new Selling(ctx, prices, purchasing, approvals, messages);

  // Volumes: orders per customer, expected value, credit limits sized to them.
  const totalWeight = customers.reduce((s, c) => s + c.weight, 0);
  const orderValue = new Map<Tier | undefined, number>([...TIERS, undefined].map((t) => [t, selling.estimateOrderValue(t)]));
  const monthly = (c: Customer): number => (options.orders * (c.weight / totalWeight) * orderValue.get(c.tier)!) / (days / 30.4);
  for (const c of customers) selling.monthlyValue.set(c.index, monthly(c));
  assignCreditLimits(rng, customers, monthly);

  const orderpoints = setUpStock(rng, ctx, positions, options.orders, totalWeight);
  const perDay = dailyOrderCounts(rng, ctx.calendar, start, days, options.orders);
  let written = 0;
  for (let day = 0; day < days; day++) {
    const dayStart = ctx.dayStart(day);
    messages.drainBefore(dayStart, (make) => sink.append('mail.message', make(ctx.ids.take('mail.message'))));
    for (const position of positions.values()) {
      if (position.incoming.length > 0 && position.incoming[0]!.day <= day) position.receiveUntil(day);
    }
    const r = rng.fork(`day/${day}`);
    for (const at of orderTimes(r, dayStart, perDay[day]!, ctx.calendar.isWorkday(dayStart))) {
      selling.createOrder(day, at, r);
      written++;
    }
    // The nightly orderpoint run, then the day's purchase orders.
    for (const position of positions.values()) {
      if (!position.touched) continue;
      position.touched = false;
      purchasing.replenish(position, catalog.products[position.productId - 1]!, day);
    }
    purchasing.flush(day);
    onProgress?.({ day: day + 1, days, orders: written });
  }
  purchasing.finish();
  messages.drainBefore(ctx.end, (make) => sink.append('mail.message', make(ctx.ids.take('mail.message'))));
  writeReferenceData(ctx, orderpoints);
  return Object.fromEntries([...ctx.stats.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/**
 * Opening stock, expected demand and orderpoints per product and warehouse. Demand per day is
 * estimated from the order volume, so stock scales with `--orders`.
 */
function setUpStock(rng: Rng, ctx: HistoryContext, positions: Map<string, StockPosition>, orders: number, totalWeight: number): Array<{ op: Orderpoint; position: StockPosition }> {
  const r = rng.fork('stock');
  const goods = ctx.catalog.goods;
  const popularity = goods.reduce((s, p) => s + p.popularity, 0);
  const linesPerOrder = 2.9;
  const whShare = WAREHOUSES.map((w: Warehouse) => {
    const own = ctx.customers.filter((c) => c.warehouse === w).reduce((s, c) => s + c.weight, 0) / totalWeight;
    return 0.93 * own + 0.035 * (1 - own);
  });
  const orderpoints: Array<{ op: Orderpoint; position: StockPosition }> = [];
  for (const product of goods) {
    const packs = Math.max(1, Math.exp(product.packMu + (product.packSigma * product.packSigma) / 2)) * 1.1;
    // Demand is lumpy: stock is held for a few typical order lines even on slow movers.
    const typicalLine = Math.max(1, Math.round(packs * 1.2)) * product.step;
    for (const wh of WAREHOUSES) {
      // Calibration: whales, tiers and projects put demand about 15 % above the plain estimate.
      const daily = 1.15 * (orders / ctx.days) * linesPerOrder * (product.popularity / popularity) * whShare[wh.index]! * packs * product.step;
      const lead = product.suppliers[0]!.delay;
      let op: Orderpoint | undefined;
      if (daily * ctx.days >= 3 * product.step && r.chance(0.7)) {
        // min = demand over the lead time plus safety stock z·σ (lumpy lines: σ ≈ line size × √(2 · lines)),
        // set by planners of varying care: a few orderpoints are plainly too low.
        const underTuned = r.chance(0.1);
        const days = lead + r.int(2, 7);
        const meanLine = packs * product.step;
        const leadDemand = daily * days;
        const sd = meanLine * Math.sqrt((2 * leadDemand) / meanLine);
        const z = underTuned ? 0 : r.float(1.2, 2.2);
        const floor = typicalLine * (underTuned ? 0.7 : r.float(1.5, 3));
        const min = roundStep(Math.max((leadDemand + z * sd) * (underTuned ? 0.6 : 1), floor), product);
        const max = min + Math.max(product.step, roundStep(Math.max(daily * r.int(10, 30), typicalLine * r.float(2, 4)), product));
        op = { id: orderpoints.length + 1, min, max, multiple: product.step, trigger: r.chance(0.85) ? 'auto' : 'manual' };
      }
      const initial = op
        ? roundStep(r.float(op.min, op.max), product)
        : r.chance(0.1)
          ? 0
          : roundStep(Math.max(daily * r.float(5, 50), typicalLine * r.float(1, 4)), product);
      const position = new StockPosition(product.id, wh.index, initial, daily, typicalLine, op);
      positions.set(stockKey(product.id, wh.index), position);
      if (op) orderpoints.push({ op, position });
    }
  }
  return orderpoints;
}

function roundStep(x: number, product: Product): number {
  return Math.round(x / product.step) * product.step;
}

const WEEKDAY = [0.015, 1.12, 1.1, 1.05, 1, 0.78, 0.05]; // Sunday … Saturday
const MONTH = [0.92, 0.97, 1.05, 1, 0.98, 1, 0.85, 0.6, 1.08, 1.15, 1.22, 0.95]; // January … December

/** Orders per day: weekday pattern, Q4 peak, August dip, holidays, some day-to-day noise; summing to `orders`. */
export function dailyOrderCounts(rng: Rng, calendar: BusinessCalendar, start: number, days: number, orders: number): number[] {
  const r = rng.fork('days');
  const weights: number[] = [];
  for (let d = 0; d < days; d++) {
    const dayMs = start + d * DAY;
    const date = new Date(dayMs);
    let w = WEEKDAY[weekday(dayMs)]! * MONTH[date.getUTCMonth()]!;
    if (calendar.isHoliday(dayMs)) w *= 0.04;
    if (date.getUTCMonth() === 11 && date.getUTCDate() >= 20) w *= 0.35; // Christmas shutdown
    weights.push(w * r.lognormal(0, 0.12));
  }
  return apportion(weights, orders);
}

/** Creation times of a day's orders, mostly in the morning, sorted. */
function orderTimes(r: Rng, dayStart: number, count: number, workday: boolean): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const minutes = workday ? (r.chance(0.7) ? r.int(8 * 60, 12 * 60) : r.int(12 * 60, 17 * 60 + 30)) : r.int(9 * 60, 13 * 60);
    times.push(amsterdamTime(dayStart, minutes) + r.int(0, 59) * 1000);
  }
  return times.sort((a, b) => a - b);
}
