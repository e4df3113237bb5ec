/**
 * product.product's stock quantities, computed as Odoo's `_compute_quantities` does: on-hand from
 * quants in the warehouses' locations, incoming / outgoing from moves not done that cross the
 * warehouses' boundary. The `warehouse` context key (Odoo 17; `warehouse_id` from Odoo 18 on)
 * restricts to some warehouses, by id or name; without it all warehouses count.
 */
import { likePattern } from '../../src/odoo/domain.js';
import type { RecordStore, StoredRecord } from './store.js';

export interface ProductQuantities {
  qty_available: number;
  virtual_available: number;
  incoming_qty: number;
  outgoing_qty: number;
}

const OPEN_MOVE_STATES: ReadonlySet<unknown> = new Set(['waiting', 'confirmed', 'assigned', 'partially_available']);

/** The context key stock reads, per Odoo major version. */
export function warehouseContextKey(version: string): 'warehouse' | 'warehouse_id' {
  return version.startsWith('17') ? 'warehouse' : 'warehouse_id';
}

function pairId(value: unknown): number | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'number' ? value[0] : undefined;
  return typeof value === 'number' ? value : undefined;
}

function pairName(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : undefined;
}

/** Warehouses named by the context value: ids as given, strings matched with `ilike` on name. */
function selectedWarehouses(store: RecordStore, value: unknown): Set<number> {
  const warehouses = store.all('stock.warehouse');
  if (value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0)) {
    return new Set(warehouses.map((w) => w.id));
  }
  const selected = new Set<number>();
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === 'number') selected.add(item);
    else if (typeof item === 'string') {
      const pattern = likePattern(`%${item}%`, true);
      for (const w of warehouses) if (typeof w.name === 'string' && pattern.test(w.name)) selected.add(w.id);
    }
  }
  return selected;
}

/** Which warehouse a location belongs to: stock.location data, the lot_stock_id, or the `WH/` prefix. */
function locationWarehouseFinder(store: RecordStore): (location: unknown) => number | undefined {
  const warehouses = store.all('stock.warehouse');
  const byStock = new Map<number, number>();
  for (const w of warehouses) {
    const stockId = pairId(w.lot_stock_id);
    if (stockId !== undefined) byStock.set(stockId, w.id);
  }
  return (location) => {
    const id = pairId(location);
    if (id === undefined) return undefined;
    const known = store.get('stock.location', id);
    if (known) return pairId(known.warehouse_id);
    const direct = byStock.get(id);
    if (direct !== undefined) return direct;
    const name = pairName(location);
    if (!name) return undefined;
    return warehouses.find((w) => typeof w.code === 'string' && w.code !== '' && name.startsWith(`${w.code}/`))?.id;
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Quantities of every product under the given context. */
export function computeQuantities(
  store: RecordStore,
  context: Readonly<Record<string, unknown>>,
  version: string,
): Map<number, ProductQuantities> {
  const selected = selectedWarehouses(store, context[warehouseContextKey(version)]);
  const warehouseOf = locationWarehouseFinder(store);
  const inScope = (location: unknown): boolean => {
    const w = warehouseOf(location);
    return w !== undefined && selected.has(w);
  };
  const totals = new Map<number, { onHand: number; incoming: number; outgoing: number }>();
  const totalOf = (product: number) => {
    let t = totals.get(product);
    if (!t) totals.set(product, (t = { onHand: 0, incoming: 0, outgoing: 0 }));
    return t;
  };
  for (const quant of store.all('stock.quant')) {
    const product = pairId(quant.product_id);
    if (product === undefined) continue;
    const w = pairId(quant.warehouse_id) ?? warehouseOf(quant.location_id);
    if (w === undefined || !selected.has(w)) continue;
    totalOf(product).onHand += Number(quant.quantity) || 0;
  }
  for (const move of store.all('stock.move')) {
    if (!OPEN_MOVE_STATES.has(move.state)) continue;
    const product = pairId(move.product_id);
    if (product === undefined) continue;
    const from = inScope(move.location_id);
    const to = inScope(move.location_dest_id);
    const qty = Number(move.product_uom_qty) || 0;
    if (to && !from) totalOf(product).incoming += qty;
    if (from && !to) totalOf(product).outgoing += qty;
  }
  const out = new Map<number, ProductQuantities>();
  for (const product of store.all('product.product')) {
    const t = totals.get(product.id) ?? { onHand: 0, incoming: 0, outgoing: 0 };
    out.set(product.id, {
      qty_available: round(t.onHand),
      incoming_qty: round(t.incoming),
      outgoing_qty: round(t.outgoing),
      virtual_available: round(t.onHand + t.incoming - t.outgoing),
    });
  }
  return out;
}

/** A product record with its context-dependent quantities filled in. */
export function withQuantities(product: StoredRecord, quantities: Map<number, ProductQuantities>): StoredRecord {
  const q = quantities.get(product.id);
  return q ? { ...product, ...q } : product;
}
