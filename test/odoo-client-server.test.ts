/**
 * The Odoo client against the protocol-faithful test server (test/odoo-server), every transport
 * on Odoo 17 and 19: happy paths, Odoo's errors, and injected transport faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOdooClient,
  OdooAccessError,
  type OdooCallEvent,
  type OdooClientOptions,
  type OdooClock,
  type OdooTransportName,
} from '../src/odoo/index.js';
import { failure } from './helpers/odoo.js';
import { startOdooServer, type OdooServerHandle, type OdooVersion } from './odoo-server/index.js';

const ADMIN_KEY = '8c6f0d1e5b2a4c7d9e0f1a2b3c4d5e6f7a8b9c0d';
const DEMO_KEY = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';

const SEED = {
  'res.partner': [
    { id: 7, name: 'Deco Addict', is_company: true, credit_limit: 5000, credit: 1200.5, active: true, category_id: [] },
    { id: 8, name: 'Azure Interior', is_company: true, credit_limit: false, credit: 0, active: true, category_id: [] },
  ],
  'sale.order': [
    { id: 1, name: 'S00001', state: 'draft', partner_id: [7, 'Deco Addict'], amount_total: 1250.5, order_line: [] },
    { id: 2, name: 'S00002', state: 'sale', partner_id: [8, 'Azure Interior'], amount_total: 99, order_line: [] },
  ],
};

const handles: OdooServerHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

async function server(version: OdooVersion): Promise<OdooServerHandle> {
  const handle = await startOdooServer({ version, data: SEED, database: 'distrule' });
  handles.push(handle);
  return handle;
}

function fakeClock(): OdooClock & { sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms) => void (sleeps.push(ms), (t += ms)) };
}

function client(handle: OdooServerHandle, extra: Partial<OdooClientOptions> = {}) {
  return createOdooClient({
    url: handle.url,
    database: handle.database,
    login: 'admin',
    secret: ADMIN_KEY,
    clock: fakeClock(),
    random: () => 0.5,
    ...extra,
  });
}

const CASES: Array<{ version: OdooVersion; transport: OdooTransportName }> = [
  { version: '17.0', transport: 'jsonrpc' },
  { version: '17.0', transport: 'xmlrpc' },
  { version: '19.0', transport: 'json2' },
  { version: '19.0', transport: 'jsonrpc' },
  { version: '19.0', transport: 'xmlrpc' },
];

describe.each(CASES)('Odoo $version over $transport', ({ version, transport }) => {
  it('reads, counts, describes, creates and writes', async () => {
    const handle = await server(version);
    const odoo = client(handle, { transport });
    expect(await odoo.transport()).toBe(transport);

    const orders = await odoo.searchRead('sale.order', [['state', 'in', ['draft', 'sale']]], ['name', 'partner_id', 'amount_total'], {
      order: 'id',
    });
    expect(orders).toEqual([
      { id: 1, name: 'S00001', partner_id: [7, 'Deco Addict'], amount_total: 1250.5 },
      { id: 2, name: 'S00002', partner_id: [8, 'Azure Interior'], amount_total: 99 },
    ]);
    expect(await odoo.read('res.partner', [8], ['name', 'credit_limit'])).toEqual([
      { id: 8, name: 'Azure Interior', credit_limit: 0 }, // an unset float reads 0.0, not False
    ]);
    expect(await odoo.searchCount('sale.order', [['state', '=', 'sale']])).toBe(1);
    const fields = await odoo.fieldsGet('sale.order', { fields: ['partner_id'], attributes: ['type', 'relation'] });
    expect(fields.partner_id).toMatchObject({ type: 'many2one', relation: 'res.partner' });

    const id = await odoo.create('sale.order', { name: 'S00003', partner_id: 7, state: 'draft' });
    expect(typeof id).toBe('number');
    expect(await odoo.write('sale.order', [id], { state: 'sent' })).toBe(true);
    expect(handle.records('sale.order').find((r) => r.id === id)).toMatchObject({ name: 'S00003', state: 'sent' });
  });

  it("names the model, fields and groups of Odoo's access error", async () => {
    const handle = await server(version);
    const odoo = client(handle, { transport, login: 'demo', secret: DEMO_KEY });
    const error = await failure(odoo.searchRead('res.partner', [], ['name', 'credit', 'credit_limit']));
    expect(error).toBeInstanceOf(OdooAccessError);
    const access = (error as OdooAccessError).access;
    expect(access.model).toBe('res.partner');
    expect(access.operation).toBe('read');
    expect(access.fields?.[0]).toMatch(/^credit/);
    expect(error.message).toContain('res.partner');
    expect(error.message).toContain('credit');
    expect(error.attempts).toBe(1);
  });

  it('maps unknown models and methods, missing records and bad credentials', async () => {
    const handle = await server(version);
    const odoo = client(handle, { transport });
    expect((await failure(odoo.searchRead('sale.orderx', [], ['name']))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.call('sale.order', 'frobnicate', [[1]]))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.write('sale.order', [999], { state: 'sent' }))).kind).toBe('missing');

    const intruder = client(handle, { transport, secret: 'not-the-key' });
    const denied = await failure(intruder.searchRead('sale.order', [], ['name']));
    expect(denied.kind).toBe('authentication');
    expect(denied.message).not.toContain('not-the-key');
  });

  it('retries a read through a 503 with Retry-After, and never resends a write after a dropped connection', async () => {
    const handle = await server(version);
    const clock = fakeClock();
    const events: OdooCallEvent[] = [];
    const odoo = client(handle, { transport, clock, onCall: (event) => events.push(event) });
    await odoo.transport(); // log in first, so the faults below hit the calls under test

    handle.inject({ kind: 'status', status: 503, retryAfter: 2, times: 2, match: { method: 'search_read' } });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000, 2000]);
    expect(events.filter((e) => e.method === 'search_read').map((e) => e.outcome)).toEqual(['transient', 'transient', 'ok']);

    handle.inject({ kind: 'close', match: { method: 'write' } });
    const before = handle.calls.length;
    const dropped = await failure(odoo.write('sale.order', [1], { state: 'sent' }));
    expect(dropped.kind).toBe('transient');
    expect(dropped.requestSent).toBe(true);
    expect(dropped.attempts).toBe(1);
    expect(handle.calls.slice(before).map((c) => c.outcome)).toEqual(['closed']);
  });

  it('times out a slow call', async () => {
    const handle = await server(version);
    const odoo = client(handle, { transport, timeoutMs: 100, retries: 1 });
    await odoo.transport();
    handle.inject({ kind: 'delay', ms: 400, times: 2, match: { method: 'search_count' } });
    const error = await failure(odoo.searchCount('sale.order', []));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(2);
  });

  it('reports a wrong database as a configuration error', async () => {
    const handle = await server(version);
    const odoo = client(handle, { transport, database: 'nope' });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('configuration');
    expect(error.attempts).toBe(1);
  });
});

describe('transport detection', () => {
  it('picks JSON-RPC on Odoo 17 and JSON-2 on Odoo 19', async () => {
    const v17 = await server('17.0');
    const v19 = await server('19.0');
    const old = client(v17);
    expect(await old.version()).toMatchObject({ major: 17, serverVersion: '17.0' });
    expect(await old.transport()).toBe('jsonrpc');
    const modern = client(v19);
    expect(await modern.version()).toMatchObject({ major: 19 });
    expect(await modern.transport()).toBe('json2');
    expect(await modern.searchCount('sale.order', [])).toBe(2);
    // /web/version answered: no RPC was needed to find the version.
    expect(v19.calls.map((c) => c.transport)).toEqual(['http', 'json2']);
  });

  it('reports the missing JSON-2 endpoint of Odoo 17', async () => {
    const handle = await server('17.0');
    const error = await failure(client(handle, { transport: 'json2' }).searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('unknown-model-or-method');
    expect(error.message).toMatch(/Odoo 19/);
  });

  it('reads a method returning None as null on every transport', async () => {
    const handle = await server('17.0');
    for (const transport of ['jsonrpc', 'xmlrpc'] as const) {
      expect(await client(handle, { transport }).call('sale.order', 'action_lock', [[1]])).toBeNull();
    }
    const v19 = await server('19.0');
    expect(await client(v19, { transport: 'json2' }).call('sale.order', 'action_lock', [[1]])).toBeNull();
  });
});
