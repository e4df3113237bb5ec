/**
 * The fact model: every fact path a rule may name, with its type and meaning.
 *
 * It is the contract between the fact builder (Odoo records → facts) and the rule language
 * (validate checks every path and operator against it). One declaration serves both, so a
 * rule can never name a fact the builder does not produce.
 *
 * Missing values: Odoo sends `false` for an unset field. The builder turns that into `null`
 * for every non-boolean fact, and the evaluator treats `null`/`undefined` as *missing*.
 * A condition over a missing fact is neither true nor false but *unknown*; see
 * `src/compile/truth.ts` for how each rule kind resolves unknown (governance fails closed).
 */
export type FactType = 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'string[]';

export interface FactDef {
  type: FactType;
  description: string;
  /** Unit, when numbers need one to be read right (currency, percent, days, units). */
  unit?: 'currency' | 'percent' | 'days' | 'units';
  /** Known values, for validation hints and editor completion. */
  values?: readonly string[];
  /** True when the fact may be absent even on healthy data (e.g. no commitment date). */
  optional?: boolean;
  /** True when reading it from Odoo needs accounting rights (credit fields). */
  needsAccounting?: boolean;
}

/** A subject is what a rule is evaluated about: a sale order, a purchase order, a stock demand line… */
export type Subject = 'sale.order' | 'purchase.order' | 'allocation' | 'replenishment' | 'generic';

type FactTable = Readonly<Record<string, FactDef>>;

const ORDER_COMMON: FactTable = {
  'order.id': { type: 'number', description: 'Odoo record id' },
  'order.name': { type: 'string', description: 'Order reference, e.g. S00042' },
  'order.state': { type: 'string', description: 'Odoo state', values: ['draft', 'sent', 'sale', 'done', 'cancel', 'purchase', 'to approve'] },
  'order.date_order': { type: 'datetime', description: 'Order date (UTC, ISO 8601)' },
  'order.amount_untaxed': { type: 'number', unit: 'currency', description: 'Untaxed total in the order currency' },
  'order.amount_tax': { type: 'number', unit: 'currency', description: 'Tax total' },
  'order.amount_total': { type: 'number', unit: 'currency', description: 'Total incl. taxes' },
  'order.currency': { type: 'string', description: 'ISO currency code, e.g. EUR' },
  'order.company': { type: 'string', description: 'Company name' },
  'order.warehouse': { type: 'string', description: 'Warehouse code, e.g. AMS', optional: true },
  'order.line_count': { type: 'number', description: 'Number of product lines' },
  'order.categories': { type: 'string[]', description: 'Full category paths of the products on the order, e.g. "All / Fasteners / Bolts"' },
  'order.products': { type: 'string[]', description: 'Internal references (default_code) of the products on the order' },
};

const SALE: FactTable = {
  ...ORDER_COMMON,
  'order.commitment_date': { type: 'datetime', description: 'Promised delivery date', optional: true },
  'order.margin': { type: 'number', unit: 'currency', description: 'Order margin (sale_margin)' },
  'order.margin_pct': { type: 'number', unit: 'percent', description: 'Margin as a percentage of the untaxed amount' },
  'order.max_discount': { type: 'number', unit: 'percent', description: 'Largest line discount on the order' },
  'order.team': { type: 'string', description: 'Sales team name', optional: true },
  'order.salesperson': { type: 'string', description: 'Login of the salesperson (the requester for segregation of duties)', optional: true },
  'order.pricelist': { type: 'string', description: 'Pricelist name', optional: true },
  'order.payment_term': { type: 'string', description: 'Payment terms name', optional: true },
  'order.ship_complete': { type: 'boolean', description: 'Customer wants one delivery when all products are ready (picking_policy = one)' },
  'order.has_shortage': { type: 'boolean', description: 'Some line asks more than is available in the warehouse' },
  'order.shortage_lines': { type: 'number', description: 'Number of lines short of stock' },
  'customer.id': { type: 'number', description: 'Commercial partner id' },
  'customer.name': { type: 'string', description: 'Commercial partner name' },
  'customer.ref': { type: 'string', description: 'Customer reference', optional: true },
  'customer.tier': { type: 'string', description: 'Customer tier, derived as distrule.yaml says (tag prefix, pricelist or field)', optional: true, values: ['platinum', 'gold', 'silver', 'bronze'] },
  'customer.tags': { type: 'string[]', description: 'Partner tag names' },
  'customer.country': { type: 'string', description: 'ISO country code', optional: true },
  'customer.region': { type: 'string', description: 'Region (state code, or as mapped)', optional: true },
  'customer.credit_limit': { type: 'number', unit: 'currency', description: 'Credit limit; missing when none is set', needsAccounting: true, optional: true },
  'customer.credit_used': { type: 'number', unit: 'currency', description: 'Open receivables (credit)', needsAccounting: true },
  'customer.credit_available': { type: 'number', unit: 'currency', description: 'credit_limit − credit_used; missing without a limit', needsAccounting: true, optional: true },
  'customer.credit_after_order': { type: 'number', unit: 'currency', description: 'credit_available − order.amount_total; negative means the order exceeds the limit', needsAccounting: true, optional: true },
};

const PURCHASE: FactTable = {
  ...ORDER_COMMON,
  'order.date_planned': { type: 'datetime', description: 'Expected arrival', optional: true },
  'order.lead_days': { type: 'number', unit: 'days', description: 'Days from order date to expected arrival', optional: true },
  'order.priority': { type: 'string', description: 'normal or urgent', values: ['normal', 'urgent'] },
  'order.buyer': { type: 'string', description: 'Login of the buyer (the requester)', optional: true },
  'order.origin': { type: 'string', description: 'Source document', optional: true },
  'vendor.id': { type: 'number', description: 'Vendor partner id' },
  'vendor.name': { type: 'string', description: 'Vendor name' },
  'vendor.country': { type: 'string', description: 'ISO country code', optional: true },
  'vendor.tags': { type: 'string[]', description: 'Partner tag names' },
};

/** Facts about one demand line competing for short stock (AllocationPolicy keys). */
const ALLOCATION: FactTable = {
  'order.name': SALE['order.name']!,
  'order.date_order': SALE['order.date_order']!,
  'order.commitment_date': SALE['order.commitment_date']!,
  'order.amount_total': SALE['order.amount_total']!,
  'order.ship_complete': SALE['order.ship_complete']!,
  'order.warehouse': SALE['order.warehouse']!,
  'customer.id': SALE['customer.id']!,
  'customer.name': SALE['customer.name']!,
  'customer.tier': SALE['customer.tier']!,
  'customer.tags': SALE['customer.tags']!,
  'customer.country': SALE['customer.country']!,
  'line.id': { type: 'number', description: 'Order line id' },
  'line.product': { type: 'string', description: 'Product internal reference' },
  'line.quantity': { type: 'number', unit: 'units', description: 'Ordered quantity still to deliver' },
  'line.price_unit': { type: 'number', unit: 'currency', description: 'Unit price' },
  'line.subtotal': { type: 'number', unit: 'currency', description: 'Line subtotal' },
};

/** Facts about one product in one warehouse (ReplenishmentPolicy scopes). */
const REPLENISHMENT: FactTable = {
  'product.id': { type: 'number', description: 'product.product id' },
  'product.code': { type: 'string', description: 'Internal reference (default_code)' },
  'product.name': { type: 'string', description: 'Product name' },
  'product.category': { type: 'string', description: 'Full category path, e.g. "All / Fasteners / Bolts"' },
  'product.cost': { type: 'number', unit: 'currency', description: 'Standard cost' },
  'product.abc': { type: 'string', description: 'ABC class by trailing revenue', optional: true, values: ['A', 'B', 'C'] },
  'warehouse.code': { type: 'string', description: 'Warehouse code' },
  'stock.on_hand': { type: 'number', unit: 'units', description: 'Quantity on hand' },
  'stock.inbound': { type: 'number', unit: 'units', description: 'Incoming transfers not yet received' },
  'stock.on_order': { type: 'number', unit: 'units', description: 'Open purchase order quantity not yet received' },
  'stock.committed': { type: 'number', unit: 'units', description: 'Confirmed demand not yet delivered' },
  'stock.forecast': { type: 'number', unit: 'units', description: 'on_hand + inbound + on_order − committed' },
  'demand.daily': { type: 'number', unit: 'units', description: 'Average daily demand over the trailing window' },
  'vendor.name': { type: 'string', description: 'Preferred vendor (first supplierinfo)', optional: true },
  'vendor.lead_days': { type: 'number', unit: 'days', description: 'Vendor lead time', optional: true },
};

const TABLES: Record<Exclude<Subject, 'generic'>, FactTable> = {
  'sale.order': SALE,
  'purchase.order': PURCHASE,
  allocation: ALLOCATION,
  replenishment: REPLENISHMENT,
};

/** Models other than sale/purchase orders are governed by their raw fields under `record.`. */
export const GENERIC_ROOT = 'record';

export function subjectForModel(model: string): Subject {
  return model === 'sale.order' || model === 'purchase.order' ? model : 'generic';
}

export type FactLookup =
  | { kind: 'known'; def: FactDef }
  | { kind: 'generic' }
  | { kind: 'unknown'; suggestions: string[] };

/** Look a fact path up in a subject's table; `generic` subjects accept any `record.<field>` path. */
export function lookupFact(subject: Subject, path: string): FactLookup {
  if (subject === 'generic') {
    return path.startsWith(`${GENERIC_ROOT}.`) && path.length > GENERIC_ROOT.length + 1
      ? { kind: 'generic' }
      : { kind: 'unknown', suggestions: [`${GENERIC_ROOT}.${path.split('.').pop() ?? path}`] };
  }
  const def = TABLES[subject][path];
  if (def) return { kind: 'known', def };
  return { kind: 'unknown', suggestions: closest(path, Object.keys(TABLES[subject])) };
}

export function factPaths(subject: Exclude<Subject, 'generic'>): Readonly<Record<string, FactDef>> {
  return TABLES[subject];
}

function closest(path: string, candidates: string[]): string[] {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(path, c) }))
    .filter(({ d }) => d <= Math.max(3, Math.floor(path.length / 3)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, 3).map(({ c }) => c);
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The facts one decision sees: top-level roots (`order`, `customer`, `lines`, …) to plain JSON. */
export type Facts = Readonly<Record<string, unknown>>;
