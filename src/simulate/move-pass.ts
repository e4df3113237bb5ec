/**
 * The one pass over stock.move, before the replay: the stock on hand when the window opens,
 * the moves the replay needs (spooled, see MoveSpool), and what history had reserved for open
 * deliveries when it was exported.
 */
import { m2oId, type OdooRecord } from '../facts/source.js';
import type { SnapshotIssue, SnapshotReader } from '../snapshot/reader.js';
import type { MoveSpool, DoneMove } from './move-spool.js';
import { receiptOrigin, type PurchaseOrigins } from './purchase-origins.js';
import type { Refs } from './refs.js';
import { odooTime } from './time.js';

export interface MovePassOptions {
  /** The window's start: done moves from then on are undone from today's quants. */
  from: number;
  /** No cancellation is later than this (the export); see historyMove. */
  cancelledBy: number;
  purchases: PurchaseOrigins;
  spool: MoveSpool;
  onIssue: (i: SnapshotIssue) => void;
}

export interface MovePass {
  /** On hand per `${productId}/${warehouseId}` when the window opens. */
  opening: Map<string, number>;
  /** Quantity reserved for each sale line's open deliveries at the export, by line id. */
  reservedAtExport: Map<number, number>;
}

/** When a move became known: its creation, or when done if the snapshot has no creation time. */
function knownAt(mv: OdooRecord): number {
  const created = odooTime(mv['create_date']);
  return Number.isNaN(created) ? odooTime(mv['date']) : created;
}

/** The warehouse whose stock a move changes: its stock location's (Odoo's move.warehouse_id is the procurement warehouse, often empty). */
function warehouseOf(mv: OdooRecord, refs: Refs, locationField: string): number | null {
  return refs.warehouseOfLocation.get(m2oId(mv[locationField]) ?? -1) ?? m2oId(mv['warehouse_id']) ?? null;
}

/**
 * A done receipt or delivery: which product and warehouse, how much, when. Or a sale line's
 * delivery that was cancelled (fill or kill, "no backorder"): no stock moves, but the line
 * waits no longer. Odoo leaves a cancelled move's date at its schedule, so it counts as
 * cancelled then, and no later than `cancelledBy` (the export).
 */
function historyMove(mv: OdooRecord, refs: Refs, cancelledBy: number, purchases: PurchaseOrigins, index: number): DoneMove | null {
  const state = mv['state'];
  const cancelled = state === 'cancel';
  if (state !== 'done' && !cancelled) return null;
  const productId = m2oId(mv['product_id']);
  const code = mv['picking_code'];
  const saleLineId = m2oId(mv['sale_line_id']);
  if (productId === null || (code !== 'incoming' && code !== 'outgoing')) return null;
  const outgoing = code === 'outgoing';
  if (cancelled && (!outgoing || saleLineId === null)) return null;
  const known = knownAt(mv);
  const date = odooTime(mv['date']);
  const at = cancelled ? Math.max(known, Math.min(Number.isNaN(date) ? known : date, cancelledBy)) : date;
  if (Number.isNaN(at)) return null;
  const warehouseId = warehouseOf(mv, refs, outgoing ? 'location_id' : 'location_dest_id');
  if (warehouseId === null) return null;
  const qty = cancelled
    ? (typeof mv['product_uom_qty'] === 'number' ? mv['product_uom_qty'] : 0)
    : typeof mv['quantity'] === 'number' && mv['quantity'] > 0 ? mv['quantity'] : typeof mv['product_uom_qty'] === 'number' ? mv['product_uom_qty'] : 0;
  return { knownAt: known, at, productId, warehouseId, qty, outgoing, cancelled, known: false, saleLineId, boughtFor: outgoing ? -1 : receiptOrigin(mv, purchases), index };
}

/** A sale line's delivery still open at the export, with stock reserved for it: by line id. */
function noteReserved(mv: OdooRecord, reserved: Map<number, number>): void {
  if (mv['picking_code'] !== 'outgoing' || (mv['state'] !== 'assigned' && mv['state'] !== 'partially_available')) return;
  const lineId = m2oId(mv['sale_line_id']);
  const qty = mv['quantity'];
  if (lineId !== null && typeof qty === 'number' && qty > 0) reserved.set(lineId, (reserved.get(lineId) ?? 0) + qty);
}

/**
 * The one pass over stock.move: on hand at the window's start (today's quants, with every
 * later done move undone), and every done move spooled for the replay, with the cancelled
 * deliveries of sale lines, and what was reserved for open deliveries at the export. Other
 * moves that are not done change no stock and are left out.
 */
export async function readMoves(reader: SnapshotReader, refs: Refs, options: MovePassOptions): Promise<MovePass> {
  const stock = new Map(refs.quants);
  const reservedAtExport = new Map<number, number>();
  if (!reader.has('stock.move')) return { opening: stock, reservedAtExport };
  let index = 0;
  for await (const batch of reader.batches('stock.move', { onIssue: options.onIssue })) {
    for (const mv of batch) {
      noteReserved(mv, reservedAtExport);
      const m = historyMove(mv, refs, options.cancelledBy, options.purchases, index++);
      if (!m) continue;
      options.spool.add(m);
      // A receipt is on its way from when it is known (its purchase confirmed) until it is done.
      if (!m.outgoing && !m.cancelled && m.knownAt < m.at) options.spool.add({ ...m, known: true });
      if (m.cancelled || m.at < options.from) continue;
      const k = `${m.productId}/${m.warehouseId}`;
      stock.set(k, (stock.get(k) ?? 0) + (m.outgoing ? m.qty : -m.qty));
    }
  }
  return { opening: stock, reservedAtExport };
}
