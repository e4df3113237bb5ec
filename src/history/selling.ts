/**
 * Selling: one sale order at a time, from the customer's request to the end of the window —
 * lines and prices, approvals, confirmation (or loss, or rejection), reservation of stock,
 * deliveries with their backorders, and the invoice that ends up in the customer's credit.
 * Everything about an order is decided when it is created, so it is written at once.
 */
import { priceRound, type Product } from './catalog.js';
import type { HistoryContext } from './context.js';
import type { Customer } from './customers.js';
import {
  ApprovalDesk,
  ROLE_SUMMARY,
  activityDoneBody,
  approvalDeadline,
  approvalRequests,
  type ApprovalRequest,
  type ApprovalResponse,
} from './approvals.js';
import type { MessageQueue } from './messages.js';
import type { PriceBook } from './pricing.js';
import type { Purchasing } from './purchasing.js';
import { Rng, WeightedTable } from './random.js';
import {
  ACTIVITIES_SUBTYPE,
  APPROVAL_ACTIVITY,
  COMPANY,
  EUR,
  TEAMS,
  WAREHOUSES,
  country,
  type Tier,
  type User,
} from './reference.js';
import { Deliveries } from './deliveries.js';
import { activity, m2o, message, money, qty, saleLine, saleOrder } from './records.js';
import { DAY, MINUTE, odooDate, odooDatetime } from './time.js';

export interface DraftLine {
  kind: 'product' | 'service' | 'line_section' | 'line_note';
  product?: Product;
  text: string;
  qty: number;
  price: number;
  discount: number;
  cost: number;
  subtotal: number;
  margin: number;
}

const TIER_VOLUME: Readonly<Record<Tier, number>> = { Platinum: 1.5, Gold: 1.25, Silver: 1, Bronze: 0.8 };
const COMMITMENT_SHARE: Readonly<Record<Tier | 'none', number>> = { Platinum: 0.6, Gold: 0.45, Silver: 0.3, Bronze: 0.2, none: 0.15 };

const SECTION_TITLES = ['Phase 1: hydraulic unit', 'Phase 2: installation material', 'Line 3 retrofit', 'Spare parts stock', 'Maintenance shutdown week 41', 'Project Noordkade'];
const NOTES = ['Deliver to gate 3; call 30 minutes before arrival.', 'Goods receipt Mon–Thu 07:00–15:00 only.', 'Please quote our PO number on the delivery note.', 'Tail-lift truck required.'];

export class Selling {
  private readonly customerTable: WeightedTable<Customer>;
  private readonly goodsTable: WeightedTable<Product>;
  private readonly familyTables = new Map<string, WeightedTable<Product>>();
  private readonly favourites: string[][];
  private readonly deliveries: Deliveries;

  constructor(
    private readonly ctx: HistoryContext,
    private readonly prices: PriceBook,
    purchasing: Purchasing,
    private readonly approvals: ApprovalDesk,
    private readonly messages: MessageQueue,
  ) {
    this.deliveries = new Deliveries(ctx, purchasing);
    const { customers, catalog } = ctx;
    this.customerTable = new WeightedTable(customers, customers.map((c) => c.weight));
    this.goodsTable = new WeightedTable(catalog.goods, catalog.goods.map((p) => p.popularity));
    const families = [...new Set(catalog.goods.map((p) => p.family))];
    for (const f of families) {
      const goods = catalog.goods.filter((p) => p.family === f);
      this.familyTables.set(f, new WeightedTable(goods, goods.map((p) => p.popularity)));
    }
    // Favourite families are drawn by their share of demand, so favourites shape each
    // customer's mix without skewing the overall demand per product.
    const r = ctx.rng.fork('favourites');
    const familyWeight = families.map((f) => catalog.goods.filter((p) => p.family === f).reduce((s, p) => s + p.popularity, 0));
    this.favourites = customers.map(() => {
      const first = r.weighted(families, familyWeight);
      let second = first;
      while (second === first) second = r.weighted(families, familyWeight);
      return [first, second];
    });
  }

  /** Mean untaxed value of an order for a tier, estimated by sampling (sizes credit limits). */
  estimateOrderValue(tier: Tier | undefined, samples = 400): number {
    const r = this.ctx.rng.fork(`estimate/${tier ?? 'none'}`);
    const customer = this.ctx.customers.find((c) => c.tier === tier) ?? this.ctx.customers[0]!;
    let total = 0;
    for (let i = 0; i < samples; i++) {
      const project = r.chance(0.015);
      const whale = !project && r.chance(0.004) ? r.int(8, 25) : 1;
      for (const l of this.draftLines(customer, Math.floor(this.ctx.days / 2), project, whale, r)) total += l.subtotal;
    }
    return total / samples;
  }

  createOrder(day: number, createdAt: number, r: Rng): void {
    const ctx = this.ctx;
    const customer = this.pickCustomer(day, r);
    const soId = ctx.ids.take('sale.order');
    const name = `S${String(soId).padStart(5, '0')}`;
    const salesperson = this.sellerOn(customer, day);
    const teamId = salesperson.team ?? customer.teamId;
    const team = TEAMS.find((t) => t.id === teamId)!;
    const warehouse = r.chance(0.07) ? r.pick(WAREHOUSES.filter((w) => w !== customer.warehouse)) : customer.warehouse;
    const project = r.chance(0.015);
    const whale = !project && r.chance(0.004) ? r.int(8, 25) : 1;
    const drafts = this.draftLines(customer, day, project, whale, r);
    // Projects and very large orders are planned: they come with a delivery date weeks out.
    const big = project || whale > 1;
    const vat = country(customer.countryCode).vat;

    // Commitment date, quote or direct order.
    const tierKey = customer.tier ?? 'none';
    let commitment = big
      ? this.ctx.at(this.ctx.workday(day + r.int(10, 30)), r.int(8 * 60, 16 * 60))
      : r.chance(COMMITMENT_SHARE[tierKey])
        ? this.ctx.at(this.ctx.workday(day + r.int(2, 12)), r.int(8 * 60, 16 * 60))
        : undefined;
    this.addServices(drafts, customer, commitment !== undefined && commitment - createdAt < 3 * DAY, r);
    const productLines = drafts.filter((l) => l.kind === 'product');
    const untaxed = money(drafts.reduce((s, l) => s + l.subtotal, 0));
    const tax = money(untaxed * vat);
    const total = money(untaxed + tax);
    const margin = money(drafts.reduce((s, l) => s + l.margin, 0));
    const maxDiscount = Math.max(0, ...productLines.map((l) => l.discount));
    const quote = r.chance(0.32);

    // Approvals.
    const requests = approvalRequests({
      name,
      amountUntaxed: untaxed,
      amountTotal: total,
      maxDiscount,
      marginPct: untaxed > 0 ? (margin / untaxed) * 100 : 0,
      customer,
      creditUsed: this.estimatedCredit(customer, r),
      salesperson,
      teamId,
    });
    const requestedAt = createdAt + r.int(2, 25) * MINUTE;
    const responses = requests.map((req) => this.approvals.respond(req, requestedAt, r));
    const activityIds = requests.map(() => ctx.ids.take('mail.activity'));

    // What became of it by the end of the window.
    const acceptAt = quote ? ctx.calendar.addBusinessHours(createdAt, r.lognormal(Math.log(16), 0.9)) : createdAt + r.int(3, 50) * MINUTE;
    const lost = quote && r.chance(0.22);
    const rejections = responses.filter((x) => x.rejected).map((x) => x.doneAt);
    const cancelAt = Math.min(lost ? acceptAt : Infinity, rejections.length > 0 ? Math.min(...rejections) : Infinity);
    const approvedAt = responses.length > 0 ? Math.max(...responses.map((x) => x.doneAt)) : 0;
    const confirmAt = Math.max(acceptAt, approvedAt) + r.int(1, 20) * MINUTE;
    let state: 'draft' | 'sent' | 'sale' | 'cancel';
    if (cancelAt < ctx.end && cancelAt <= confirmAt) state = 'cancel';
    else if (confirmAt < ctx.end) state = 'sale';
    else state = quote ? 'sent' : 'draft';
    const settledAt = state === 'cancel' ? cancelAt : state === 'sale' ? confirmAt : ctx.end;
    if (commitment !== undefined && state === 'sale' && commitment < confirmAt + DAY) {
      commitment = this.ctx.at(this.ctx.workday(ctx.dayOf(confirmAt) + 2), r.int(8 * 60, 16 * 60));
    }

    this.recordApprovals(name, soId, salesperson, requests, responses, activityIds, requestedAt, settledAt, state);

    // Ids of all lines (sections and notes included), in display order.
    const lineIds = drafts.map(() => ctx.ids.take('sale.order.line'));
    const partner = r.chance(customer.contactShare) ? r.pick(customer.contacts) : undefined;
    const partnerRef = partner ? m2o(partner.partnerId, `${customer.name}, ${partner.name}`) : m2o(customer.partnerId, customer.name);
    const orderRef = m2o(soId, name);
    const delivered = new Array<number>(drafts.length).fill(0);
    const lineWritten = new Array<number>(drafts.length).fill(state === 'sale' ? confirmAt : Math.min(settledAt, ctx.end - MINUTE));
    let lastEvent = Math.min(settledAt, ctx.end - MINUTE);

    if (state === 'sale') {
      const result = this.deliveries.deliver({
        soId,
        name,
        customer,
        partnerRef,
        warehouse,
        drafts,
        lineIds,
        day,
        confirmAt,
        commitment,
        vat,
        r,
      });
      result.delivered.forEach((q, i) => (delivered[i] = q));
      result.lineWritten.forEach((t, i) => (lineWritten[i] = Math.max(lineWritten[i]!, t)));
      lastEvent = Math.max(lastEvent, result.lastEvent);
      ctx.customerRank.set(customer.partnerId, (ctx.customerRank.get(customer.partnerId) ?? 0) + 1);
      if (partner) ctx.customerRank.set(partner.partnerId, (ctx.customerRank.get(partner.partnerId) ?? 0) + 1);
    }
    ctx.count(`sale.order:${state}`);
    if (requests.length > 0) ctx.count('sale.order:needed-approval');

    ctx.sink.append(
      'sale.order',
      saleOrder(soId, {
        name,
        state,
        date_order: odooDatetime(state === 'sale' ? confirmAt : createdAt),
        commitment_date: commitment !== undefined ? odooDatetime(commitment) : false,
        partner_id: partnerRef,
        user_id: m2o(salesperson.id, salesperson.name),
        team_id: m2o(team.id, team.name),
        warehouse_id: m2o(warehouse.id, warehouse.name),
        company_id: m2o(COMPANY.id, COMPANY.name),
        currency_id: m2o(EUR.id, EUR.name),
        pricelist_id: m2o(customer.pricelistId, `${customer.pricelistName} (EUR)`),
        payment_term_id: m2o(customer.paymentTerm.id, customer.paymentTerm.name),
        picking_policy: customer.shipComplete ? 'one' : 'direct',
        amount_untaxed: untaxed,
        amount_tax: tax,
        amount_total: total,
        margin,
        order_line: lineIds,
        create_date: odooDatetime(createdAt),
        write_date: odooDatetime(lastEvent),
      }),
    );
    drafts.forEach((l, i) => {
      const isProduct = l.kind === 'product' || l.kind === 'service';
      ctx.sink.append(
        'sale.order.line',
        saleLine(lineIds[i]!, {
          order_id: orderRef,
          product_id: l.product ? m2o(l.product.id, l.product.displayName) : false,
          name: l.text,
          display_type: isProduct ? false : (l.kind as 'line_section' | 'line_note'),
          product_uom_qty: qty(l.qty),
          qty_delivered: qty(delivered[i]!),
          price_unit: l.price,
          discount: l.discount,
          price_subtotal: l.subtotal,
          purchase_price: l.cost,
          margin: l.margin,
          state,
          write_date: odooDatetime(lineWritten[i]!),
        }),
      );
    });
  }

  // ------------------------------------------------------------------------------------------
  // Lines and prices.

  /** Product lines (and the odd section or note); `whale` multiplies every quantity of a very large order. */
  private draftLines(customer: Customer, day: number, project: boolean, whale: number, r: Rng): DraftLine[] {
    const count = project ? r.int(10, 32) : Math.min(30, 1 + Math.floor(r.lognormal(0.3, 0.85)));
    const volume = TIER_VOLUME[customer.tier ?? 'Bronze'];
    const projectDiscount = project ? r.int(4, 12) : 0;
    const favourites = this.favourites[customer.index]!;
    const chosen = new Set<Product>();
    const lines: DraftLine[] = [];
    for (let i = 0; i < count; i++) {
      let product: Product | undefined;
      for (let attempt = 0; attempt < 6 && (!product || chosen.has(product)); attempt++) {
        product = r.chance(0.55) ? this.familyTables.get(r.pick(favourites))!.draw(r) : this.goodsTable.draw(r);
      }
      if (!product || chosen.has(product)) continue;
      chosen.add(product);
      const packs = Math.max(1, Math.round(r.lognormal(product.packMu, product.packSigma) * volume)) * (project ? r.int(1, 4) : 1) * whale;
      const quantity = packs * product.step;
      const price = priceRound(this.prices.listPrice(product, day) * customer.priceFactor);
      const discount = Math.max(projectDiscount, this.lineDiscount(r));
      const cost = this.prices.cost(product, day);
      const subtotal = money(quantity * price * (1 - discount / 100));
      lines.push({ kind: 'product', product, text: product.displayName, qty: quantity, price, discount, cost, subtotal, margin: money(subtotal - cost * quantity) });
    }
    if (project && lines.length >= 8 && r.chance(0.6)) {
      const mid = Math.floor(lines.length / 2);
      lines.splice(mid, 0, section('line_section', r.pick(SECTION_TITLES)));
      lines.unshift(section('line_section', r.pick(SECTION_TITLES)));
    }
    if (r.chance(0.04)) lines.push(section('line_note', r.pick(NOTES)));
    return lines;
  }

  private lineDiscount(r: Rng): number {
    const u = r.next();
    if (u < 0.64) return 0;
    if (u < 0.88) return r.int(2, 10);
    if (u < 0.96) return r.int(11, 15);
    if (u < 0.99) return r.int(16, 30);
    return r.int(31, 50);
  }

  private addServices(lines: DraftLine[], customer: Customer, express: boolean, r: Rng): void {
    const service = (code: string, quantity: number): void => {
      const product = this.ctx.catalog.services.find((p) => p.code === code)!;
      const subtotal = money(quantity * product.listPrice);
      lines.push({ kind: 'service', product, text: product.displayName, qty: quantity, price: product.listPrice, discount: 0, cost: 0, subtotal, margin: subtotal });
    };
    const goodsValue = lines.reduce((s, l) => s + l.subtotal, 0);
    if (goodsValue < 250 && customer.tier !== 'Platinum' && customer.tier !== 'Gold' && r.chance(0.7)) service('SRV-SHIP', 1);
    if (express && r.chance(0.5)) service('SRV-EXPRESS', 1);
    const hoses = lines.filter((l) => l.product?.category.name === 'Hoses').length;
    if (hoses > 0 && r.chance(0.35)) service('SRV-HOSE', hoses * r.int(1, 4));
  }

  // ------------------------------------------------------------------------------------------
  // Approvals: open activities now; chatter notes when their time comes.

  private recordApprovals(
    name: string,
    soId: number,
    requester: User,
    requests: readonly ApprovalRequest[],
    responses: readonly ApprovalResponse[],
    activityIds: readonly number[],
    requestedAt: number,
    settledAt: number,
    state: string,
  ): void {
    const ctx = this.ctx;
    requests.forEach((req, i) => {
      const res = responses[i]!;
      if (res.doneAt < settledAt || (state === 'cancel' && res.doneAt === settledAt)) {
        if (res.doneAt >= ctx.end) return;
        const body = activityDoneBody(APPROVAL_ACTIVITY.name, ROLE_SUMMARY[req.role], req.assignee, res.doneBy, res.feedback);
        this.messages.push(res.doneAt, (id) =>
          message(id, {
            model: 'sale.order',
            res_id: soId,
            date: odooDatetime(res.doneAt),
            author_id: m2o(res.doneBy.partnerId, res.doneBy.name),
            body,
            message_type: 'notification',
            subtype_id: m2o(ACTIVITIES_SUBTYPE.id, ACTIVITIES_SUBTYPE.name),
            mail_activity_type_id: m2o(APPROVAL_ACTIVITY.id, APPROVAL_ACTIVITY.name),
            subject: false,
          }),
        );
        ctx.count(res.rejected ? 'approval:rejected' : 'approval:approved');
      } else if (state === 'draft' || state === 'sent') {
        // Still waiting when the window closed: the activity is open.
        ctx.sink.append(
          'mail.activity',
          activity(activityIds[i]!, {
            res_model: 'sale.order',
            res_id: soId,
            res_name: name,
            activity_type_id: m2o(APPROVAL_ACTIVITY.id, APPROVAL_ACTIVITY.name),
            summary: ROLE_SUMMARY[req.role],
            note: req.note,
            date_deadline: odooDate(approvalDeadline(ctx.calendar, requestedAt)),
            user_id: m2o(req.assignee.id, req.assignee.name),
            create_date: odooDatetime(requestedAt),
            create_uid: m2o(requester.id, requester.name),
          }),
        );
        ctx.count('approval:open');
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // Helpers.

  private pickCustomer(day: number, r: Rng): Customer {
    for (let attempt = 0; attempt < 50; attempt++) {
      const c = this.customerTable.draw(r);
      if (day >= c.startDay && day < c.endDay) return c;
    }
    return this.ctx.customers.find((c) => day >= c.startDay && day < c.endDay)!;
  }

  private sellerOn(customer: Customer, day: number): User {
    const s = customer.salesperson;
    return s.leavesAfterDays !== undefined && day >= s.leavesAfterDays ? customer.successor : s;
  }

  /** The credit the customer was using when the order came in: typical open receivables, give or take. */
  private estimatedCredit(customer: Customer, r: Rng): number {
    const monthly = this.monthlyValue.get(customer.index) ?? 0;
    return customer.openingOverdue + (monthly * (customer.paymentTerm.days + customer.payDelay)) / 30 * r.float(0.5, 1.3);
  }

  /** Expected monthly invoiced value per customer index (set once volumes are known). */
  monthlyValue = new Map<number, number>();
}

function section(kind: 'line_section' | 'line_note', text: string): DraftLine {
  return { kind, text, qty: 0, price: 0, discount: 0, cost: 0, subtotal: 0, margin: 0 };
}
