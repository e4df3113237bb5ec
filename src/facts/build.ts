/**
 * Odoo records → facts. The one fact builder that explain, simulate, diff and serve share, so
 * what simulate predicts is what serve will do.
 *
 * Batched: for a batch of orders it makes one search_read per related model (lines, partners,
 * tags, users, products, categories, warehouses, countries), plus one product read per
 * warehouse for stock (quantities depend on the `warehouse` context key) — never one call per
 * record. Reference data (tags, users, categories, warehouses, countries) is cached across
 * batches.
 */
import { m2oId, type OdooRecord, type RecordSource } from './source.js';
import type { TierMapping } from '../config/schema.js';
import { DEFAULT_TIER } from '../config/schema.js';
import { MODELS } from '../snapshot/models.js';
import { OdooError } from '../odoo/errors.js';

export interface FactBuilderOptions {
  tier?: TierMapping;
  region?: { from: 'state' | 'country' };
  /**
   * Stock available for a product in a warehouse at decision time. Live: omitted, read from
   * Odoo with the warehouse context. Simulate: the replayed stock at that moment.
   */
  stock?: (productId: number, warehouseId: number) => number;
  /**
   * The fields each model has in the source: a snapshot's manifest (`models[m].fields`), or
   * `fields_get` of a live server. Fields the builder reads that are not listed are not asked
   * for, and the facts built on them are null (so credit rules fail closed when an export had no
   * accounting rights, and margin facts are missing without sale_margin). Default: every field
   * of MODELS, as on a complete Odoo 17.
   */
  fields?: Readonly<Record<string, readonly string[]>>;
}

/** Facts of one sale order: `order`, `customer`, `lines`. */
export interface SaleOrderFacts {
  [root: string]: unknown;
  order: Record<string, unknown>;
  customer: Record<string, unknown>;
  lines: Record<string, unknown>[];
}

/** Reading credit fields needs accounting rights; say which field and which right. */
export class FactAccessError extends Error {
  constructor(
    readonly model: string,
    readonly fields: string[],
    readonly groups: string,
    cause: OdooError,
  ) {
    super(
      `reading ${fields.map((f) => `${model}.${f}`).join(', ')} needs accounting rights (${groups}); the Odoo user distrule logs in as lacks them. ` +
        'Give that user Accounting › Billing or Read-only access, or credit facts stay missing and credit rules fail closed.',
      { cause },
    );
    this.name = 'FactAccessError';
  }
}

const fieldsOf = (model: string): string[] => Object.keys(MODELS[model]!.fields);
/** Product fields the facts need: code, name, category, cost, and whether it is stocked. */
const PRODUCT_FIELDS = ['default_code', 'name', 'categ_id', 'standard_price', 'detailed_type'];

/**
 * Whether a product is counted in stock. Odoo 17 `detailed_type`: only `product` (storable);
 * services and consumables are never short. Unknown (no such field) counts, so a shortage is
 * never hidden.
 */
export function isStocked(product: OdooRecord | undefined): boolean {
  const type = product?.['detailed_type'];
  return typeof type !== 'string' || type === 'product';
}
const m2oName = (v: unknown): string | null => (Array.isArray(v) && typeof v[1] === 'string' ? v[1] : null);
/** Odoo's `false` for an empty field becomes null; booleans keep false. */
const val = <T>(v: unknown, type: 'number' | 'string'): T | null => (typeof v === type ? (v as T) : null);
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** "2026-10-05 09:30:00" (Odoo, UTC) → "2026-10-05T09:30:00Z"; dates stay YYYY-MM-DD. */
export function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
}

export class FactBuilder {
  private readonly cache = new Map<string, Map<number, OdooRecord>>();
  /** Ids asked for and not found (deleted, archived, not readable): not asked again. */
  private readonly absent = new Map<string, Set<number>>();
  private readonly tier: TierMapping;

  constructor(
    private readonly source: RecordSource,
    private readonly options: FactBuilderOptions = {},
  ) {
    this.tier = options.tier ?? DEFAULT_TIER;
  }

  /** The wanted fields the source has (all of them unless `options.fields` says otherwise). */
  private has(model: string, wanted: readonly string[]): string[] {
    const known = this.options.fields?.[model];
    return known ? wanted.filter((f) => known.includes(f)) : [...wanted];
  }

  /** Records by id, fetched in one search_read for those not cached yet. */
  private async byIds(model: string, ids: Iterable<number>, wanted = fieldsOf(model), cache = true): Promise<Map<number, OdooRecord>> {
    const fields = this.has(model, wanted);
    const have = cache ? (this.cache.get(model) ?? new Map<number, OdooRecord>()) : new Map<number, OdooRecord>();
    if (cache) this.cache.set(model, have);
    const absent = cache ? (this.absent.get(model) ?? new Set<number>()) : new Set<number>();
    if (cache) this.absent.set(model, absent);
    const missing = [...new Set(ids)].filter((id) => !have.has(id) && !absent.has(id));
    if (missing.length) {
      for (const r of await this.source.searchRead(model, [['id', 'in', missing]], fields)) have.set(r.id, r);
      for (const id of missing) if (!have.has(id)) absent.add(id);
    }
    return have;
  }

  /** Facts for a batch of sale orders (records as search_read returns them with MODELS' fields). */
  async saleOrders(orders: readonly OdooRecord[]): Promise<SaleOrderFacts[]> {
    if (orders.length === 0) return [];
    const orderIds = orders.map((o) => o.id);
    const lines = await this.source.searchRead('sale.order.line', [['order_id', 'in', orderIds]], this.has('sale.order.line', fieldsOf('sale.order.line')), { order: 'order_id, id' });
    const partners = await this.partners(orders.map((o) => m2oId(o['partner_id'])).filter((x): x is number => x !== null));
    const tagIds = [...partners.values()].flatMap((p) => (Array.isArray(p['category_id']) ? (p['category_id'] as number[]) : []));
    const [tags, users, countries, warehouses] = await Promise.all([
      this.byIds('res.partner.category', tagIds),
      this.byIds('res.users', orders.map((o) => m2oId(o['user_id'])).filter((x): x is number => x !== null)),
      this.byIds('res.country', [...partners.values()].map((p) => m2oId(p['country_id'])).filter((x): x is number => x !== null)),
      this.byIds('stock.warehouse', orders.map((o) => m2oId(o['warehouse_id'])).filter((x): x is number => x !== null)),
    ]);
    const productLines = lines.filter((l) => !l['display_type'] && m2oId(l['product_id']) !== null);
    const products = await this.byIds('product.product', productLines.map((l) => m2oId(l['product_id'])!), PRODUCT_FIELDS);
    const categories = await this.byIds('product.category', [...products.values()].map((p) => m2oId(p['categ_id'])).filter((x): x is number => x !== null));
    const available = await this.availability(orders, productLines.filter((l) => isStocked(products.get(m2oId(l['product_id'])!))));

    const linesByOrder = new Map<number, OdooRecord[]>();
    for (const l of productLines) {
      const oid = m2oId(l['order_id'])!;
      linesByOrder.set(oid, [...(linesByOrder.get(oid) ?? []), l]);
    }
    const refs: SaleRefs = { partners, tags, users, countries, warehouses, products, categories };
    return orders.map((o) => buildSaleOrderFacts(o, linesByOrder.get(o.id) ?? [], refs, (pid, wh) => available.get(`${pid}/${wh}`) ?? 0, this.tier, this.options.region));
  }

  /** Order partners and their commercial partners, credit fields included (accounting rights). */
  private async partners(ids: number[]): Promise<Map<number, OdooRecord>> {
    const fields = this.has('res.partner', fieldsOf('res.partner'));
    const out = new Map<number, OdooRecord>();
    let want = [...new Set(ids)];
    // Contacts and all their ancestors (so their commercial partners) in one call: `parent_of`
    // follows parent_id upwards and includes the ids themselves. The loop only runs again for a
    // commercial partner outside that chain, which Odoo never produces.
    for (let level = 0; want.length && level < 4; level++) {
      let rows: OdooRecord[];
      try {
        rows = await this.source.searchRead('res.partner', [['id', 'parent_of', want]], fields, { context: { active_test: false } });
      } catch (e) {
        if (e instanceof OdooError && e.kind === 'access') {
          const credit = Object.entries(MODELS['res.partner']!.fields).filter(([, f]) => f.groups);
          throw new FactAccessError('res.partner', credit.map(([n]) => n), credit[0]![1].groups!, e);
        }
        throw e;
      }
      for (const r of rows) out.set(r.id, r);
      want = [...out.values()].map((p) => m2oId(p['commercial_partner_id'])).filter((x): x is number => x !== null && !out.has(x));
    }
    return out;
  }

  private async availability(orders: readonly OdooRecord[], lines: readonly OdooRecord[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const orderWh = new Map(orders.map((o) => [o.id, m2oId(o['warehouse_id'])]));
    const perWh = new Map<number, Set<number>>();
    for (const l of lines) {
      const wh = orderWh.get(m2oId(l['order_id'])!);
      if (wh === null || wh === undefined) continue;
      perWh.set(wh, (perWh.get(wh) ?? new Set()).add(m2oId(l['product_id'])!));
    }
    for (const [wh, pids] of perWh) {
      if (this.options.stock) {
        for (const pid of pids) out.set(`${pid}/${wh}`, this.options.stock(pid, wh));
        continue;
      }
      // Odoo 17 reads the `warehouse` context key, Odoo 18+ `warehouse_id`; each ignores the other.
      const rows = await this.source.searchRead('product.product', [['id', 'in', [...pids]]], ['qty_available'], { context: { warehouse: wh, warehouse_id: wh } });
      for (const r of rows) out.set(`${r.id}/${wh}`, val<number>(r['qty_available'], 'number') ?? 0);
    }
    return out;
  }
}

/** Reference records a sale order's facts draw on, by id. */
export interface SaleRefs {
  partners: ReadonlyMap<number, OdooRecord>;
  tags: ReadonlyMap<number, OdooRecord>;
  users: ReadonlyMap<number, OdooRecord>;
  countries: ReadonlyMap<number, OdooRecord>;
  warehouses: ReadonlyMap<number, OdooRecord>;
  products: ReadonlyMap<number, OdooRecord>;
  categories: ReadonlyMap<number, OdooRecord>;
}

/**
 * The pure core: one order, its lines and the reference records → facts. Live reads and
 * snapshot replay both end here, so they cannot disagree.
 */
export function buildSaleOrderFacts(
  o: OdooRecord,
  orderLines: readonly OdooRecord[],
  refs: SaleRefs,
  available: (productId: number, warehouseId: number) => number,
  tier: TierMapping = DEFAULT_TIER,
  region?: { from: 'state' | 'country' },
): SaleOrderFacts {
  const { partners, tags, users, countries, warehouses, products, categories } = refs;
  const wh = m2oId(o['warehouse_id']);
  const lineFacts = orderLines.filter((l) => !l['display_type'] && m2oId(l['product_id']) !== null).map((l) => {
    const pid = m2oId(l['product_id'])!;
    const p = products.get(pid);
    const qty = val<number>(l['product_uom_qty'], 'number') ?? 0;
    const delivered = val<number>(l['qty_delivered'], 'number') ?? 0;
    const open = Math.max(0, qty - delivered);
    // Services and consumables are never short: no availability, no shortage.
    const avail = wh === null || !isStocked(p) ? null : available(pid, wh);
    const subtotal = val<number>(l['price_subtotal'], 'number') ?? 0;
    const margin = val<number>(l['margin'], 'number');
    return {
      id: l.id,
      product: val<string>(p?.['default_code'], 'string') ?? m2oName(l['product_id']),
      product_name: val<string>(p?.['name'], 'string'),
      category: categoryName(p, categories),
      quantity: qty,
      delivered,
      open_quantity: open,
      price_unit: val<number>(l['price_unit'], 'number') ?? 0,
      discount: val<number>(l['discount'], 'number') ?? 0,
      subtotal,
      margin,
      margin_pct: margin !== null && subtotal ? round2((margin / subtotal) * 100) : null,
      available: avail,
      shortage: avail === null ? null : Math.max(0, open - Math.max(0, avail)),
    };
  });
  const partner = partners.get(m2oId(o['partner_id']) ?? -1);
  const commercial = partner ? (partners.get(m2oId(partner['commercial_partner_id']) ?? partner.id) ?? partner) : undefined;
  const untaxed = val<number>(o['amount_untaxed'], 'number');
  const total = val<number>(o['amount_total'], 'number');
  const margin = val<number>(o['margin'], 'number');
  const customer = customerFacts(commercial, tags, countries, total, tier, region);
  const shortages = lineFacts.filter((l) => (l.shortage ?? 0) > 0).length;
  const user = users.get(m2oId(o['user_id']) ?? -1);
  return {
    order: {
      id: o.id,
      name: val<string>(o['name'], 'string'),
      state: val<string>(o['state'], 'string'),
      date_order: isoDate(o['date_order']),
      commitment_date: isoDate(o['commitment_date']),
      amount_untaxed: untaxed,
      amount_tax: val<number>(o['amount_tax'], 'number'),
      amount_total: total,
      currency: m2oName(o['currency_id']),
      company: m2oName(o['company_id']),
      warehouse: wh === null ? null : (val<string>(warehouses.get(wh)?.['code'], 'string') ?? m2oName(o['warehouse_id'])),
      line_count: lineFacts.length,
      categories: [...new Set(lineFacts.map((l) => l.category).filter((c): c is string => c !== null))].sort(),
      products: [...new Set(lineFacts.map((l) => l.product).filter((c): c is string => c !== null))].sort(),
      margin,
      margin_pct: margin !== null && untaxed ? round2((margin / untaxed) * 100) : null,
      max_discount: lineFacts.reduce((m, l) => Math.max(m, l.discount), 0),
      team: m2oName(o['team_id']),
      salesperson: val<string>(user?.['login'], 'string'),
      pricelist: m2oName(o['pricelist_id']),
      payment_term: m2oName(o['payment_term_id']),
      ship_complete: o['picking_policy'] === 'one',
      has_shortage: shortages > 0,
      shortage_lines: shortages,
    },
    customer,
    lines: lineFacts,
  };
}

function customerFacts(
  p: OdooRecord | undefined,
  tags: ReadonlyMap<number, OdooRecord>,
  countries: ReadonlyMap<number, OdooRecord>,
  orderTotal: number | null,
  tier: TierMapping,
  region?: { from: 'state' | 'country' },
): Record<string, unknown> {
    if (!p) return { id: null, name: null, tags: [] };
    const tagNames = (Array.isArray(p['category_id']) ? (p['category_id'] as number[]) : []).map((id) => val<string>(tags.get(id)?.['name'], 'string')).filter((t): t is string => t !== null);
    // Odoo stores "no credit limit" as 0.
    const limitRaw = val<number>(p['credit_limit'], 'number');
    const limit = limitRaw && limitRaw > 0 ? limitRaw : null;
    // Odoo always sends a number for `credit`; absent means it was not read (no accounting rights): missing, not 0.
    const used = val<number>(p['credit'], 'number');
    const available = limit === null || used === null ? null : round2(limit - used);
    const country = countries.get(m2oId(p['country_id']) ?? -1);
    const countryCode = val<string>(country?.['code'], 'string');
    return {
      id: p.id,
      name: val<string>(p['name'], 'string'),
      ref: val<string>(p['ref'], 'string'),
      tier: tierOf(p, tagNames, tier),
      tags: tagNames,
      country: countryCode,
      region: region?.from === 'country' ? countryCode : m2oName(p['state_id']),
      credit_limit: limit,
      credit_used: used,
      credit_available: available,
      credit_after_order: available === null || orderTotal === null ? null : round2(available - orderTotal),
    };
  }

function tierOf(p: OdooRecord, tagNames: string[], t: TierMapping): string | null {
    if (t.from === 'tag-prefix') {
      const tag = tagNames.find((n) => n.startsWith(t.prefix ?? ''));
      return tag ? tag.slice((t.prefix ?? '').length).trim().toLowerCase() || null : null;
    }
    if (t.from === 'pricelist') {
      const name = m2oName(p['property_product_pricelist']);
      return name ? (t.map?.[name] ?? null) : null;
    }
    const v = p[t.field ?? ''];
    return typeof v === 'string' && v ? v.toLowerCase() : null;
  }

  /** Available quantity per product and warehouse: injected (simulate) or one read per warehouse. */

function categoryName(p: OdooRecord | undefined, categories: ReadonlyMap<number, OdooRecord>): string | null {
  const c = categories.get(m2oId(p?.['categ_id']) ?? -1);
  return val<string>(c?.['complete_name'], 'string') ?? m2oName(p?.['categ_id']);
}
