/**
 * Reference data of a snapshot, held in memory for the whole replay: partners, tags, users,
 * countries, warehouses, products, categories, vendors and current stock. Its size grows with
 * customers and products, never with history.
 */
import { m2oId, type OdooRecord } from '../facts/source.js';
import type { SaleRefs } from '../facts/build.js';
import type { SnapshotReader } from '../snapshot/reader.js';

export interface VendorInfo {
  name: string;
  leadDays: number;
  minQty: number;
}

export interface Refs extends SaleRefs {
  /** Preferred vendor per product id (lowest sequence supplierinfo). */
  vendors: Map<number, VendorInfo>;
  /** Current on-hand per `${productId}/${warehouseId}` from stock.quant. */
  quants: Map<string, number>;
  /** Warehouse id by location id (for moves that name only locations). */
  warehouseOfLocation: Map<number, number>;
}


async function table(reader: SnapshotReader, model: string): Promise<Map<number, OdooRecord>> {
  const out = new Map<number, OdooRecord>();
  if (!reader.has(model)) return out;
  for await (const r of reader.records(model)) out.set(r.id, r);
  return out;
}

export async function loadRefs(reader: SnapshotReader): Promise<Refs> {
  const [partners, tags, users, countries, warehouses, products, categories] = await Promise.all(
    ['res.partner', 'res.partner.category', 'res.users', 'res.country', 'stock.warehouse', 'product.product', 'product.category'].map((m) => table(reader, m)),
  ) as [Map<number, OdooRecord>, Map<number, OdooRecord>, Map<number, OdooRecord>, Map<number, OdooRecord>, Map<number, OdooRecord>, Map<number, OdooRecord>, Map<number, OdooRecord>];
  const productByTemplate = new Map<number, number[]>();
  for (const p of products.values()) {
    const t = m2oId(p['product_tmpl_id']);
    if (t !== null) productByTemplate.set(t, [...(productByTemplate.get(t) ?? []), p.id]);
  }
  const vendors = new Map<number, VendorInfo & { seq: number }>();
  if (reader.has('product.supplierinfo')) {
    for await (const s of reader.records('product.supplierinfo')) {
      const pid = m2oId(s['product_id']);
      const targets = pid !== null ? [pid] : (productByTemplate.get(m2oId(s['product_tmpl_id']) ?? -1) ?? []);
      const vendor = partners.get(m2oId(s['partner_id']) ?? -1);
      const name = typeof vendor?.['name'] === 'string' ? vendor['name'] : Array.isArray(s['partner_id']) ? String(s['partner_id'][1]) : null;
      if (!name) continue;
      const seq = typeof s['sequence'] === 'number' ? s['sequence'] : 10;
      for (const t of targets) {
        const prior = vendors.get(t);
        if (prior && prior.seq <= seq) continue;
        vendors.set(t, { name, leadDays: typeof s['delay'] === 'number' ? s['delay'] : 0, minQty: typeof s['min_qty'] === 'number' ? s['min_qty'] : 0, seq });
      }
    }
  }
  const warehouseOfLocation = new Map<number, number>();
  for (const w of warehouses.values()) {
    const loc = m2oId(w['lot_stock_id']);
    if (loc !== null) warehouseOfLocation.set(loc, w.id);
  }
  // Internal sub-locations (AMS/Stock/Shelf 2) count for their warehouse too.
  if (reader.has('stock.location')) {
    for await (const l of reader.records('stock.location')) {
      const wh = m2oId(l['warehouse_id']);
      if (wh !== null && l['usage'] === 'internal') warehouseOfLocation.set(l.id, wh);
    }
  }
  const quants = new Map<string, number>();
  if (reader.has('stock.quant')) {
    for await (const q of reader.records('stock.quant')) {
      const pid = m2oId(q['product_id']);
      const wh = m2oId(q['warehouse_id']) ?? warehouseOfLocation.get(m2oId(q['location_id']) ?? -1) ?? null;
      if (pid === null || wh === null) continue;
      const key = `${pid}/${wh}`;
      quants.set(key, (quants.get(key) ?? 0) + (typeof q['quantity'] === 'number' ? q['quantity'] : 0));
    }
  }
  return {
    partners,
    tags,
    users,
    countries,
    warehouses,
    products,
    categories,
    vendors: new Map([...vendors].map(([k, { seq: _seq, ...v }]) => [k, v])),
    quants,
    warehouseOfLocation,
  };
}
