/**
 * Buying: purchase orders raised by the nightly replenishment run and by shortages (urgent when
 * a promised delivery depends on them), grouped per vendor and warehouse, with receipts that
 * arrive after the vendor's lead time — on time, early or late, sometimes split.
 *
 * Buyers send each vendor one order a week, on that vendor's day; urgent orders go out at once.
 * A purchase order is written when it goes out (its lines are known by then), but the arrival
 * date of each line is fixed the moment the line is added, because sales backorders are
 * promised against it straight away. Open orders are at most vendors × warehouses × a week.
 */
import type { Product, SupplierInfo, Vendor } from './catalog.js';
import type { HistoryContext } from './context.js';
import type { PriceBook } from './pricing.js';
import { Rng } from './random.js';
import { COMPANY, EUR, LOCATIONS, country, user, type Warehouse } from './reference.js';
import { m2o, money, move, picking, pickingPlan, purchaseLine, purchaseOrder, qty, type PurchaseState } from './records.js';
import type { Receipt, StockPosition } from './stock.js';
import { DAY, HOUR, MINUTE, odooDatetime, weekday } from './time.js';

interface DraftLine {
  product: Product;
  info: SupplierInfo;
  qty: number;
  plannedDay: number;
  arrivalDay: number;
  receipt: Receipt;
  position: StockPosition;
}

interface DraftOrder {
  vendor: Vendor;
  warehouse: Warehouse;
  urgent: boolean;
  /** Day the order goes to the vendor (confirmed): the vendor's weekly order day, or today when urgent. */
  orderDay: number;
  createdAt: number;
  approvedAt: number;
  /** Days the vendor is late (negative: early), the same for the whole order. */
  lateDays: number;
  /** A vendor that ships part of the order a week after the rest. */
  splitShipment: boolean;
  lines: DraftLine[];
  origins: string[];
}

export interface ShortageNeed {
  /** The order's name, for the purchase order's origin. */
  origin: string;
  /** Day index of the promised delivery, if the order has one. */
  commitmentDay?: number;
  topTier: boolean;
}

/** Orders above this wait for a second approval ("to approve") before they are confirmed. */
const DOUBLE_VALIDATION = 15_000;

export class Purchasing {
  /** Purchase orders being filled: urgent ones go out the same day, others on the vendor's order day. */
  private open: DraftOrder[] = [];
  private readonly r: Rng;

  constructor(
    private readonly ctx: HistoryContext,
    private readonly prices: PriceBook,
    rng: Rng,
  ) {
    this.r = rng.fork('purchasing');
  }

  /**
   * Buys for a shortage and returns the day the goods arrive; `promised` of what is bought is
   * for the order. Urgent (fastest vendor, priority) when the usual vendor would miss the
   * promised date, or for a top-tier customer.
   */
  buyForShortage(position: StockPosition, product: Product, promised: number, day: number, at: number, need: ShortageNeed): number {
    const usual = product.suppliers[0]!;
    const urgent = need.topTier || (need.commitmentDay !== undefined && day + usual.delay > need.commitmentDay);
    const info = urgent ? fastest(product.suppliers) : usual;
    const cover = position.orderpoint
      ? Math.max(0, position.orderpoint.max - position.position())
      : Math.max(position.dailyDemand * this.r.float(15, 35), position.typicalLine * this.r.float(1, 3));
    const bought = roundUp(Math.max(promised + cover, info.minQty), product.step);
    const line = this.addLine(position, product, info, bought, promised, day, urgent ? at : undefined, need.origin);
    return line.arrivalDay;
  }

  /**
   * The nightly replenishment run for one position: orderpoints where there is one; elsewhere
   * the buyer's rule of thumb (reorder a few typical lines once stock falls below one), which
   * they do not always get round to.
   */
  replenish(position: StockPosition, product: Product, day: number): void {
    const op = position.orderpoint;
    const info = product.suppliers[0]!;
    if (op) {
      if (position.position() >= op.min) return;
      const wanted = roundUp(Math.max(op.max - position.position(), info.minQty), Math.max(op.multiple, product.step));
      this.addLine(position, product, info, wanted, 0, day, undefined, `OP/${String(op.id).padStart(5, '0')}`);
      return;
    }
    const reorderPoint = position.typicalLine + position.dailyDemand * info.delay * this.r.float(0.6, 1);
    if (position.position() >= reorderPoint || !this.r.chance(0.8)) return;
    const wanted = roundUp(Math.max(position.typicalLine * this.r.float(2, 4), position.dailyDemand * (info.delay + this.r.float(20, 40)), info.minQty), product.step);
    this.addLine(position, product, info, wanted, 0, day, undefined, '');
  }

  /** Writes the purchase orders that go out today, with their lines, receipts and receipt moves. */
  flush(day: number): void {
    const due = this.open.filter((o) => o.orderDay <= day).sort((a, b) => a.createdAt - b.createdAt);
    this.open = this.open.filter((o) => o.orderDay > day);
    for (const order of due) this.write(order, day, false);
  }

  /** At the end of the window: what has not gone out yet stays an RFQ (draft, or sent to the vendor). */
  finish(): void {
    for (const order of this.open.sort((a, b) => a.createdAt - b.createdAt)) this.write(order, this.ctx.lastDay, true);
    this.open = [];
  }

  private addLine(position: StockPosition, product: Product, info: SupplierInfo, quantity: number, promised: number, day: number, urgentAt: number | undefined, origin: string): DraftLine {
    const urgent = urgentAt !== undefined;
    const warehouse = this.ctx.warehouse(position.warehouseIndex);
    const orderDay = urgent ? day : this.vendorOrderDay(info.vendor, day);
    let order = this.open.find((o) => o.urgent === urgent && o.vendor === info.vendor && o.warehouse === warehouse && o.orderDay === orderDay);
    if (!order) {
      const calendar = this.ctx.calendar;
      const createdAt = urgent ? urgentAt + this.r.int(15, 75) * MINUTE : calendar.close(this.ctx.dayStart(day)) - this.r.int(10, 90) * MINUTE;
      const approvedAt = urgent ? createdAt + this.r.int(3, 40) * MINUTE : Math.max(createdAt + MINUTE, calendar.close(this.ctx.dayStart(orderDay)) - this.r.int(5, 120) * MINUTE);
      order = {
        vendor: info.vendor,
        warehouse,
        urgent,
        orderDay,
        createdAt,
        approvedAt,
        lateDays: this.lateness(info.vendor, urgent),
        splitShipment: this.r.chance(0.06),
        lines: [],
        origins: [],
      };
      this.open.push(order);
    }
    if (origin !== '' && !order.origins.includes(origin)) order.origins.push(origin);
    const existing = order.lines.find((l) => l.product === product);
    if (existing) {
      existing.qty += quantity;
      existing.receipt.free += quantity - promised;
      return existing;
    }
    const delay = urgent ? Math.max(2, Math.round(info.delay * 0.7)) : info.delay;
    const plannedDay = this.ctx.dayOf(order.approvedAt) + delay;
    const split = order.splitShipment && order.lines.length % 2 === 1 ? 7 : 0;
    const arrivalDay = this.ctx.workday(plannedDay + order.lateDays + split);
    const receipt = position.addReceipt(arrivalDay, quantity, promised);
    const line: DraftLine = { product, info, qty: quantity, plannedDay, arrivalDay, receipt, position };
    order.lines.push(line);
    return line;
  }

  /** Buyers order from each vendor once a week, on that vendor's day. */
  private vendorOrderDay(vendor: Vendor, day: number): number {
    const weekdayOfVendor = 1 + (vendor.partnerId % 5);
    for (let d = day; ; d++) {
      const ms = this.ctx.dayStart(d);
      if (weekday(ms) === weekdayOfVendor && this.ctx.calendar.isWorkday(ms)) return d;
      if (d - day > 14) return this.ctx.workday(day);
    }
  }

  private lateness(vendor: Vendor, urgent: boolean): number {
    const r = this.r;
    if (r.chance(vendor.def.onTime + (urgent ? 0.05 : 0))) return 0;
    if (r.chance(0.15)) return -r.int(1, 2);
    return Math.round(Math.min(30, r.lognormal(1.3, 0.7)));
  }

  private write(order: DraftOrder, day: number, unsent: boolean): void {
    const ctx = this.ctx;
    const { sink, ids } = ctx;
    const poId = ids.take('purchase.order');
    const name = `P${String(poId).padStart(5, '0')}`;
    const vendorName = vendorDisplayName(order.vendor);
    const untaxed = money(order.lines.reduce((s, l) => s + money(l.qty * this.prices.supplierPrice(l.info, day)), 0));
    const state = this.stateOf(order, untaxed, unsent);
    const confirmed = state === 'purchase';
    const approvedAt = order.approvedAt;
    const vat = country(order.vendor.def.country).vat;
    const lineIds = order.lines.map(() => ids.take('purchase.order.line'));
    const plannedAt = (l: DraftLine): number => ctx.dayStart(l.plannedDay) + 10 * HOUR;
    const received = (l: DraftLine): boolean => confirmed && l.arrivalDay <= ctx.lastDay;
    let lastEvent = confirmed ? approvedAt : order.createdAt;
    for (const l of order.lines) if (received(l)) lastEvent = Math.max(lastEvent, this.receivedAt(l.arrivalDay, order));
    const po = m2o(poId, name);
    const firstPlanned = Math.min(...order.lines.map(plannedAt));
    sink.append(
      'purchase.order',
      purchaseOrder(poId, {
        name,
        state,
        priority: order.urgent ? '1' : '0',
        date_order: odooDatetime(order.createdAt),
        date_approve: confirmed ? odooDatetime(approvedAt) : false,
        date_planned: odooDatetime(firstPlanned),
        partner_id: m2o(order.vendor.partnerId, vendorName),
        user_id: m2o(user(order.vendor.buyer).id, user(order.vendor.buyer).name),
        company_id: m2o(COMPANY.id, COMPANY.name),
        currency_id: m2o(EUR.id, EUR.name),
        picking_type_id: m2o(order.warehouse.receiptTypeId, `${order.warehouse.name}: Receipts`),
        // Odoo joins every procurement's origin; nothing is cut (simulate reads the sale orders there).
        origin: order.origins.length === 0 ? false : order.origins.join(', '),
        amount_untaxed: untaxed,
        amount_tax: money(untaxed * vat),
        amount_total: money(untaxed + money(untaxed * vat)),
        order_line: lineIds,
        write_date: odooDatetime(Math.min(lastEvent, ctx.end - MINUTE)),
      }),
    );
    order.lines.forEach((l, i) => {
      sink.append(
        'purchase.order.line',
        purchaseLine(lineIds[i]!, {
          order_id: po,
          product_id: m2o(l.product.id, l.product.displayName),
          product_qty: qty(l.qty),
          qty_received: received(l) ? qty(l.qty) : 0,
          price_unit: this.prices.supplierPrice(l.info, day),
          price_subtotal: money(l.qty * this.prices.supplierPrice(l.info, day)),
          date_planned: odooDatetime(plannedAt(l)),
          state,
        }),
      );
    });
    ctx.count(`purchase.order:${state}`);
    if (order.urgent) ctx.count('purchase.order:urgent');
    ctx.supplierRank.set(order.vendor.partnerId, (ctx.supplierRank.get(order.vendor.partnerId) ?? 0) + 1);
    if (!confirmed) {
      // Not confirmed by the end of the window: no receipt exists, and nothing arrives from it.
      for (const l of order.lines) l.receipt.free = 0;
      return;
    }
    this.writeReceipts(order, name, lineIds);
  }

  private stateOf(order: DraftOrder, untaxed: number, unsent: boolean): PurchaseState {
    if (unsent) return order.createdAt < this.ctx.end - 2 * DAY ? 'sent' : 'draft';
    if (untaxed > DOUBLE_VALIDATION && order.orderDay >= this.ctx.lastDay - 1) return 'to approve';
    return 'purchase';
  }

  /** Receipts are booked in the morning of the arrival day (deterministic per order). */
  private receivedAt(arrivalDay: number, order: DraftOrder): number {
    return this.ctx.calendar.open(this.ctx.dayStart(arrivalDay)) + (Math.floor(order.createdAt / MINUTE) % 180) * MINUTE;
  }

  private writeReceipts(order: DraftOrder, poName: string, lineIds: readonly number[]): void {
    const ctx = this.ctx;
    const byArrival = new Map<number, number[]>();
    order.lines.forEach((l, i) => {
      const list = byArrival.get(l.arrivalDay) ?? [];
      list.push(i);
      byArrival.set(l.arrivalDay, list);
    });
    const wh = order.warehouse;
    const vendor = m2o(order.vendor.partnerId, vendorDisplayName(order.vendor));
    const from = m2o(LOCATIONS.vendors.id, LOCATIONS.vendors.complete);
    const to = m2o(wh.stockLocationId, `${wh.code}/Stock`);
    // One receipt per delivery the vendor makes; what has not arrived by the end of the window
    // is still in one open receipt (a backorder exists only once a receipt was validated).
    const plan = pickingPlan(byArrival, ctx.lastDay);
    let createdAt = order.approvedAt;
    for (const [arrivalDay, indexes] of plan) {
      const pickingId = ctx.ids.take('stock.picking');
      const pickingName = `${wh.code}/IN/${String(ctx.ids.take(`IN@${wh.code}`)).padStart(5, '0')}`;
      const done = arrivalDay <= ctx.lastDay;
      const lines = indexes.map((i) => order.lines[i]!);
      const doneAt = done ? this.receivedAt(arrivalDay, order) : undefined;
      const created = odooDatetime(createdAt);
      const scheduled = ctx.dayStart(Math.min(...lines.map((l) => l.plannedDay))) + 10 * HOUR;
      ctx.sink.append(
        'stock.picking',
        picking(pickingId, {
          name: pickingName,
          picking_type_code: 'incoming',
          state: done ? 'done' : 'assigned',
          priority: order.urgent ? '1' : '0',
          scheduled_date: odooDatetime(scheduled),
          date_deadline: false,
          date_done: doneAt !== undefined ? odooDatetime(doneAt) : false,
          origin: poName,
          partner_id: vendor,
          sale_id: false,
          location_id: from,
          location_dest_id: to,
          create_date: created,
        }),
      );
      ctx.count(`receipt:${done ? 'done' : 'open'}`);
      for (const i of indexes) {
        const l = order.lines[i]!;
        const moveId = ctx.ids.take('stock.move');
        if (!done) ctx.addOpenMove(l.product.id, 'incoming', l.qty);
        ctx.sink.append(
          'stock.move',
          move(moveId, {
            reference: pickingName,
            product_id: m2o(l.product.id, l.product.displayName),
            product_uom_qty: qty(l.qty),
            quantity: qty(l.qty),
            state: done ? 'done' : 'assigned',
            date: odooDatetime(doneAt ?? ctx.dayStart(l.plannedDay) + 10 * HOUR),
            date_deadline: false,
            location_id: from,
            location_dest_id: to,
            warehouse_id: m2o(wh.id, wh.name),
            picking_id: m2o(pickingId, pickingName),
            picking_code: 'incoming',
            sale_line_id: false,
            purchase_line_id: m2o(lineIds[i]!, `${poName}: ${l.product.displayName}`),
            origin: poName,
            create_date: created,
          }),
        );
      }
      if (doneAt !== undefined) createdAt = doneAt; // the vendor's next delivery is a backorder of this one
    }
  }
}

function fastest(suppliers: readonly SupplierInfo[]): SupplierInfo {
  return suppliers.reduce((best, s) => (s.delay < best.delay ? s : best), suppliers[0]!);
}

function roundUp(x: number, step: number): number {
  return Math.max(step, Math.ceil(x / step - 1e-9) * step);
}

export function vendorDisplayName(v: Vendor): string {
  return v.def.name;
}
