/**
 * Writes the reference models at the end of the run, when the figures that depend on the
 * history are known: partners' credit and ranks, product stock quantities, quants.
 */
import type { HistoryContext } from './context.js';
import {
  ACTIVITY_TYPES,
  COMPANY,
  COUNTRIES,
  EUR,
  LOCATIONS,
  MESSAGE_SUBTYPES,
  PAYMENT_TERMS,
  PRICELISTS,
  REGIONS,
  TAGS,
  TEAMS,
  UOM,
  USD,
  USERS,
  WAREHOUSES,
  country,
  user,
} from './reference.js';
import { m2o, money, qty, record } from './records.js';
import { odooDatetime, DAY, MINUTE } from './time.js';
import type { Orderpoint, StockPosition } from './stock.js';

export function writeReferenceData(ctx: HistoryContext, orderpoints: ReadonlyArray<{ op: Orderpoint; position: StockPosition }>): void {
  const { sink } = ctx;
  const companyRef = m2o(COMPANY.id, COMPANY.name);
  const eurRef = m2o(EUR.id, EUR.name);
  const nl = country('NL');
  const publicPricelist = m2o(PRICELISTS.Public.id, `${PRICELISTS.Public.name} (EUR)`);
  const stamp = odooDatetime(ctx.end - 61 * MINUTE);
  const countryRef = (code: string) => m2o(country(code).id, country(code).name);

  sink.append('res.company', record(COMPANY.id, { name: COMPANY.name, partner_id: m2o(COMPANY.partnerId, COMPANY.name), currency_id: eurRef, country_id: m2o(nl.id, nl.name) }));
  sink.append('res.currency', record(EUR.id, { name: EUR.name, symbol: EUR.symbol, active: true }));
  sink.append('res.currency', record(USD.id, { name: USD.name, symbol: USD.symbol, active: false }));
  for (const c of COUNTRIES) sink.append('res.country', record(c.id, { name: c.name, code: c.code }));
  for (const r of REGIONS) sink.append('res.country.state', record(r.id, { name: r.name, code: r.code, country_id: countryRef(r.country) }));
  for (const [name, id] of Object.entries(TAGS)) sink.append('res.partner.category', record(id, { name, parent_id: false }));
  for (const t of TEAMS) sink.append('crm.team', record(t.id, { name: t.name, user_id: m2o(user(t.leader).id, user(t.leader).name), active: true }));
  const pricelists = [...new Map(Object.values(PRICELISTS).map((p) => [p.id, p])).values()].sort((a, b) => a.id - b.id);
  for (const p of pricelists) sink.append('product.pricelist', record(p.id, { name: p.name, currency_id: eurRef, active: true }));
  for (const t of PAYMENT_TERMS) sink.append('account.payment.term', record(t.id, { name: t.name, active: true }));
  for (const u of Object.values(UOM).sort((a, b) => a.id - b.id)) sink.append('uom.uom', record(u.id, { name: u.name }));
  for (const a of ACTIVITY_TYPES) sink.append('mail.activity.type', record(a.id, { name: a.name, category: a.category }));
  for (const s of MESSAGE_SUBTYPES) sink.append('mail.message.subtype', record(s.id, { name: s.name, internal: s.internal }));

  writePartners(ctx, { companyRef, publicPricelist, stamp, countryRef });
  for (const u of USERS) {
    sink.append('res.users', record(u.id, { login: u.login, name: u.name, partner_id: m2o(u.partnerId, u.name), active: u.active, share: false }));
  }
  writeStockSetup(ctx, companyRef);
  writeProducts(ctx, stamp);
  for (const { op, position } of orderpoints) {
    const wh = WAREHOUSES[position.warehouseIndex]!;
    const product = ctx.catalog.products[position.productId - 1]!;
    sink.append(
      'stock.warehouse.orderpoint',
      record(op.id, {
        product_id: m2o(product.id, product.displayName),
        warehouse_id: m2o(wh.id, wh.name),
        location_id: m2o(wh.stockLocationId, `${wh.code}/Stock`),
        product_min_qty: qty(op.min),
        product_max_qty: qty(op.max),
        qty_multiple: qty(op.multiple),
        trigger: op.trigger,
      }),
    );
  }
}

function writePartners(
  ctx: HistoryContext,
  refs: { companyRef: ReturnType<typeof m2o>; publicPricelist: ReturnType<typeof m2o>; stamp: string; countryRef: (code: string) => ReturnType<typeof m2o> },
): void {
  const { sink } = ctx;
  const base = {
    customer_rank: 0,
    supplier_rank: 0,
    credit_limit: false,
    credit: 0,
  };
  sink.append(
    'res.partner',
    record(COMPANY.partnerId, {
      name: COMPANY.name,
      ref: false,
      is_company: true,
      parent_id: false,
      commercial_partner_id: m2o(COMPANY.partnerId, COMPANY.name),
      category_id: [],
      country_id: refs.countryRef('NL'),
      state_id: m2o(REGIONS.find((r) => r.country === 'NL' && r.code === 'ZH')!.id, 'Zuid-Holland (NL)'),
      property_product_pricelist: refs.publicPricelist,
      ...base,
      active: true,
      write_date: refs.stamp,
    }),
  );
  for (const u of USERS) {
    sink.append(
      'res.partner',
      record(u.partnerId, {
        name: u.name,
        ref: false,
        is_company: false,
        parent_id: false,
        commercial_partner_id: m2o(u.partnerId, u.name),
        category_id: [],
        country_id: refs.countryRef('NL'),
        state_id: false,
        property_product_pricelist: refs.publicPricelist,
        ...base,
        active: u.active,
        write_date: refs.stamp,
      }),
    );
  }
  for (const v of ctx.catalog.vendors) {
    sink.append(
      'res.partner',
      record(v.partnerId, {
        name: v.def.name,
        ref: v.ref,
        is_company: true,
        parent_id: false,
        commercial_partner_id: m2o(v.partnerId, v.def.name),
        category_id: v.def.tags.map((t) => TAGS[t]).sort((a, b) => a - b),
        country_id: refs.countryRef(v.def.country),
        state_id: false,
        property_product_pricelist: refs.publicPricelist,
        ...base,
        supplier_rank: Math.max(1, ctx.supplierRank.get(v.partnerId) ?? 0),
        active: true,
        write_date: refs.stamp,
      }),
    );
  }
  for (const c of ctx.customers) {
    const self = m2o(c.partnerId, c.name);
    const regionRef = c.regionId === false ? false : m2o(c.regionId, regionName(c.regionId));
    const active = c.endDay > ctx.lastDay;
    const pricelist = m2o(c.pricelistId, `${c.pricelistName} (EUR)`);
    const written = odooDatetime(ctx.end - ((c.index * 7919) % (ctx.days * 24 * 60)) * MINUTE - DAY);
    sink.append(
      'res.partner',
      record(c.partnerId, {
        name: c.name,
        ref: c.ref,
        is_company: true,
        parent_id: false,
        commercial_partner_id: self,
        category_id: c.tags.map((t) => TAGS[t]).sort((a, b) => a - b),
        country_id: refs.countryRef(c.countryCode),
        state_id: regionRef,
        property_product_pricelist: pricelist,
        customer_rank: ctx.customerRank.get(c.partnerId) ?? 0,
        supplier_rank: 0,
        credit_limit: c.creditLimit,
        credit: money((ctx.credit.get(c.index) ?? 0) + c.openingOverdue),
        active,
        write_date: written,
      }),
    );
    for (const contact of c.contacts) {
      sink.append(
        'res.partner',
        record(contact.partnerId, {
          name: contact.name,
          ref: false,
          is_company: false,
          parent_id: self,
          commercial_partner_id: self,
          category_id: [],
          country_id: refs.countryRef(c.countryCode),
          state_id: regionRef,
          property_product_pricelist: pricelist,
          customer_rank: ctx.customerRank.get(contact.partnerId) ?? 0,
          supplier_rank: 0,
          credit_limit: false,
          credit: 0,
          active,
          write_date: written,
        }),
      );
    }
  }
}

function regionName(id: number): string {
  const r = REGIONS.find((x) => x.id === id)!;
  return `${r.name} (${r.country})`;
}

function writeStockSetup(ctx: HistoryContext, companyRef: ReturnType<typeof m2o>): void {
  const { sink } = ctx;
  for (const wh of WAREHOUSES) {
    sink.append('stock.warehouse', record(wh.id, { name: wh.name, code: wh.code, lot_stock_id: m2o(wh.stockLocationId, `${wh.code}/Stock`), company_id: companyRef }));
  }
  const loc = (id: number, name: string, complete: string, usage: string, parent: ReturnType<typeof m2o>, warehouse: ReturnType<typeof m2o>) =>
    sink.append('stock.location', record(id, { name, complete_name: complete, usage, location_id: parent, warehouse_id: warehouse, active: true }));
  const L = LOCATIONS;
  loc(L.physical.id, L.physical.name, L.physical.complete, 'view', false, false);
  loc(L.partners.id, L.partners.name, L.partners.complete, 'view', false, false);
  loc(L.virtual.id, L.virtual.name, L.virtual.complete, 'view', false, false);
  loc(L.vendors.id, L.vendors.name, L.vendors.complete, 'supplier', m2o(L.partners.id, L.partners.complete), false);
  loc(L.customers.id, L.customers.name, L.customers.complete, 'customer', m2o(L.partners.id, L.partners.complete), false);
  loc(L.adjustment.id, L.adjustment.name, L.adjustment.complete, 'inventory', m2o(L.virtual.id, L.virtual.complete), false);
  for (const wh of WAREHOUSES) {
    const whRef = m2o(wh.id, wh.name);
    loc(wh.viewLocationId, wh.code, wh.code, 'view', m2o(L.physical.id, L.physical.complete), whRef);
    loc(wh.stockLocationId, 'Stock', `${wh.code}/Stock`, 'internal', m2o(wh.viewLocationId, wh.code), whRef);
  }
  for (const wh of WAREHOUSES) {
    const whRef = m2o(wh.id, wh.name);
    sink.append('stock.picking.type', record(wh.receiptTypeId, { name: 'Receipts', code: 'incoming', sequence_code: 'IN', warehouse_id: whRef }));
    sink.append('stock.picking.type', record(wh.deliveryTypeId, { name: 'Delivery Orders', code: 'outgoing', sequence_code: 'OUT', warehouse_id: whRef }));
  }
}

function writeProducts(ctx: HistoryContext, stamp: string): void {
  const { sink, catalog } = ctx;
  const onHand = new Map<number, number>();
  let quantId = 1;
  for (const product of catalog.goods) {
    for (const wh of WAREHOUSES) {
      const position = ctx.positions.get(`${product.id}@${wh.index}`);
      if (!position) continue;
      const quantity = position.free + position.reservedAtEnd;
      if (quantity <= 0) continue;
      onHand.set(product.id, (onHand.get(product.id) ?? 0) + quantity);
      sink.append(
        'stock.quant',
        record(quantId++, {
          product_id: m2o(product.id, product.displayName),
          location_id: m2o(wh.stockLocationId, `${wh.code}/Stock`),
          warehouse_id: m2o(wh.id, wh.name),
          quantity: qty(quantity),
          reserved_quantity: qty(position.reservedAtEnd),
          write_date: stamp,
        }),
      );
    }
  }
  for (const c of catalog.categories) {
    sink.append('product.category', record(c.id, { name: c.name, complete_name: c.completeName, parent_id: c.parentId === false ? false : m2o(c.parentId, catalog.categories[c.parentId - 1]!.completeName) }));
  }
  const uomName = (id: number) => Object.values(UOM).find((u) => u.id === id)!.name;
  for (const p of catalog.products) {
    const totals = ctx.productTotals.get(p.id) ?? { incoming: 0, outgoing: 0 };
    const available = qty(onHand.get(p.id) ?? 0);
    const fields = {
      default_code: p.code,
      name: p.name,
      categ_id: m2o(p.category.id, p.category.completeName),
      detailed_type: p.service ? 'service' : 'product',
      standard_price: p.cost,
      list_price: p.listPrice,
      uom_id: m2o(p.uomId, uomName(p.uomId)),
    };
    sink.append(
      'product.template',
      record(p.tmplId, { default_code: fields.default_code, name: fields.name, categ_id: fields.categ_id, detailed_type: fields.detailed_type, standard_price: fields.standard_price, list_price: fields.list_price, uom_id: fields.uom_id, active: true }),
    );
    sink.append(
      'product.product',
      record(p.id, {
        default_code: fields.default_code,
        name: fields.name,
        categ_id: fields.categ_id,
        product_tmpl_id: m2o(p.tmplId, p.displayName),
        detailed_type: fields.detailed_type,
        standard_price: fields.standard_price,
        list_price: fields.list_price,
        uom_id: fields.uom_id,
        qty_available: p.service ? 0 : available,
        virtual_available: p.service ? 0 : qty(available + totals.incoming - totals.outgoing),
        incoming_qty: qty(totals.incoming),
        outgoing_qty: qty(totals.outgoing),
        active: true,
      }),
    );
  }
  const productOf = new Map(catalog.products.flatMap((p) => p.suppliers.map((s) => [s.id, p] as const)));
  for (const info of catalog.supplierInfos) {
    const product = productOf.get(info.id)!;
    sink.append(
      'product.supplierinfo',
      record(info.id, {
        partner_id: m2o(info.vendor.partnerId, info.vendor.def.name),
        product_tmpl_id: m2o(product.tmplId, product.displayName),
        product_id: false,
        sequence: info.sequence,
        min_qty: qty(info.minQty),
        price: info.price,
        delay: info.delay,
      }),
    );
  }
}
