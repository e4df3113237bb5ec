/**
 * The Odoo models distrule reads, with the explicit field list of each (Odoo 17 names).
 *
 * One declaration serves the exporter (explicit `fields` on every search_read), the snapshot
 * reader, the example-history generator and the Odoo test server's `fields_get`, so the four
 * can never disagree about what a record holds.
 */
export type OdooFieldType =
  | 'integer'
  | 'float'
  | 'monetary'
  | 'char'
  | 'text'
  | 'html'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many';

export interface OdooFieldSpec {
  type: OdooFieldType;
  /** Target model of relational fields. */
  relation?: string;
  /** Selection values, for `selection` fields. */
  selection?: ReadonlyArray<readonly [string, string]>;
  /** Reading it needs accounting rights (Odoo raises AccessError otherwise). */
  groups?: string;
  /** Computed from the `warehouse` / `location` context key (stock quantities). */
  contextDependent?: boolean;
  string?: string;
}

export interface OdooModelSpec {
  /** Field used to cut an export into a time range; absent for reference data (exported whole). */
  timeField?: string;
  fields: Readonly<Record<string, OdooFieldSpec>>;
}

const m2o = (relation: string): OdooFieldSpec => ({ type: 'many2one', relation });
const o2m = (relation: string): OdooFieldSpec => ({ type: 'one2many', relation });
const m2m = (relation: string): OdooFieldSpec => ({ type: 'many2many', relation });
const sel = (...values: string[]): OdooFieldSpec => ({
  type: 'selection',
  selection: values.map((v) => [v, v] as const),
});
const ACCOUNTING = 'account.group_account_invoice,account.group_account_readonly';

export const MODELS: Readonly<Record<string, OdooModelSpec>> = {
  'sale.order': {
    timeField: 'date_order',
    fields: {
      name: { type: 'char' },
      state: sel('draft', 'sent', 'sale', 'cancel'),
      date_order: { type: 'datetime' },
      commitment_date: { type: 'datetime' },
      partner_id: m2o('res.partner'),
      user_id: m2o('res.users'),
      team_id: m2o('crm.team'),
      warehouse_id: m2o('stock.warehouse'),
      company_id: m2o('res.company'),
      currency_id: m2o('res.currency'),
      pricelist_id: m2o('product.pricelist'),
      payment_term_id: m2o('account.payment.term'),
      picking_policy: sel('direct', 'one'),
      amount_untaxed: { type: 'monetary' },
      amount_tax: { type: 'monetary' },
      amount_total: { type: 'monetary' },
      margin: { type: 'monetary' },
      order_line: o2m('sale.order.line'),
      create_date: { type: 'datetime' },
      write_date: { type: 'datetime' },
    },
  },
  'sale.order.line': {
    fields: {
      order_id: m2o('sale.order'),
      product_id: m2o('product.product'),
      name: { type: 'text' },
      display_type: sel('line_section', 'line_note'),
      product_uom_qty: { type: 'float' },
      qty_delivered: { type: 'float' },
      price_unit: { type: 'float' },
      discount: { type: 'float' },
      price_subtotal: { type: 'monetary' },
      purchase_price: { type: 'float' },
      margin: { type: 'float' },
      state: sel('draft', 'sent', 'sale', 'cancel'),
      write_date: { type: 'datetime' },
    },
  },
  'res.partner': {
    fields: {
      name: { type: 'char' },
      ref: { type: 'char' },
      is_company: { type: 'boolean' },
      parent_id: m2o('res.partner'),
      commercial_partner_id: m2o('res.partner'),
      category_id: m2m('res.partner.category'),
      country_id: m2o('res.country'),
      state_id: m2o('res.country.state'),
      property_product_pricelist: m2o('product.pricelist'),
      customer_rank: { type: 'integer' },
      supplier_rank: { type: 'integer' },
      credit_limit: { type: 'float', groups: ACCOUNTING },
      credit: { type: 'monetary', groups: ACCOUNTING },
      active: { type: 'boolean' },
      write_date: { type: 'datetime' },
    },
  },
  'res.partner.category': {
    fields: { name: { type: 'char' }, parent_id: m2o('res.partner.category') },
  },
  'res.users': {
    fields: {
      login: { type: 'char' },
      name: { type: 'char' },
      partner_id: m2o('res.partner'),
      active: { type: 'boolean' },
      share: { type: 'boolean' },
    },
  },
  'product.product': {
    fields: {
      default_code: { type: 'char' },
      name: { type: 'char' },
      categ_id: m2o('product.category'),
      product_tmpl_id: m2o('product.template'),
      detailed_type: sel('consu', 'service', 'product'),
      standard_price: { type: 'float' },
      list_price: { type: 'float' },
      uom_id: m2o('uom.uom'),
      qty_available: { type: 'float', contextDependent: true },
      virtual_available: { type: 'float', contextDependent: true },
      incoming_qty: { type: 'float', contextDependent: true },
      outgoing_qty: { type: 'float', contextDependent: true },
      active: { type: 'boolean' },
    },
  },
  'product.category': {
    fields: { name: { type: 'char' }, complete_name: { type: 'char' }, parent_id: m2o('product.category') },
  },
  'product.supplierinfo': {
    fields: {
      partner_id: m2o('res.partner'),
      product_tmpl_id: m2o('product.template'),
      product_id: m2o('product.product'),
      sequence: { type: 'integer' },
      min_qty: { type: 'float' },
      price: { type: 'float' },
      delay: { type: 'integer' },
    },
  },
  'stock.warehouse': {
    fields: {
      name: { type: 'char' },
      code: { type: 'char' },
      lot_stock_id: m2o('stock.location'),
      company_id: m2o('res.company'),
    },
  },
  'stock.quant': {
    fields: {
      product_id: m2o('product.product'),
      location_id: m2o('stock.location'),
      warehouse_id: m2o('stock.warehouse'),
      quantity: { type: 'float' },
      reserved_quantity: { type: 'float' },
      write_date: { type: 'datetime' },
    },
  },
  'stock.move': {
    timeField: 'date',
    fields: {
      reference: { type: 'char' },
      product_id: m2o('product.product'),
      product_uom_qty: { type: 'float' },
      quantity: { type: 'float' },
      state: sel('draft', 'waiting', 'confirmed', 'partially_available', 'assigned', 'done', 'cancel'),
      date: { type: 'datetime' },
      date_deadline: { type: 'datetime' },
      location_id: m2o('stock.location'),
      location_dest_id: m2o('stock.location'),
      warehouse_id: m2o('stock.warehouse'),
      picking_id: m2o('stock.picking'),
      picking_code: sel('incoming', 'outgoing', 'internal'),
      sale_line_id: m2o('sale.order.line'),
      purchase_line_id: m2o('purchase.order.line'),
      origin: { type: 'char' },
      create_date: { type: 'datetime' },
    },
  },
  'stock.picking': {
    timeField: 'scheduled_date',
    fields: {
      name: { type: 'char' },
      picking_type_code: sel('incoming', 'outgoing', 'internal'),
      state: sel('draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel'),
      priority: sel('0', '1'),
      scheduled_date: { type: 'datetime' },
      date_deadline: { type: 'datetime' },
      date_done: { type: 'datetime' },
      origin: { type: 'char' },
      partner_id: m2o('res.partner'),
      sale_id: m2o('sale.order'),
      location_id: m2o('stock.location'),
      location_dest_id: m2o('stock.location'),
      create_date: { type: 'datetime' },
    },
  },
  'stock.warehouse.orderpoint': {
    fields: {
      product_id: m2o('product.product'),
      warehouse_id: m2o('stock.warehouse'),
      location_id: m2o('stock.location'),
      product_min_qty: { type: 'float' },
      product_max_qty: { type: 'float' },
      qty_multiple: { type: 'float' },
      trigger: sel('auto', 'manual'),
    },
  },
  'purchase.order': {
    timeField: 'date_order',
    fields: {
      name: { type: 'char' },
      state: sel('draft', 'sent', 'to approve', 'purchase', 'done', 'cancel'),
      priority: sel('0', '1'),
      date_order: { type: 'datetime' },
      date_approve: { type: 'datetime' },
      date_planned: { type: 'datetime' },
      partner_id: m2o('res.partner'),
      user_id: m2o('res.users'),
      company_id: m2o('res.company'),
      currency_id: m2o('res.currency'),
      picking_type_id: m2o('stock.picking.type'),
      origin: { type: 'char' },
      amount_untaxed: { type: 'monetary' },
      amount_tax: { type: 'monetary' },
      amount_total: { type: 'monetary' },
      order_line: o2m('purchase.order.line'),
      write_date: { type: 'datetime' },
    },
  },
  'purchase.order.line': {
    fields: {
      order_id: m2o('purchase.order'),
      product_id: m2o('product.product'),
      product_qty: { type: 'float' },
      qty_received: { type: 'float' },
      price_unit: { type: 'float' },
      price_subtotal: { type: 'monetary' },
      date_planned: { type: 'datetime' },
      state: sel('draft', 'sent', 'to approve', 'purchase', 'done', 'cancel'),
    },
  },
  'mail.activity': {
    timeField: 'create_date',
    fields: {
      res_model: { type: 'char' },
      res_id: { type: 'integer' },
      res_name: { type: 'char' },
      activity_type_id: m2o('mail.activity.type'),
      summary: { type: 'char' },
      note: { type: 'html' },
      date_deadline: { type: 'date' },
      user_id: m2o('res.users'),
      create_date: { type: 'datetime' },
      create_uid: m2o('res.users'),
    },
  },
  'mail.message': {
    timeField: 'date',
    fields: {
      model: { type: 'char' },
      res_id: { type: 'integer' },
      date: { type: 'datetime' },
      author_id: m2o('res.partner'),
      body: { type: 'html' },
      message_type: sel('email', 'comment', 'email_outgoing', 'notification', 'auto_comment', 'user_notification'),
      subtype_id: m2o('mail.message.subtype'),
      mail_activity_type_id: m2o('mail.activity.type'),
      subject: { type: 'char' },
    },
  },

  // Reference models that the relational fields above point at. They are small, exported whole,
  // and let a snapshot resolve every many2one (country codes, warehouse of a location, …).
  'res.company': {
    fields: { name: { type: 'char' }, partner_id: m2o('res.partner'), currency_id: m2o('res.currency'), country_id: m2o('res.country') },
  },
  'res.currency': {
    fields: { name: { type: 'char' }, symbol: { type: 'char' }, active: { type: 'boolean' } },
  },
  'res.country': {
    fields: { name: { type: 'char' }, code: { type: 'char' } },
  },
  'res.country.state': {
    fields: { name: { type: 'char' }, code: { type: 'char' }, country_id: m2o('res.country') },
  },
  'crm.team': {
    fields: { name: { type: 'char' }, user_id: m2o('res.users'), active: { type: 'boolean' } },
  },
  'product.pricelist': {
    fields: { name: { type: 'char' }, currency_id: m2o('res.currency'), active: { type: 'boolean' } },
  },
  'account.payment.term': {
    fields: { name: { type: 'char' }, active: { type: 'boolean' } },
  },
  'product.template': {
    fields: {
      default_code: { type: 'char' },
      name: { type: 'char' },
      categ_id: m2o('product.category'),
      detailed_type: sel('consu', 'service', 'product'),
      standard_price: { type: 'float' },
      list_price: { type: 'float' },
      uom_id: m2o('uom.uom'),
      active: { type: 'boolean' },
    },
  },
  'uom.uom': {
    fields: { name: { type: 'char' } },
  },
  'stock.location': {
    fields: {
      name: { type: 'char' },
      complete_name: { type: 'char' },
      usage: sel('supplier', 'view', 'internal', 'customer', 'inventory', 'production', 'transit'),
      location_id: m2o('stock.location'),
      warehouse_id: m2o('stock.warehouse'),
      active: { type: 'boolean' },
    },
  },
  'stock.picking.type': {
    fields: {
      name: { type: 'char' },
      code: sel('incoming', 'outgoing', 'internal'),
      sequence_code: { type: 'char' },
      warehouse_id: m2o('stock.warehouse'),
    },
  },
  'mail.activity.type': {
    fields: { name: { type: 'char' }, category: sel('default', 'upload_file', 'phonecall', 'meeting') },
  },
  'mail.message.subtype': {
    fields: { name: { type: 'char' }, internal: { type: 'boolean' } },
  },
};

export const SNAPSHOT_FORMAT = 'distrule-snapshot/v1';

/** `manifest.json` of a snapshot folder; each model's records are in `<model>.jsonl`, one per line, by id. */
export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  odoo: { version: string; serverVersion?: string; transport?: string; url?: string; database?: string };
  range: { since: string; until: string };
  exportedAt: string;
  /** Set while an export is under way; removed when it completes. */
  incomplete?: boolean;
  models: Record<
    string,
    {
      file: string;
      count: number;
      fields: string[];
      /** Highest id written so far (while incomplete): a resumed export continues after it. */
      lastId?: number;
      /** Byte length of the file at the last checkpoint (while incomplete): resume re-checks only what follows. */
      bytes?: number;
    }
  >;
}
