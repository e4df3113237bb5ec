/**
 * Deliveries of a confirmed sale order: stock is reserved at once (what is free ships on the
 * planned day), the rest is promised from receipts on their way or bought; shipments follow
 * the customer's picking policy (all at once, or as goods come in, backorder by backorder;
 * Fill or Kill customers get what is there and the rest is cancelled). Each shipment is
 * invoiced when done, and what is still unpaid at the end of the window is the customer's credit.
 */
import type { OdooRecord } from '../facts/source.js';
import type { HistoryContext } from './context.js';
import type { Customer } from './customers.js';
import type { Purchasing } from './purchasing.js';
import type { Rng } from './random.js';
import { LOCATIONS, type Warehouse } from './reference.js';
import { m2o, move, picking, pickingPlan, qty, type Many2one, type MoveState, type PickingState } from './records.js';
import type { DraftLine } from './selling.js';
import { DAY, HOUR, MINUTE, amsterdamOffset, odooDatetime } from './time.js';

/** One slice of a line's quantity and the day it can ship. */
interface Portion {
  qty: number;
  /** Day the stock is there (day index; may be beyond the window). */
  availableDay: number;
  shipDay: number;
}

/** What deliveries need to know of a confirmed order. */
export interface ConfirmedOrder {
  soId: number;
  name: string;
  customer: Customer;
  partnerRef: Many2one;
  warehouse: Warehouse;
  /** The order's lines in display order (sections and services included). */
  drafts: readonly DraftLine[];
  lineIds: readonly number[];
  /** Day index the order was entered (when its stock is reserved). */
  day: number;
  confirmAt: number;
  commitment: number | undefined;
  vat: number;
  r: Rng;
}

export interface DeliveryResult {
  /** Quantity delivered per order line (index as in `drafts`). */
  delivered: number[];
  /** Last change per order line (ms). */
  lineWritten: number[];
  /** Last delivery done (ms), or the confirmation. */
  lastEvent: number;
}

export class Deliveries {
  constructor(
    private readonly ctx: HistoryContext,
    private readonly purchasing: Purchasing,
  ) {}

  deliver(o: ConfirmedOrder): DeliveryResult {
    const ctx = this.ctx;
    const { r, customer, warehouse } = o;
    const confirmDay = ctx.dayOf(o.confirmAt);
    const afternoon = localMinutes(o.confirmAt) >= 15 * 60;
    // Promised orders leave the working day before the promised date, so they arrive on it;
    // others ship the same day when confirmed before 15:00, else the next working day.
    let firstShip = o.commitment !== undefined ? this.ctx.workdayBefore(ctx.dayOf(o.commitment)) : confirmDay + (afternoon ? 1 : 0);
    firstShip = this.ctx.workday(Math.max(firstShip, confirmDay));
    if (r.chance(0.05)) firstShip = this.ctx.workday(firstShip + r.int(1, 3)); // a busy day at the warehouse
    const need = {
      origin: o.name,
      topTier: customer.tier === 'Platinum',
      ...(o.commitment !== undefined ? { commitmentDay: ctx.dayOf(o.commitment) } : {}),
    };

    // Reserve stock per product line; promise the rest from receipts, buying what is missing.
    const portions = o.drafts.map((l): Portion[] => {
      if (l.kind !== 'product' || !l.product) return [];
      const position = ctx.position(l.product, warehouse);
      const alloc = position.allocate(l.qty, !customer.fillOrKill);
      const out: Portion[] = [];
      if (alloc.now > 0) out.push({ qty: alloc.now, availableDay: o.day, shipDay: firstShip });
      for (const later of alloc.later) out.push(this.laterPortion(later.qty, later.day, firstShip, r));
      if (alloc.uncovered > 0 && !customer.fillOrKill) {
        const arrival = this.purchasing.buyForShortage(position, l.product, alloc.uncovered, o.day, o.confirmAt, need);
        out.push(this.laterPortion(alloc.uncovered, arrival, firstShip, r));
      }
      if (alloc.uncovered > 0 || alloc.later.length > 0) ctx.count('sale.line:short');
      return out;
    });

    // Group into pickings: one shipment for Ship Complete, else one per shipping day (at most four).
    type Slice = { line: number; qty: number; availableDay: number };
    const groups = new Map<number, Slice[]>();
    const shipComplete = customer.shipComplete;
    const lastShip = Math.max(firstShip, ...portions.flat().map((p) => p.shipDay));
    const shipDays = [...new Set(portions.flat().map((p) => p.shipDay))].sort((a, b) => a - b);
    const capDay = shipDays.length > 4 ? shipDays[3]! : Infinity;
    portions.forEach((list, line) => {
      for (const p of list) {
        const day = shipComplete ? lastShip : p.shipDay >= capDay ? lastShip : p.shipDay;
        const slices = groups.get(day) ?? [];
        slices.push({ line, qty: p.qty, availableDay: p.availableDay });
        groups.set(day, slices);
      }
    });
    if (customer.fillOrKill) {
      // Fill or Kill: what is not there now is cancelled, not backordered.
      const slices = groups.get(firstShip) ?? [];
      o.drafts.forEach((l, line) => {
        if (l.kind !== 'product') return;
        const shipped = portions[line]!.reduce((s, p) => s + p.qty, 0);
        if (shipped < l.qty) slices.push({ line, qty: -(l.qty - shipped), availableDay: Infinity });
      });
      if (slices.length > 0) groups.set(firstShip, slices);
    }

    const delivered = new Array<number>(o.drafts.length).fill(0);
    const lineWritten = new Array<number>(o.drafts.length).fill(0);
    let lastEvent = o.confirmAt;
    let invoiced = 0;
    let firstDone: number | undefined;
    const scheduled = odooDatetime(o.commitment ?? o.confirmAt);
    const deadline: string | false = o.commitment !== undefined ? odooDatetime(o.commitment) : false;
    const priority = o.commitment !== undefined && o.commitment - o.confirmAt < 3 * DAY ? '1' : customer.tier === 'Platinum' ? '1' : '0';
    const stock = m2o(warehouse.stockLocationId, `${warehouse.code}/Stock`);
    const customers = m2o(LOCATIONS.customers.id, LOCATIONS.customers.complete);
    // Everything from the first shipment not done by the end of the window is one open picking.
    const plan = pickingPlan(groups, ctx.lastDay);
    let createdAt = o.confirmAt;
    for (const [shipDay, slices] of plan) {
      const pickingId = ctx.ids.take('stock.picking');
      const pickingName = `${warehouse.code}/OUT/${String(ctx.ids.take(`OUT@${warehouse.code}`)).padStart(5, '0')}`;
      const live = slices.filter((s) => s.qty > 0);
      const done = shipDay <= ctx.lastDay && live.length > 0;
      const doneAt = done ? Math.max(createdAt + 30 * MINUTE, this.ctx.at(shipDay, r.int(9 * 60, 17 * 60))) : undefined;
      const created = odooDatetime(createdAt);
      // Merge slices of the same line into one move.
      const perLine = new Map<number, { qty: number; reserved: number; cancelled: number }>();
      for (const s of slices) {
        const m = perLine.get(s.line) ?? { qty: 0, reserved: 0, cancelled: 0 };
        if (s.qty < 0) m.cancelled += -s.qty;
        else {
          m.qty += s.qty;
          if (s.availableDay <= ctx.lastDay) m.reserved += s.qty;
        }
        perLine.set(s.line, m);
      }
      const moveStates: MoveState[] = [];
      const movesOut: OdooRecord[] = [];
      for (const [line, m] of [...perLine.entries()].sort((a, b) => a[0] - b[0])) {
        const l = o.drafts[line]!;
        const product = l.product!;
        const base = {
          reference: pickingName,
          product_id: m2o(product.id, product.displayName),
          date_deadline: deadline,
          location_id: stock,
          location_dest_id: customers,
          warehouse_id: m2o(warehouse.id, warehouse.name),
          picking_id: m2o(pickingId, pickingName),
          picking_code: 'outgoing' as const,
          sale_line_id: m2o(o.lineIds[line]!, `${o.name} - ${product.displayName}`),
          purchase_line_id: false as const,
          origin: o.name,
          create_date: created,
        };
        if (m.qty > 0) {
          let state: MoveState;
          let quantity: number;
          if (done) {
            state = 'done';
            quantity = m.qty;
            delivered[line]! += m.qty;
            lineWritten[line] = Math.max(lineWritten[line]!, doneAt!);
            invoiced += m.qty * l.price * (1 - l.discount / 100);
          } else {
            quantity = m.reserved;
            state = m.reserved === m.qty ? 'assigned' : m.reserved > 0 ? 'partially_available' : 'confirmed';
            ctx.position(product, warehouse).reservedAtEnd += m.reserved;
            ctx.addOpenMove(product.id, 'outgoing', m.qty);
          }
          moveStates.push(state);
          movesOut.push(move(0, { ...base, product_uom_qty: qty(m.qty), quantity: qty(quantity), state, date: done ? odooDatetime(doneAt!) : scheduled }));
        }
        if (m.cancelled > 0) {
          moveStates.push('cancel');
          movesOut.push(move(0, { ...base, product_uom_qty: qty(m.cancelled), quantity: 0, state: 'cancel', date: scheduled }));
          ctx.count('sale.line:killed');
        }
      }
      const state: PickingState = done
        ? 'done'
        : moveStates.every((s) => s === 'cancel')
          ? 'cancel'
          : (shipComplete ? moveStates.every((s) => s === 'assigned' || s === 'cancel') : moveStates.some((s) => s === 'assigned' || s === 'partially_available'))
            ? 'assigned'
            : 'confirmed';
      ctx.sink.append(
        'stock.picking',
        picking(pickingId, {
          name: pickingName,
          picking_type_code: 'outgoing',
          state,
          priority,
          scheduled_date: scheduled,
          date_deadline: deadline,
          date_done: doneAt !== undefined ? odooDatetime(doneAt) : false,
          origin: o.name,
          partner_id: o.partnerRef,
          sale_id: m2o(o.soId, o.name),
          location_id: stock,
          location_dest_id: customers,
          create_date: created,
        }),
      );
      for (const m of movesOut) ctx.sink.append('stock.move', { ...m, id: ctx.ids.take('stock.move') });
      ctx.count(`delivery:${state}`);
      if (done) {
        if (shipDay > firstShip || (o.commitment !== undefined && shipDay > ctx.dayOf(o.commitment))) ctx.count('delivery:late');
        firstDone ??= doneAt!;
        lastEvent = Math.max(lastEvent, doneAt!);
        createdAt = doneAt!; // the backorder is created when this shipment is validated
      }
    }
    // Services are delivered (and invoiced) with the first shipment.
    o.drafts.forEach((l, line) => {
      if (l.kind === 'service' && firstDone !== undefined) {
        delivered[line] = l.qty;
        lineWritten[line] = firstDone;
        invoiced += l.subtotal;
      }
    });
    if (firstDone !== undefined) this.addReceivable(customer, firstDone, invoiced * (1 + o.vat));
    return { delivered, lineWritten, lastEvent };
  }

  private laterPortion(quantity: number, arrivalDay: number, firstShip: number, r: Rng): Portion {
    const ready = this.ctx.workday(arrivalDay + (r.chance(0.5) ? 0 : 1));
    return { qty: quantity, availableDay: arrivalDay, shipDay: Math.max(firstShip, ready) };
  }

  /** Invoiced at delivery; still open at the end when within terms plus the customer's usual delay. */
  private addReceivable(customer: Customer, invoicedAt: number, amount: number): void {
    const ctx = this.ctx;
    const openFrom = ctx.end - (customer.paymentTerm.days + customer.payDelay) * DAY;
    if (invoicedAt >= openFrom) ctx.credit.set(customer.index, (ctx.credit.get(customer.index) ?? 0) + amount);
  }
}

/** Minutes after Amsterdam midnight. */
function localMinutes(ms: number): number {
  const local = ms + amsterdamOffset(ms) * HOUR;
  return Math.floor((local % DAY) / MINUTE);
}
