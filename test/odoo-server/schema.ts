/**
 * The models the test server knows: distrule's `MODELS` (reference models included), plus what
 * real Odoo has around them that distrule does not export (`ir.model`,
 * `mail.activity.res_model_id`), so that `mail.activity` creation behaves as on a real database.
 */
import { MODELS, type OdooFieldSpec, type OdooModelSpec } from '../../src/snapshot/models.js';
import { schemaFromModels, type DomainSchema } from '../../src/odoo/domain.js';

const char: OdooFieldSpec = { type: 'char' };
const m2o = (relation: string): OdooFieldSpec => ({ type: 'many2one', relation });

/** Models Odoo has that distrule does not export, but that writes depend on. */
const SERVER_ONLY_MODELS: Readonly<Record<string, OdooModelSpec>> = {
  'ir.model': { fields: { model: char, name: char } },
};

/** Fields real Odoo has that distrule does not export, but that writes depend on. */
const EXTRA_FIELDS: Readonly<Record<string, Readonly<Record<string, OdooFieldSpec>>>> = {
  // mail.activity.res_model is related to res_model_id, which is required.
  'mail.activity': { res_model_id: { ...m2o('ir.model'), string: 'Document Model' } },
};

function buildModels(): Record<string, OdooModelSpec> {
  const out: Record<string, OdooModelSpec> = { ...SERVER_ONLY_MODELS };
  for (const [name, spec] of Object.entries(MODELS)) {
    out[name] = { ...spec, fields: { ...spec.fields, ...(EXTRA_FIELDS[name] ?? {}) } };
  }
  return out;
}

export const SERVER_MODELS: Readonly<Record<string, OdooModelSpec>> = buildModels();
export const SERVER_SCHEMA: DomainSchema = schemaFromModels(SERVER_MODELS);

/** Deterministic ids for `ir.model` records, one per known model. */
export const IR_MODEL_IDS: ReadonlyMap<string, number> = new Map(
  Object.keys(SERVER_MODELS)
    .sort()
    .map((name, index) => [name, index + 1]),
);

/** `ir.model` names, used in Odoo's access-error messages. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'sale.order': 'Sales Order',
  'sale.order.line': 'Sales Order Line',
  'res.partner': 'Contact',
  'res.partner.category': 'Partner Tags',
  'res.users': 'User',
  'product.product': 'Product Variant',
  'product.category': 'Product Category',
  'product.supplierinfo': 'Supplier Pricelist',
  'stock.warehouse': 'Warehouse',
  'stock.quant': 'Quants',
  'stock.move': 'Stock Move',
  'stock.picking': 'Transfer',
  'stock.warehouse.orderpoint': 'Minimum Inventory Rule',
  'purchase.order': 'Purchase Order',
  'purchase.order.line': 'Purchase Order Line',
  'mail.activity': 'Activity',
  'mail.message': 'Message',
  'ir.model': 'Models',
  'res.country': 'Country',
  'res.company': 'Companies',
  'stock.location': 'Inventory Locations',
};

export function modelDescription(model: string): string {
  return DESCRIPTIONS[model] ?? model;
}

/** `_order` of each model, restricted to fields the server knows. */
const DEFAULT_ORDER: Readonly<Record<string, string>> = {
  'sale.order': 'date_order desc, id desc',
  'sale.order.line': 'order_id, id',
  'res.partner': 'display_name, id desc',
  'res.users': 'name, login',
  'product.product': 'default_code, name, id',
  'product.category': 'complete_name',
  'product.supplierinfo': 'sequence, min_qty desc, price, id',
  'stock.move': 'id',
  'stock.picking': 'priority desc, scheduled_date asc, id desc',
  'purchase.order': 'priority desc, id desc',
  'purchase.order.line': 'order_id, id',
  'mail.activity': 'date_deadline asc, id asc',
  'mail.message': 'id desc',
  'res.partner.category': 'name',
  'res.country': 'name',
};

export function defaultOrder(model: string): string {
  return DEFAULT_ORDER[model] ?? 'id';
}

/** Python class names, for the `Class.method()` prefix of TypeError messages. */
export function methodOwner(model: string, method: string): string {
  const owners: Readonly<Record<string, string>> = {
    'sale.order': 'SaleOrder',
    'purchase.order': 'PurchaseOrder',
    'stock.picking': 'Picking',
    'mail.activity': 'MailActivity',
  };
  if (method === 'message_post') return 'MailThread';
  return owners[model] ?? 'BaseModel';
}

/** Models inheriting mail.thread (they accept `message_post`). */
export const MAIL_THREAD_MODELS: ReadonlySet<string> = new Set([
  'sale.order', 'purchase.order', 'res.partner', 'stock.picking', 'product.product', 'res.users',
]);

/** Odoo's default field label: `partner_id` → `Partner`, `date_order` → `Date Order`. */
export function fieldLabel(name: string, spec: OdooFieldSpec): string {
  if (spec.string) return spec.string;
  const base = spec.type === 'many2one' || spec.type.endsWith('2many') ? name.replace(/_ids?$/, '') : name;
  return base
    .split('_')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
