/**
 * Stock quantities of product.product under a `warehouse` context, computed from a snapshot
 * the way Odoo computes them:
 * - qty_available: quants in the warehouse's locations;
 * - incoming_qty / outgoing_qty: moves not done nor cancelled (waiting, confirmed,
 *   partially_available, assigned) that enter / leave the warehouse;
 * - virtual_available = qty_available + incoming_qty − outgoing_qty.
 * Without a `warehouse` context the exported values (company-wide) are used as they are.
 */
import type { OdooRecord } from '../facts/source.js';
import { SnapshotError } from './errors.js';

export const STOCK_FIELDS = ['qty_available', 'virtual_available', 'incoming_qty', 'outgoing_qty'] as const;

export interface StockFigures {
  qty_available: number;
  incoming_qty: number;
  outgoing_qty: number;
  virtual_available: number;
}

const OPEN_MOVE_STATES: ReadonlySet<string> = new Set(['waiting', 'confirmed', 'partially_available', 'assigned']);

export function many2oneId(value: unknown): number | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? value[0] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Warehouse ids named by a `warehouse` context value: an id, a list of ids, or a name
 * (Odoo searches names with `ilike`; a warehouse code such as "AMS" is accepted too).
 */
export function resolveWarehouses(value: unknown, warehouses: readonly OdooRecord[]): Set<number> {
  const wanted = Array.isArray(value) ? value : [value];
  const ids = new Set<number>();
  for (const item of wanted) {
    let hits: OdooRecord[];
    if (typeof item === 'number') hits = warehouses.filter((w) => w.id === item);
    else if (typeof item === 'string') {
      const needle = item.toLowerCase();
      hits = warehouses.filter(
        (w) => (typeof w.code === 'string' && w.code.toLowerCase() === needle) || (typeof w.name === 'string' && w.name.toLowerCase().includes(needle)),
      );
    } else {
      throw new SnapshotError('unknown-warehouse', `context warehouse must be an id, a list of ids or a name, got ${JSON.stringify(item)}`);
    }
    if (hits.length === 0) {
      const known = warehouses.map((w) => `${String(w.code)} (${w.id})`).join(', ');
      throw new SnapshotError('unknown-warehouse', `context warehouse ${JSON.stringify(item)} names no warehouse of the snapshot`, {
        hint: `Warehouses: ${known || '(none)'}.`,
      });
    }
    for (const w of hits) ids.add(w.id);
  }
  return ids;
}

export interface StockInputs {
  warehouses: readonly OdooRecord[];
  /** stock.location records, when the snapshot has them (they say which warehouse a location is in). */
  locations?: readonly OdooRecord[];
  quants: Iterable<OdooRecord>;
  /** stock.move records; undefined when the snapshot has none (incoming/outgoing then cannot be computed). */
  moves?: Iterable<OdooRecord>;
}

/** Per product id, the figures of the given warehouses. Products without stock are absent (all zero). */
export function computeStock(warehouseIds: ReadonlySet<number>, inputs: StockInputs): Map<number, StockFigures> {
  const warehouseOf = locationWarehouses(inputs);
  const out = new Map<number, StockFigures>();
  const figures = (productId: number): StockFigures => {
    let f = out.get(productId);
    if (!f) {
      f = { qty_available: 0, incoming_qty: 0, outgoing_qty: 0, virtual_available: 0 };
      out.set(productId, f);
    }
    return f;
  };
  for (const quant of inputs.quants) {
    const product = many2oneId(quant.product_id);
    const warehouse = many2oneId(quant.warehouse_id) ?? warehouseOf(many2oneId(quant.location_id));
    if (product === undefined || warehouse === undefined || !warehouseIds.has(warehouse)) continue;
    figures(product).qty_available += num(quant.quantity);
  }
  for (const move of inputs.moves ?? []) {
    if (typeof move.state !== 'string' || !OPEN_MOVE_STATES.has(move.state)) continue;
    const product = many2oneId(move.product_id);
    if (product === undefined) continue;
    let from = warehouseOf(many2oneId(move.location_id));
    let to = warehouseOf(many2oneId(move.location_dest_id));
    // Without location data, the move's own warehouse stands for the side its picking type implies.
    if (from === undefined && to === undefined) {
      const wh = many2oneId(move.warehouse_id);
      if (move.picking_code === 'incoming') to = wh;
      else if (move.picking_code === 'outgoing') from = wh;
    }
    const entering = to !== undefined && warehouseIds.has(to) && !(from !== undefined && warehouseIds.has(from));
    const leaving = from !== undefined && warehouseIds.has(from) && !(to !== undefined && warehouseIds.has(to));
    if (entering) figures(product).incoming_qty += num(move.product_uom_qty);
    if (leaving) figures(product).outgoing_qty += num(move.product_uom_qty);
  }
  for (const f of out.values()) {
    f.qty_available = tidy(f.qty_available);
    f.incoming_qty = tidy(f.incoming_qty);
    f.outgoing_qty = tidy(f.outgoing_qty);
    f.virtual_available = tidy(f.qty_available + f.incoming_qty - f.outgoing_qty);
  }
  return out;
}

/** Maps a location id to its warehouse: from stock.location when present, else from each warehouse's stock location. */
function locationWarehouses(inputs: StockInputs): (locationId: number | undefined) => number | undefined {
  const map = new Map<number, number>();
  if (inputs.locations) {
    for (const loc of inputs.locations) {
      const wh = many2oneId(loc.warehouse_id);
      if (wh !== undefined) map.set(loc.id, wh);
    }
  } else {
    for (const wh of inputs.warehouses) {
      const stock = many2oneId(wh.lot_stock_id);
      if (stock !== undefined) map.set(stock, wh.id);
    }
  }
  return (id) => (id === undefined ? undefined : map.get(id));
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** Sums of floats, rounded so that 0.1 + 0.2 reads 0.3 (Odoo rounds to the unit of measure). */
function tidy(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
