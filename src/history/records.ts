/**
 * Raw Odoo records exactly as `search_read` returns them: `id` first, then the fields of
 * MODELS in declaration order; many2one as `[id, "Display name"]`, `false` when empty;
 * x2many as id lists; datetimes as UTC 'YYYY-MM-DD HH:MM:SS'. The tests check every written
 * record against MODELS, so a shape drift fails loudly.
 */
import type { OdooRecord } from '../facts/source.js';

export type Many2one = readonly [number, string] | false;

export function m2o(id: number | false | undefined, name: string): Many2one {
  return id === false || id === undefined ? false : [id, name];
}

/** Rounds money to cents. */
export function money(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Rounds a quantity to the unit-of-measure precision (0.001). */
export function qty(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The common shape of all record builders: `id` plus fields in MODELS order. */
export function record(id: number, fields: Record<string, unknown>): OdooRecord {
  return { id, ...fields } as OdooRecord;
}

export interface SaleOrderFields {
  name: string;
  state: 'draft' | 'sent' | 'sale' | 'cancel';
  date_order: string;
  commitment_date: string | false;
  partner_id: Many2one;
  user_id: Many2one;
  team_id: Many2one;
  warehouse_id: Many2one;
  company_id: Many2one;
  currency_id: Many2one;
  pricelist_id: Many2one;
  payment_term_id: Many2one;
  picking_policy: 'direct' | 'one';
  amount_untaxed: number;
  amount_tax: number;
  amount_total: number;
  margin: number;
  order_line: number[];
  create_date: string;
  write_date: string;
}

export function saleOrder(id: number, f: SaleOrderFields): OdooRecord {
  return record(id, {
    name: f.name,
    state: f.state,
    date_order: f.date_order,
    commitment_date: f.commitment_date,
    partner_id: f.partner_id,
    user_id: f.user_id,
    team_id: f.team_id,
    warehouse_id: f.warehouse_id,
    company_id: f.company_id,
    currency_id: f.currency_id,
    pricelist_id: f.pricelist_id,
    payment_term_id: f.payment_term_id,
    picking_policy: f.picking_policy,
    amount_untaxed: f.amount_untaxed,
    amount_tax: f.amount_tax,
    amount_total: f.amount_total,
    margin: f.margin,
    order_line: f.order_line,
    create_date: f.create_date,
    write_date: f.write_date,
  });
}

export interface SaleLineFields {
  order_id: Many2one;
  product_id: Many2one;
  name: string;
  display_type: 'line_section' | 'line_note' | false;
  product_uom_qty: number;
  qty_delivered: number;
  price_unit: number;
  discount: number;
  price_subtotal: number;
  purchase_price: number;
  margin: number;
  state: SaleOrderFields['state'];
  write_date: string;
}

export function saleLine(id: number, f: SaleLineFields): OdooRecord {
  return record(id, {
    order_id: f.order_id,
    product_id: f.product_id,
    name: f.name,
    display_type: f.display_type,
    product_uom_qty: f.product_uom_qty,
    qty_delivered: f.qty_delivered,
    price_unit: f.price_unit,
    discount: f.discount,
    price_subtotal: f.price_subtotal,
    purchase_price: f.purchase_price,
    margin: f.margin,
    state: f.state,
    write_date: f.write_date,
  });
}

export type PickingState = 'draft' | 'waiting' | 'confirmed' | 'assigned' | 'done' | 'cancel';
export type MoveState = 'draft' | 'waiting' | 'confirmed' | 'partially_available' | 'assigned' | 'done' | 'cancel';

export interface PickingFields {
  name: string;
  picking_type_code: 'incoming' | 'outgoing';
  state: PickingState;
  priority: '0' | '1';
  scheduled_date: string;
  date_deadline: string | false;
  date_done: string | false;
  origin: string | false;
  partner_id: Many2one;
  sale_id: Many2one;
  location_id: Many2one;
  location_dest_id: Many2one;
  create_date: string;
}

/**
 * The pickings a shipment plan becomes, one per day something moves, in day order: a backorder
 * only exists once the picking before it was validated, so everything due after the window's
 * last day stays in one open picking with the first of those days.
 */
export function pickingPlan<T>(byDay: ReadonlyMap<number, readonly T[]>, lastDay: number): Array<[number, T[]]> {
  const plan: Array<[number, T[]]> = [];
  for (const [day, items] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    const previous = plan[plan.length - 1];
    if (previous && previous[0] > lastDay) previous[1].push(...items);
    else plan.push([day, [...items]]);
  }
  return plan;
}

export function picking(id: number, f: PickingFields): OdooRecord {
  return record(id, {
    name: f.name,
    picking_type_code: f.picking_type_code,
    state: f.state,
    priority: f.priority,
    scheduled_date: f.scheduled_date,
    date_deadline: f.date_deadline,
    date_done: f.date_done,
    origin: f.origin,
    partner_id: f.partner_id,
    sale_id: f.sale_id,
    location_id: f.location_id,
    location_dest_id: f.location_dest_id,
    create_date: f.create_date,
  });
}

export interface MoveFields {
  reference: string;
  product_id: Many2one;
  product_uom_qty: number;
  quantity: number;
  state: MoveState;
  date: string;
  date_deadline: string | false;
  location_id: Many2one;
  location_dest_id: Many2one;
  warehouse_id: Many2one;
  picking_id: Many2one;
  picking_code: 'incoming' | 'outgoing';
  sale_line_id: Many2one;
  purchase_line_id: Many2one;
  origin: string | false;
  create_date: string;
}

export function move(id: number, f: MoveFields): OdooRecord {
  return record(id, {
    reference: f.reference,
    product_id: f.product_id,
    product_uom_qty: f.product_uom_qty,
    quantity: f.quantity,
    state: f.state,
    date: f.date,
    date_deadline: f.date_deadline,
    location_id: f.location_id,
    location_dest_id: f.location_dest_id,
    warehouse_id: f.warehouse_id,
    picking_id: f.picking_id,
    picking_code: f.picking_code,
    sale_line_id: f.sale_line_id,
    purchase_line_id: f.purchase_line_id,
    origin: f.origin,
    create_date: f.create_date,
  });
}

export type PurchaseState = 'draft' | 'sent' | 'to approve' | 'purchase' | 'done' | 'cancel';

export interface PurchaseOrderFields {
  name: string;
  state: PurchaseState;
  priority: '0' | '1';
  date_order: string;
  date_approve: string | false;
  date_planned: string | false;
  partner_id: Many2one;
  user_id: Many2one;
  company_id: Many2one;
  currency_id: Many2one;
  picking_type_id: Many2one;
  origin: string | false;
  amount_untaxed: number;
  amount_tax: number;
  amount_total: number;
  order_line: number[];
  write_date: string;
}

export function purchaseOrder(id: number, f: PurchaseOrderFields): OdooRecord {
  return record(id, {
    name: f.name,
    state: f.state,
    priority: f.priority,
    date_order: f.date_order,
    date_approve: f.date_approve,
    date_planned: f.date_planned,
    partner_id: f.partner_id,
    user_id: f.user_id,
    company_id: f.company_id,
    currency_id: f.currency_id,
    picking_type_id: f.picking_type_id,
    origin: f.origin,
    amount_untaxed: f.amount_untaxed,
    amount_tax: f.amount_tax,
    amount_total: f.amount_total,
    order_line: f.order_line,
    write_date: f.write_date,
  });
}

export interface PurchaseLineFields {
  order_id: Many2one;
  product_id: Many2one;
  product_qty: number;
  qty_received: number;
  price_unit: number;
  price_subtotal: number;
  date_planned: string;
  state: PurchaseState;
}

export function purchaseLine(id: number, f: PurchaseLineFields): OdooRecord {
  return record(id, {
    order_id: f.order_id,
    product_id: f.product_id,
    product_qty: f.product_qty,
    qty_received: f.qty_received,
    price_unit: f.price_unit,
    price_subtotal: f.price_subtotal,
    date_planned: f.date_planned,
    state: f.state,
  });
}

export interface ActivityFields {
  res_model: string;
  res_id: number;
  res_name: string;
  activity_type_id: Many2one;
  summary: string | false;
  note: string | false;
  date_deadline: string;
  user_id: Many2one;
  create_date: string;
  create_uid: Many2one;
}

export function activity(id: number, f: ActivityFields): OdooRecord {
  return record(id, {
    res_model: f.res_model,
    res_id: f.res_id,
    res_name: f.res_name,
    activity_type_id: f.activity_type_id,
    summary: f.summary,
    note: f.note,
    date_deadline: f.date_deadline,
    user_id: f.user_id,
    create_date: f.create_date,
    create_uid: f.create_uid,
  });
}

export interface MessageFields {
  model: string;
  res_id: number;
  date: string;
  author_id: Many2one;
  body: string;
  message_type: 'email' | 'comment' | 'notification' | 'user_notification';
  subtype_id: Many2one;
  mail_activity_type_id: Many2one;
  subject: string | false;
}

export function message(id: number, f: MessageFields): OdooRecord {
  return record(id, {
    model: f.model,
    res_id: f.res_id,
    date: f.date,
    author_id: f.author_id,
    body: f.body,
    message_type: f.message_type,
    subtype_id: f.subtype_id,
    mail_activity_type_id: f.mail_activity_type_id,
    subject: f.subject,
  });
}
