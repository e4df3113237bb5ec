/**
 * The state one generation run shares between its parts: the window and calendar, the
 * catalogue and customers, stock positions, id sequences, and the sink records go to.
 */
import type { OdooRecord } from '../facts/source.js';
import type { Catalog, Product } from './catalog.js';
import type { Customer } from './customers.js';
import { Rng } from './random.js';
import { WAREHOUSES, type Warehouse } from './reference.js';
import type { StockPosition } from './stock.js';
import { BusinessCalendar, DAY, amsterdamDay, amsterdamTime } from './time.js';

/** Where generated records go, model by model, each model in ascending id order. */
export interface RecordSink {
  append(model: string, record: OdooRecord): void;
}

export class Sequences {
  private readonly next = new Map<string, number>();

  take(key: string): number {
    const id = this.next.get(key) ?? 1;
    this.next.set(key, id + 1);
    return id;
  }
}

/** Open quantities per product, accumulated as moves are written (product.product incoming/outgoing). */
export interface ProductTotals {
  incoming: number;
  outgoing: number;
}

export class HistoryContext {
  readonly calendar = new BusinessCalendar();
  readonly ids = new Sequences();
  readonly productTotals = new Map<number, ProductTotals>();
  /** Open receivables per customer index at the end of the window. */
  readonly credit = new Map<number, number>();
  /** Confirmed sale orders per partner id (customer_rank), purchase orders per vendor (supplier_rank). */
  readonly customerRank = new Map<number, number>();
  readonly supplierRank = new Map<number, number>();
  /** Orders by final state and other counts the CLI reports. */
  readonly stats = new Map<string, number>();

  constructor(
    readonly rng: Rng,
    readonly sink: RecordSink,
    /** UTC midnight of the first day. */
    readonly start: number,
    readonly days: number,
    readonly catalog: Catalog,
    readonly customers: readonly Customer[],
    readonly positions: ReadonlyMap<string, StockPosition>,
  ) {}

  /** The instant the window closes: nothing at or after it has happened yet. */
  get end(): number {
    return this.start + this.days * DAY;
  }

  get lastDay(): number {
    return this.days - 1;
  }

  dayStart(day: number): number {
    return this.start + day * DAY;
  }

  /** Day index of an instant, by the Amsterdam calendar (may fall outside the window). */
  dayOf(ms: number): number {
    return Math.round((amsterdamDay(ms) - this.start) / DAY);
  }

  /** The first working day on or after day index `day`. */
  workday(day: number): number {
    return Math.round((this.calendar.workdayOnOrAfter(this.dayStart(day)) - this.start) / DAY);
  }

  /** The last working day before day index `day`. */
  workdayBefore(day: number): number {
    let d = day - 1;
    while (!this.calendar.isWorkday(this.dayStart(d))) d--;
    return d;
  }

  /** The instant of Amsterdam wall-clock `minutes` after midnight on day index `day`. */
  at(day: number, minutes: number): number {
    return amsterdamTime(this.dayStart(day), minutes);
  }

  warehouse(index: number): Warehouse {
    return WAREHOUSES[index]!;
  }

  position(product: Product, warehouse: Warehouse): StockPosition {
    const p = this.positions.get(`${product.id}@${warehouse.index}`);
    if (!p) throw new Error(`no stock position for ${product.code} in ${warehouse.code}`);
    return p;
  }

  count(key: string, by = 1): void {
    this.stats.set(key, (this.stats.get(key) ?? 0) + by);
  }

  addOpenMove(productId: number, direction: 'incoming' | 'outgoing', quantity: number): void {
    let t = this.productTotals.get(productId);
    if (!t) {
      t = { incoming: 0, outgoing: 0 };
      this.productTotals.set(productId, t);
    }
    t[direction] += quantity;
  }
}
