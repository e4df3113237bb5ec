/**
 * The fact builder against the Odoo test server (seeded from the mini snapshot), on Odoo 17
 * over JSON-RPC and Odoo 19 over JSON-2: the facts of a batch of orders, Odoo's `false` as null,
 * the number of RPC calls per batch (one search_read per model, plus one product read per
 * warehouse, whatever the batch size), and missing accounting rights.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FactAccessError, FactBuilder, type SaleOrderFacts } from '../src/facts/build.js';
import type { OdooRecord } from '../src/facts/source.js';
import { createOdooClient, type OdooClient, type OdooTransportName } from '../src/odoo/index.js';
import { MODELS } from '../src/snapshot/models.js';
import { ROOT } from './helpers/cli.js';
import { startOdooServer, type OdooServerHandle, type OdooVersion, type RecordedCall } from './odoo-server/index.js';

const MINI = join(ROOT, 'test', 'fixtures', 'mini-snapshot');
const KEYS = { admin: '8c6f0d1e5b2a4c7d9e0f1a2b3c4d5e6f7a8b9c0d', demo: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b' };
const ORDER_FIELDS = Object.keys(MODELS['sale.order']!.fields);

const handles: OdooServerHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

async function setup(version: OdooVersion, transport: OdooTransportName, as: 'admin' | 'demo' = 'admin'): Promise<{ handle: OdooServerHandle; client: OdooClient; orders: OdooRecord[] }> {
  const handle = await startOdooServer({ version, snapshotDir: MINI });
  handles.push(handle);
  const client = createOdooClient({ url: handle.url, database: handle.database, login: as, secret: KEYS[as], transport, retries: 0 });
  const orders = await client.searchRead('sale.order', [], ORDER_FIELDS, { order: 'id' });
  return { handle, client, orders };
}

function kwargsOf(call: RecordedCall): Record<string, unknown> {
  if (call.transport === 'json2') return call.args as unknown as Record<string, unknown>;
  return ((call.args as unknown as unknown[])[3] ?? {}) as Record<string, unknown>;
}

/** ORM calls per `model.method`, as the server saw them. */
function callsPerModel(calls: readonly RecordedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) if (c.model) out[`${c.model}.${c.method}`] = (out[`${c.model}.${c.method}`] ?? 0) + 1;
  return out;
}

const CASES: Array<{ version: OdooVersion; transport: OdooTransportName }> = [
  { version: '17.0', transport: 'jsonrpc' },
  { version: '19.0', transport: 'json2' },
];

describe.each(CASES)('FactBuilder on Odoo $version over $transport', ({ version, transport }) => {
  it('builds the facts of a batch of orders', async () => {
    const { client, orders } = await setup(version, transport);
    const facts = await new FactBuilder(client).saleOrders(orders);
    expect(facts.map((f) => f.order.name)).toEqual(['S00001', 'S00002', 'S00003', 'S00004', 'S00005', 'S00006']);
    const by = (name: string): SaleOrderFacts => facts.find((f) => f.order.name === name)!;

    // S00001: a contact of Azure Interior; the customer is the commercial partner.
    expect(by('S00001').order).toMatchObject({
      state: 'sale',
      date_order: '2024-05-02T09:15:00Z',
      warehouse: 'AMS',
      salesperson: 'demo',
      team: 'Sales',
      amount_total: 450.36,
      margin: 200.2,
      margin_pct: 53.79,
      max_discount: 10,
      line_count: 2,
      categories: ['All / Fasteners / Bolts & Nuts', 'All / Tools'],
      products: ['BOLT-M8', 'DRILL-18V'],
      ship_complete: false,
      has_shortage: false,
      shortage_lines: 0,
    });
    expect(by('S00001').customer).toEqual({
      id: 10,
      name: 'Azure Interior',
      ref: 'AZ001',
      tier: 'gold', // from the tag "Tier: Gold"
      tags: ['Tier: Gold', 'Key Account'],
      country: 'BE',
      region: null, // no state
      credit_limit: 50000,
      credit_used: 12500,
      credit_available: 37500,
      credit_after_order: 37049.64,
    });
    expect(by('S00001').lines.map((l) => [l.product, l.available, l.shortage])).toEqual([
      ['BOLT-M8', 5000, 0],
      ['DRILL-18V', 12, 0],
    ]);

    // S00002 ships from Rotterdam: 3 drills there (12 in Amsterdam), 5 ordered.
    expect(by('S00002').order).toMatchObject({ warehouse: 'RTM', has_shortage: true, shortage_lines: 1, ship_complete: true, commitment_date: '2024-05-10T08:00:00Z' });
    expect(by('S00002').lines[0]).toMatchObject({ product: 'DRILL-18V', quantity: 5, available: 3, shortage: 2 });
    // No credit limit (0 in Odoo) is missing, not zero: credit rules fail closed.
    expect(by('S00002').customer).toMatchObject({ tier: 'silver', credit_limit: null, credit_used: 3000, credit_available: null, credit_after_order: null });

    // S00003: the section line is no product line; the order exceeds the remaining credit.
    expect(by('S00003').order).toMatchObject({ line_count: 2, max_discount: 5, categories: ['All / Fasteners / Bolts & Nuts', 'All / Safety'], margin_pct: 60.48 });
    expect(by('S00003').customer).toMatchObject({ tier: 'bronze', credit_available: 200, credit_after_order: -810.35 });

    // S00006: archived customer without tags, no salesperson or team; a service line is never short.
    expect(by('S00006').customer).toMatchObject({ name: 'Lumen Lighting', tier: null, tags: [] });
    expect(by('S00006').lines.map((l) => [l.product, l.available, l.shortage])).toEqual([
      ['NUT-M8', 8000, 0],
      ['SRV-INSTALL', null, null],
    ]);
    expect(by('S00006').order.has_shortage).toBe(false);
  });

  it("turns Odoo's false into null for every non-boolean fact, and keeps false for booleans", async () => {
    const { client, orders } = await setup(version, transport);
    const [s1] = await new FactBuilder(client).saleOrders(orders.filter((o) => o.id === 1));
    const s6 = (await new FactBuilder(client).saleOrders(orders.filter((o) => o.id === 6)))[0]!;
    expect(orders.find((o) => o.id === 1)!['commitment_date']).toBe(false);
    expect(s1!.order.commitment_date).toBeNull();
    expect(orders.find((o) => o.id === 6)!['user_id']).toBe(false);
    expect(s6.order).toMatchObject({ salesperson: null, team: null, payment_term: null });
    expect(s1!.customer.region).toBeNull();
    // Booleans stay booleans.
    expect(s1!.order.ship_complete).toBe(false);
    expect(s1!.order.has_shortage).toBe(false);
    // No fact anywhere is `false` unless it is a boolean fact.
    const booleans = new Set(['ship_complete', 'has_shortage']);
    for (const f of [s1!, s6]) {
      for (const [root, value] of Object.entries({ order: f.order, customer: f.customer })) {
        for (const [key, v] of Object.entries(value)) if (v === false) expect(booleans.has(key), `${root}.${key}`).toBe(true);
      }
      for (const line of f.lines) for (const [key, v] of Object.entries(line)) expect(v, `line.${key}`).not.toBe(false);
    }
  });

  it('reads stock per warehouse with the warehouse context (Odoo 17 `warehouse`, Odoo 18+ `warehouse_id`)', async () => {
    const { handle, client, orders } = await setup(version, transport);
    handle.calls.length = 0;
    await new FactBuilder(client).saleOrders(orders.filter((o) => o.id === 2));
    const stockReads = handle.calls.filter((c) => c.model === 'product.product' && Array.isArray(kwargsOf(c).fields) && (kwargsOf(c).fields as string[]).includes('qty_available'));
    expect(stockReads).toHaveLength(1);
    expect(kwargsOf(stockReads[0]!).context).toEqual({ warehouse: 2, warehouse_id: 2 });
  });

  it('makes the same calls per model for 2, 4 and all orders: one search_read each, plus one product read per warehouse', async () => {
    const { handle, client, orders } = await setup(version, transport);
    const counts: Record<string, number>[] = [];
    for (const size of [2, 4, orders.length]) {
      handle.calls.length = 0;
      const facts = await new FactBuilder(client).saleOrders(orders.slice(0, size));
      expect(facts).toHaveLength(size);
      counts.push(callsPerModel(handle.calls));
    }
    // Every batch has orders in both warehouses (AMS and RTM): 1 product read + 2 stock reads.
    const expected = {
      'sale.order.line.search_read': 1,
      'res.partner.search_read': 1,
      'res.partner.category.search_read': 1,
      'res.users.search_read': 1,
      'res.country.search_read': 1,
      'stock.warehouse.search_read': 1,
      'product.product.search_read': 1 + 2,
      'product.category.search_read': 1,
    };
    expect(counts).toEqual([expected, expected, expected]);
  });

  it('reuses cached reference data across batches', async () => {
    const { handle, client, orders } = await setup(version, transport);
    const builder = new FactBuilder(client);
    await builder.saleOrders(orders.slice(0, 3));
    handle.calls.length = 0;
    await builder.saleOrders(orders.slice(0, 3));
    const second = callsPerModel(handle.calls);
    // Tags, users, countries, warehouses, products and categories come from the cache; lines, partners (credit changes) and stock do not.
    expect(second).toEqual({ 'sale.order.line.search_read': 1, 'res.partner.search_read': 1, 'product.product.search_read': 2 });
  });

  it('without accounting rights: FactAccessError naming res.partner.credit_limit / credit and the right', async () => {
    const { client, orders } = await setup(version, transport, 'demo');
    const error = await new FactBuilder(client).saleOrders(orders).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FactAccessError);
    const access = error as FactAccessError;
    expect(access.model).toBe('res.partner');
    expect(access.fields).toEqual(['credit_limit', 'credit']);
    expect(access.message).toContain('res.partner.credit_limit, res.partner.credit');
    expect(access.message).toContain('account.group_account_invoice');
    expect(access.message).toContain('Accounting');
  });

  it('without accounting rights but told which fields exist (fields_get): credit facts are missing, not an error', async () => {
    const { client, orders } = await setup(version, transport, 'demo');
    const partnerFields = Object.keys(await client.fieldsGet('res.partner'));
    expect(partnerFields).not.toContain('credit_limit');
    const facts = await new FactBuilder(client, { fields: { 'res.partner': partnerFields } }).saleOrders(orders);
    expect(facts[0]!.customer).toMatchObject({ tier: 'gold', credit_limit: null, credit_used: null, credit_available: null, credit_after_order: null });
  });
});
