/**
 * The Odoo test server, driven over raw HTTP exactly as a client would: hand-built XML-RPC
 * documents, JSON-RPC envelopes and JSON-2 requests.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MODELS, type SnapshotManifest } from '../src/snapshot/models.js';
import { startOdooServer, DEFAULT_USERS, type OdooServerHandle } from './odoo-server/index.js';
import { dumpMethodCall, parseMethodResponse, type XmlRpcResponse } from './odoo-server/xmlrpc.js';
import { displayName } from './odoo-server/store.js';
import type { PyValue } from './odoo-server/wire.js';

const SNAPSHOT = fileURLToPath(new URL('./fixtures/mini-snapshot', import.meta.url));
const ADMIN = DEFAULT_USERS[0];
const DEMO = DEFAULT_USERS[1];
const ADMIN_KEY = ADMIN.apiKeys![0];
const DEMO_KEY = DEMO.apiKeys![0];

// ------------------------------------------------------------------------------------------
// Raw clients.

async function xmlrpcRaw(server: OdooServerHandle, path: string, body: string) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

async function xmlrpc(server: OdooServerHandle, service: string, method: string, params: PyValue[]): Promise<XmlRpcResponse> {
  const res = await xmlrpcRaw(server, `/xmlrpc/2/${service}`, dumpMethodCall(method, params));
  expect(res.status).toBe(200);
  return parseMethodResponse(res.text);
}

function executeKw(server: OdooServerHandle, model: string, method: string, args: PyValue[], kwargs: PyValue = {}, user = ADMIN) {
  return xmlrpc(server, 'object', 'execute_kw', [server.database, user.uid, user.password!, model, method, args, kwargs]);
}

/** The value of a successful XML-RPC call (fails the test on a fault). */
async function kw(server: OdooServerHandle, model: string, method: string, args: PyValue[], kwargs: PyValue = {}, user = ADMIN) {
  const res = await executeKw(server, model, method, args, kwargs, user);
  if (res.fault) throw new Error(`unexpected fault ${String(res.faultCode)}: ${String(res.faultString)}`);
  return res.value;
}

async function jsonrpc(server: OdooServerHandle, service: string, method: string, args: PyValue[], id: number | null = 7) {
  const res = await fetch(`${server.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, any> };
}

async function json2(server: OdooServerHandle, model: string, method: string, body: unknown, key: string | null = ADMIN_KEY, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  if (key !== null) headers.Authorization = `bearer ${key}`;
  const res = await fetch(`${server.url}/json/2/${model}/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as any };
}

const lastLine = (s: PyValue) => String(s).trimEnd().split('\n').pop();

// ------------------------------------------------------------------------------------------

describe('Odoo 17 server (XML-RPC, JSON-RPC)', () => {
  let server: OdooServerHandle;
  beforeAll(async () => {
    server = await startOdooServer({ snapshotDir: SNAPSHOT, version: '17.0' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.calls.length = 0;
    server.clearFaults();
  });

  it('takes its database name from the snapshot manifest', () => {
    expect(server.database).toBe('acme');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /web/version answers {version_info, version}', async () => {
    const res = await fetch(`${server.url}/web/version`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('{"version_info": [17, 0, 0, "final", 0, ""], "version": "17.0"}');
  });

  it('common.version, byte for byte as Python marshals it', async () => {
    const res = await xmlrpcRaw(server, '/xmlrpc/2/common', dumpMethodCall('version', []));
    expect(res.contentType).toBe('text/xml; charset=utf-8');
    expect(res.text).toBe(
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n" +
        '<member>\n<name>server_version</name>\n<value><string>17.0</string></value>\n</member>\n' +
        '<member>\n<name>server_version_info</name>\n<value><array><data>\n<value><int>17</int></value>\n<value><int>0</int></value>\n' +
        '<value><int>0</int></value>\n<value><string>final</string></value>\n<value><int>0</int></value>\n<value><string></string></value>\n' +
        '</data></array></value>\n</member>\n' +
        '<member>\n<name>server_serie</name>\n<value><string>17.0</string></value>\n</member>\n' +
        '<member>\n<name>protocol_version</name>\n<value><int>1</int></value>\n</member>\n' +
        '</struct></value>\n</param>\n</params>\n</methodResponse>\n',
    );
  });

  it('common.login / authenticate: uid, False on bad credentials, API key as password', async () => {
    expect(await xmlrpc(server, 'common', 'login', ['acme', 'admin', 'admin'])).toEqual({ fault: false, value: 2 });
    expect(await xmlrpc(server, 'common', 'authenticate', ['acme', 'demo', 'demo', {}])).toEqual({ fault: false, value: 6 });
    expect(await xmlrpc(server, 'common', 'login', ['acme', 'admin', 'wrong'])).toEqual({ fault: false, value: false });
    expect(await xmlrpc(server, 'common', 'authenticate', ['acme', 'demo', DEMO_KEY, {}])).toEqual({ fault: false, value: 6 });
  });

  it('an unknown database is an application fault (code 1, traceback)', async () => {
    const res = await xmlrpc(server, 'common', 'login', ['nope', 'admin', 'admin']);
    expect(res).toMatchObject({ fault: true, faultCode: 1 });
    expect(res.fault && String(res.faultString)).toContain('psycopg2.OperationalError');
    expect(res.fault && String(res.faultString)).toContain('database "nope" does not exist');
  });

  it('parses what XML-RPC clients send: i4, nil, bare <value> strings, structs', async () => {
    const body =
      '<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params>' +
      '<param><value>acme</value></param><param><value><i4>2</i4></value></param><param><value><string>admin</string></value></param>' +
      '<param><value>res.partner</value></param><param><value>search_read</value></param>' +
      '<param><value><array><data><value><array><data><value><array><data><value>ref</value><value>=</value><value>AZ001</value></data></array></value></data></array></value></data></array></value></param>' +
      '<param><value><struct><member><name>fields</name><value><array><data><value>name</value></data></array></value></member>' +
      '<member><name>limit</name><value><nil/></value></member></struct></value></param>' +
      '</params></methodCall>';
    const res = parseMethodResponse((await xmlrpcRaw(server, '/xmlrpc/2/object', body)).text);
    expect(res).toEqual({ fault: false, value: [{ id: 10, name: 'Azure Interior' }] });
  });

  describe('ORM over XML-RPC', () => {
    it('search_read: many2one as [id, name], false when empty, floats as <double>', async () => {
      const res = await xmlrpcRaw(
        server,
        '/xmlrpc/2/object',
        dumpMethodCall('execute_kw', ['acme', 2, 'admin', 'sale.order', 'search_read', [[['name', '=', 'S00001']]], { fields: ['partner_id', 'commitment_date', 'amount_total', 'order_line'] }]),
      );
      expect(res.text).toContain('<value><double>450.36</double></value>');
      expect(res.text).toContain('<name>commitment_date</name>\n<value><boolean>0</boolean></value>');
      expect(parseMethodResponse(res.text)).toEqual({
        fault: false,
        value: [{ id: 1, partner_id: [11, 'Azure Interior, Brandon Freeman'], commitment_date: false, amount_total: expect.anything(), order_line: [1, 2] }],
      });
    });

    it('a float field holding a whole number is still a double', async () => {
      const res = await xmlrpcRaw(server, '/xmlrpc/2/object', dumpMethodCall('execute_kw', ['acme', 2, 'admin', 'sale.order.line', 'read', [[1]], { fields: ['product_uom_qty'] }]));
      expect(res.text).toContain('<value><double>400.0</double></value>');
    });

    it('search with domain, multi-key order, offset and limit', async () => {
      expect(await kw(server, 'sale.order', 'search', [[['state', 'in', ['draft', 'sent', 'sale']]]], { order: 'partner_id, date_order desc' })).toEqual([4, 1, 2, 3, 6]);
      expect(await kw(server, 'sale.order', 'search', [[]], { order: 'date_order desc, id', offset: 1, limit: 2 })).toEqual([4, 3]);
      expect(await kw(server, 'sale.order', 'search', [[]])).toEqual([6, 4, 3, 2, 1, 5]); // _order: date_order desc
    });

    it('search_count and dotted domains', async () => {
      expect(await kw(server, 'sale.order', 'search_count', [[['partner_id.commercial_partner_id', '=', 10]]])).toBe(2);
      expect(await kw(server, 'sale.order', 'search_count', [[['order_line.product_id.categ_id', 'child_of', 2]]])).toBe(3);
      expect(await kw(server, 'sale.order', 'search_count', [[['partner_id', 'ilike', 'azure']]])).toBe(2);
    });

    it('archived records are left out unless the domain or context says otherwise', async () => {
      const named = (rows: PyValue) => (rows as Array<{ name: string }>).map((r) => r.name);
      expect(named(await kw(server, 'res.partner', 'search_read', [[['customer_rank', '>', 0]]], { fields: ['name'], order: 'id' }))).not.toContain('Lumen Lighting');
      expect(named(await kw(server, 'res.partner', 'search_read', [[['customer_rank', '>', 0]]], { fields: ['name'], context: { active_test: false } }))).toContain('Lumen Lighting');
      expect(named(await kw(server, 'res.partner', 'search_read', [[['active', '=', false]]], { fields: ['name'] }))).toEqual(['Lumen Lighting']);
    });

    it('read skips records that no longer exist, as Odoo does', async () => {
      expect(await kw(server, 'res.partner', 'read', [[10, 9999]], { fields: ['name'] })).toEqual([{ id: 10, name: 'Azure Interior' }]);
    });

    it('read without fields returns every readable field and display_name', async () => {
      const [row] = (await kw(server, 'res.partner', 'read', [[11]])) as Array<Record<string, PyValue>>;
      expect(row.display_name).toBe('Azure Interior, Brandon Freeman');
      expect(row.parent_id).toEqual([10, 'Azure Interior']);
      expect(row).toHaveProperty('credit_limit');
    });

    it('fields_get describes the fields, with attributes filter', async () => {
      const fields = (await kw(server, 'sale.order', 'fields_get', [], { attributes: ['type', 'relation', 'string'] })) as Record<string, Record<string, PyValue>>;
      expect(fields.partner_id).toEqual({ type: 'many2one', string: 'Partner', relation: 'res.partner' });
      expect(fields.state.type).toBe('selection');
      const all = (await kw(server, 'sale.order', 'fields_get', [['state']])) as Record<string, Record<string, PyValue>>;
      expect(Object.keys(all)).toEqual(['state']);
      expect(all.state.selection).toContainEqual(['sale', 'sale']);
    });

    it('many2one given a name is matched on the display name', async () => {
      expect(await kw(server, 'sale.order', 'search', [[['partner_id', '=', 'Deco Addict']]], { order: 'id' })).toEqual([2, 5]);
    });

    it('name_search returns [id, display_name] pairs', async () => {
      // In product.product's order: default_code, name, id.
      expect(await kw(server, 'product.product', 'name_search', ['bolt'])).toEqual([
        [102, '[BOLT-M10] Hex Bolt M10x50'],
        [101, '[BOLT-M8] Hex Bolt M8x40'],
      ]);
    });
  });

  describe('faults, as Odoo 17 sends them', () => {
    it('AccessDenied (code 3) on a bad password or uid', async () => {
      const bad = await xmlrpc(server, 'object', 'execute_kw', ['acme', 2, 'wrong', 'res.partner', 'search', [[]]]);
      expect(bad).toEqual({ fault: true, faultCode: 3, faultString: 'Access Denied' });
      const noUid = await xmlrpc(server, 'object', 'execute_kw', ['acme', false, 'admin', 'res.partner', 'search', [[]]]);
      expect(noUid).toEqual({ fault: true, faultCode: 3, faultString: 'Access Denied' });
    });

    it('an API key works as the password of execute_kw', async () => {
      const res = await xmlrpc(server, 'object', 'execute_kw', ['acme', 6, DEMO_KEY, 'res.partner', 'search_count', [[['is_company', '=', true]]]]);
      expect(res).toEqual({ fault: false, value: 6 });
    });

    it('AccessError (code 4) when a user without accounting rights reads credit fields', async () => {
      const res = await executeKw(server, 'res.partner', 'read', [[10]], { fields: ['name', 'credit_limit', 'credit'] }, DEMO);
      expect(res).toEqual({
        fault: true,
        faultCode: 4,
        faultString:
          'You do not have enough rights to access the fields "credit_limit,credit" on Contact (res.partner). ' +
          'Please contact your system administrator.\n\n(Operation: read)',
      });
    });

    it('without accounting rights, credit fields are silently left out when no fields are asked', async () => {
      const [row] = (await kw(server, 'res.partner', 'search_read', [[['id', '=', 10]]], {}, DEMO)) as Array<Record<string, PyValue>>;
      expect(row.name).toBe('Azure Interior');
      expect(row).not.toHaveProperty('credit_limit');
      const fields = (await kw(server, 'res.partner', 'fields_get', [], { attributes: ['type'] }, DEMO)) as Record<string, PyValue>;
      expect(fields).not.toHaveProperty('credit');
    });

    it('unknown model (code 2), unknown method (code 1, AttributeError), private method (code 4)', async () => {
      expect(await executeKw(server, 'no.such.model', 'search', [[]])).toEqual({ fault: true, faultCode: 2, faultString: "Object no.such.model doesn't exist" });
      const unknown = await executeKw(server, 'res.partner', 'frobnicate', [[]]);
      expect(unknown).toMatchObject({ fault: true, faultCode: 1 });
      expect(unknown.fault && lastLine(unknown.faultString)).toBe("AttributeError: The method 'frobnicate' does not exist on the model 'res.partner'");
      expect(await executeKw(server, 'res.partner', '_read', [[1]])).toEqual({
        fault: true,
        faultCode: 4,
        faultString: 'Private methods (such as _read) cannot be called remotely.',
      });
    });

    it('a malformed domain is a ValueError (code 1, traceback)', async () => {
      const res = await executeKw(server, 'sale.order', 'search', [[['nmae', '=', 'S00001']]]);
      expect(res).toMatchObject({ fault: true, faultCode: 1 });
      expect(res.fault && String(res.faultString)).toMatch(/^Traceback \(most recent call last\):/);
      expect(res.fault && lastLine(res.faultString)).toBe("ValueError: Invalid field sale.order.nmae in leaf ('nmae', '=', 'S00001')");
      const syntax = await executeKw(server, 'sale.order', 'search', [['|', ['state', '=', 'sale']]]);
      expect(syntax.fault && lastLine(syntax.faultString)).toBe("ValueError: Domain ['|', ['state', '=', 'sale']] is syntactically not correct.");
    });

    it('bad arguments are a TypeError with Python’s wording', async () => {
      const res = await executeKw(server, 'res.partner', 'search_read', [[]], { feilds: ['name'] });
      expect(res.fault && lastLine(res.faultString)).toBe("TypeError: BaseModel.read() got an unexpected keyword argument 'feilds'");
      const search = await executeKw(server, 'res.partner', 'search', [[], 0, 1, 'id', 'extra']);
      expect(search.fault && lastLine(search.faultString)).toBe('TypeError: BaseModel.search() takes from 2 to 5 positional arguments but 6 were given');
      const write = await executeKw(server, 'res.partner', 'write', [[10]]);
      expect(write.fault && lastLine(write.faultString)).toBe("TypeError: BaseModel.write() missing 1 required positional argument: 'vals'");
    });

    it('a bad order is a ValueError', async () => {
      const res = await executeKw(server, 'sale.order', 'search', [[]], { order: 'date_order sideways' });
      expect(res.fault && lastLine(res.faultString)).toMatch(/^ValueError: Invalid "order" specified \(date_order sideways\)/);
    });

    it('a method returning None faults: "cannot marshal None unless allow_none is enabled"', async () => {
      const res = await executeKw(server, 'sale.order', 'action_unlock', [[1]]);
      expect(res).toMatchObject({ fault: true, faultCode: 1 });
      expect(res.fault && lastLine(res.faultString)).toBe('TypeError: cannot marshal None unless allow_none is enabled');
    });

    it('writing a deleted record is a MissingError (code 2)', async () => {
      expect(await executeKw(server, 'res.partner', 'write', [[9999], { ref: 'X' }])).toEqual({
        fault: true,
        faultCode: 2,
        faultString:
          'One of the documents you are trying to access has been deleted, please try again after refreshing.\n\n' +
          '(Document type: res.partner, Operation: write, Records: [9999], User: 2)',
      });
    });

    it('the legacy /xmlrpc endpoint uses string fault codes', async () => {
      const res = await xmlrpcRaw(server, '/xmlrpc/object', dumpMethodCall('execute_kw', ['acme', 2, 'admin', 'nope.model', 'search', [[]]]));
      expect(parseMethodResponse(res.text)).toEqual({ fault: true, faultCode: "warning -- UserError\n\nObject nope.model doesn't exist", faultString: '' });
    });

    it('faults come with HTTP 200', async () => {
      const res = await xmlrpcRaw(server, '/xmlrpc/2/object', dumpMethodCall('execute_kw', ['acme', 2, 'bad', 'res.partner', 'search', [[]]]));
      expect(res.status).toBe(200);
      expect(res.text).toContain('<fault>');
    });
  });

  describe('JSON-RPC', () => {
    it('login and execute_kw with Odoo’s envelope', async () => {
      expect((await jsonrpc(server, 'common', 'login', ['acme', 'admin', 'admin'])).body).toEqual({ jsonrpc: '2.0', id: 7, result: 2 });
      const res = await jsonrpc(server, 'object', 'execute_kw', ['acme', 2, 'admin', 'sale.order.line', 'read', [[1]], { fields: ['product_uom_qty', 'product_id'] }]);
      expect(res.text).toBe('{"jsonrpc": "2.0", "id": 7, "result": [{"id": 1, "product_uom_qty": 400.0, "product_id": [101, "[BOLT-M8] Hex Bolt M8x40"]}]}');
    });

    it('errors: code 200, "Odoo Server Error", data.name / message / debug', async () => {
      const res = await jsonrpc(server, 'object', 'execute_kw', ['acme', 6, 'demo', 'res.partner', 'read', [[10]], { fields: ['credit'] }]);
      expect(res.status).toBe(200);
      expect(res.body.error.code).toBe(200);
      expect(res.body.error.message).toBe('Odoo Server Error');
      expect(Object.keys(res.body.error.data)).toEqual(['name', 'debug', 'message', 'arguments', 'context']);
      expect(res.body.error.data).toMatchObject({
        name: 'odoo.exceptions.AccessError',
        message: expect.stringContaining('You do not have enough rights to access the fields "credit"'),
        arguments: [expect.any(String)],
        context: {},
      });
      const denied = await jsonrpc(server, 'object', 'execute_kw', ['acme', 2, 'nope', 'res.partner', 'search', [[]]]);
      expect(denied.body.error.data).toMatchObject({ name: 'odoo.exceptions.AccessDenied', message: 'Access Denied' });
      const domain = await jsonrpc(server, 'object', 'execute_kw', ['acme', 2, 'admin', 'res.partner', 'search', [[['x', '=', 1]]]]);
      expect(domain.body.error.data.name).toBe('builtins.ValueError');
    });

    it('a method returning None answers without a "result" key', async () => {
      const res = await jsonrpc(server, 'object', 'execute_kw', ['acme', 2, 'admin', 'sale.order', 'action_unlock', [[1]]]);
      expect(res.body).toEqual({ jsonrpc: '2.0', id: 7 });
    });

    it('rejects bodies that are not JSON (400) and non-JSON content types', async () => {
      const bad = await fetch(`${server.url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toBe('Invalid JSON data');
      const plain = await fetch(`${server.url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
      expect(plain.status).toBe(400);
    });
  });

  it('JSON-2 does not exist on Odoo 17', async () => {
    const res = await json2(server, 'res.partner', 'search', { domain: [] }).catch(() => null);
    expect(res).toBeNull(); // a 404 HTML page, which is not JSON
    const raw = await fetch(`${server.url}/json/2/res.partner/search`, { method: 'POST' });
    expect(raw.status).toBe(404);
  });

  describe('stock quantities follow the `warehouse` context key', () => {
    const qty = async (context: PyValue) =>
      (await kw(server, 'product.product', 'read', [[104, 106]], { fields: ['qty_available', 'incoming_qty', 'outgoing_qty', 'virtual_available'], context })) as Array<Record<string, number>>;

    it('all warehouses without it', async () => {
      const [drill, gloves] = await qty({});
      expect(drill).toEqual({ id: 104, qty_available: 15, incoming_qty: 0, outgoing_qty: 7, virtual_available: 8 });
      expect(gloves).toMatchObject({ qty_available: 450, incoming_qty: 0, outgoing_qty: 0 }); // AMS→RTM is internal
    });

    it('one warehouse by id', async () => {
      const [drill, gloves] = await qty({ warehouse: 1 });
      expect(drill).toMatchObject({ qty_available: 12, outgoing_qty: 2, virtual_available: 10 });
      expect(gloves).toMatchObject({ qty_available: 300, outgoing_qty: 100, virtual_available: 200 });
    });

    it('one warehouse by name', async () => {
      const [drill, gloves] = await qty({ warehouse: 'Rotterdam' });
      expect(drill).toMatchObject({ qty_available: 3, outgoing_qty: 5, virtual_available: -2 });
      expect(gloves).toMatchObject({ qty_available: 150, incoming_qty: 100, virtual_available: 250 });
    });

    it('an Odoo 18+ key (warehouse_id) means nothing to Odoo 17', async () => {
      const [drill] = await qty({ warehouse_id: 1 });
      expect(drill.qty_available).toBe(15);
    });

    it('quants outside warehouses (inventory adjustment) never count', async () => {
      const [bolts] = (await kw(server, 'product.product', 'read', [[101]], { fields: ['qty_available', 'incoming_qty', 'virtual_available'] })) as Array<Record<string, number>>;
      expect(bolts).toEqual({ id: 101, qty_available: 7000, incoming_qty: 10000, virtual_available: 16600 });
    });

    it('domains on quantities use the context too', async () => {
      expect(await kw(server, 'product.product', 'search', [[['qty_available', '>=', 100]]], { context: { warehouse: 2 }, order: 'id' })).toEqual([101, 106]);
    });
  });

  it('records every call; credentials are never kept', async () => {
    await xmlrpc(server, 'common', 'login', ['acme', 'admin', ADMIN_KEY]);
    await kw(server, 'res.partner', 'search_read', [[['is_company', '=', true]]], { fields: ['name'] });
    await jsonrpc(server, 'object', 'execute_kw', ['acme', 2, 'admin', 'sale.order', 'search_count', [[]]]);
    expect(server.calls.map((c) => [c.transport, c.service, c.model, c.method, c.outcome])).toEqual([
      ['xmlrpc', 'common', undefined, 'login', 'ok'],
      ['xmlrpc', 'object', 'res.partner', 'search_read', 'ok'],
      ['jsonrpc', 'object', 'sale.order', 'search_count', 'ok'],
    ]);
    expect(server.calls[0].args).toEqual(['acme', 'admin']);
    expect(JSON.stringify(server.calls)).not.toContain(ADMIN_KEY);
    expect(server.calls[1].summary).toBe("res.partner.search_read([[['is_company', '=', True]]], {'fields': ['name']})");
    expect(server.calls[1].uid).toBe(2);
  });

  describe('injected faults', () => {
    it('answers 503 with Retry-After for the next N requests, then serves normally', async () => {
      server.inject({ kind: 'status', status: 503, retryAfter: 2, times: 2 });
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(`${server.url}/xmlrpc/2/common`, { method: 'POST', body: dumpMethodCall('version', []) });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('2');
      }
      expect((await xmlrpc(server, 'common', 'version', [])).fault).toBe(false);
      expect(server.calls.map((c) => c.outcome)).toEqual(['injected', 'injected', 'ok']);
    });

    it('matches by transport, model and method', async () => {
      server.inject({ kind: 'status', status: 502, match: { transport: 'xmlrpc', model: 'sale.order', method: 'search_read' } });
      expect((await executeKw(server, 'res.partner', 'search_read', [[]], { fields: ['name'], limit: 1 })).fault).toBe(false);
      const hit = await fetch(`${server.url}/xmlrpc/2/object`, {
        method: 'POST',
        body: dumpMethodCall('execute_kw', ['acme', 2, 'admin', 'sale.order', 'search_read', [[]], { limit: 1 }]),
      });
      expect(hit.status).toBe(502);
    });

    it('delays an answer', async () => {
      server.inject({ kind: 'delay', ms: 150 });
      const start = Date.now();
      await xmlrpc(server, 'common', 'version', []);
      expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    });

    it('drops the connection without answering', async () => {
      server.inject({ kind: 'close' });
      await expect(fetch(`${server.url}/xmlrpc/2/common`, { method: 'POST', body: dumpMethodCall('version', []) })).rejects.toThrow();
      expect(server.calls.at(-1)?.outcome).toBe('closed');
      expect((await xmlrpc(server, 'common', 'version', [])).fault).toBe(false);
    });
  });
});

describe('writes stay in memory', () => {
  let server: OdooServerHandle;
  const digest = () =>
    createHash('sha256')
      .update(readdirSync(SNAPSHOT).sort().map((f) => readFileSync(`${SNAPSHOT}/${f}`, 'utf8')).join('\0'))
      .digest('hex');
  const before = digest();
  beforeAll(async () => {
    server = await startOdooServer({ snapshotDir: SNAPSHOT });
  });
  afterAll(() => server.close());

  it('create / write / unlink change the server, never the snapshot', async () => {
    const id = (await kw(server, 'res.partner.category', 'create', [{ name: 'Tier: Platinum' }])) as number;
    expect(id).toBe(5);
    expect(await kw(server, 'res.partner', 'write', [[12], { category_id: [[4, id]], ref: 'DA-2' }])).toBe(true);
    expect(await kw(server, 'res.partner', 'read', [[12]], { fields: ['category_id', 'ref', 'write_date'] })).toEqual([
      { id: 12, category_id: [2, 5], ref: 'DA-2', write_date: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) },
    ]);
    expect(await kw(server, 'res.partner.category', 'create', [[{ name: 'A' }, { name: 'B' }]])).toEqual([6, 7]);
    expect(await kw(server, 'res.partner.category', 'unlink', [[6, 7, 999]])).toBe(true);
    expect(server.records('res.partner.category').map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(digest()).toBe(before);
  });

  it('validates values as Odoo does', async () => {
    const badState = await executeKw(server, 'sale.order', 'write', [[3], { state: 'approved' }]);
    expect(badState.fault && lastLine(badState.faultString)).toBe("ValueError: Wrong value for sale.order.state: 'approved'");
    const badDate = await executeKw(server, 'sale.order', 'write', [[3], { commitment_date: '2024-06-01T10:00:00Z' }]);
    expect(badDate.fault && lastLine(badDate.faultString)).toBe("ValueError: time data '2024-06-01T10:00:00Z' does not match format '%Y-%m-%d %H:%M:%S'");
    const badField = await executeKw(server, 'sale.order', 'write', [[3], { x_approved: true }]);
    expect(badField.fault && lastLine(badField.faultString)).toBe("ValueError: Invalid field 'x_approved' on model 'sale.order'");
  });

  it('mail.activity needs res_model_id (res_model alone is not enough), as on a real database', async () => {
    const noModel = await executeKw(server, 'mail.activity', 'create', [{ res_model: 'sale.order', res_id: 3, summary: 'Approve' }]);
    expect(noModel).toMatchObject({ fault: true, faultCode: 2 });
    expect(noModel.fault && String(noModel.faultString)).toContain('Field: Document Model (res_model_id)');
    const [irModel] = (await kw(server, 'ir.model', 'search_read', [[['model', '=', 'sale.order']]], { fields: ['id'] })) as Array<{ id: number }>;
    const id = (await kw(server, 'mail.activity', 'create', [{ res_model_id: irModel.id, res_id: 3, summary: 'Approve', user_id: 2, activity_type_id: 4 }])) as number;
    const [activity] = (await kw(server, 'mail.activity', 'read', [[id]], { fields: ['res_model', 'res_name', 'user_id', 'date_deadline'] })) as Array<Record<string, PyValue>>;
    expect(activity).toMatchObject({ res_model: 'sale.order', res_name: 'S00003', user_id: [2, 'Mitchell Admin'] });
    const messageId = await kw(server, 'mail.activity', 'action_feedback', [[id]], { feedback: 'approve' }, DEMO);
    expect(typeof messageId).toBe('number');
    expect(await kw(server, 'mail.activity', 'search_count', [[['id', '=', id]]])).toBe(0);
    const [message] = (await kw(server, 'mail.message', 'read', [[messageId as number]], { fields: ['model', 'res_id', 'body', 'author_id', 'subtype_id'] })) as Array<Record<string, PyValue>>;
    expect(message).toMatchObject({ model: 'sale.order', res_id: 3, author_id: [7, 'Marc Demo'], subtype_id: [3, 'Activities'] });
    expect(message.body).toContain('approve');
  });

  it('message_post returns the message id over RPC', async () => {
    const id = await kw(server, 'sale.order', 'message_post', [[2]], { body: 'Approved by <b>rule</b>', message_type: 'comment' });
    const [message] = (await kw(server, 'mail.message', 'read', [[id as number]], { fields: ['body', 'model', 'res_id'] })) as Array<Record<string, PyValue>>;
    expect(message).toEqual({ id, body: '<p>Approved by &lt;b&gt;rule&lt;/b&gt;</p>', model: 'sale.order', res_id: 2 });
  });

  it('action_confirm moves a quotation to sale and refuses a cancelled order', async () => {
    expect(await kw(server, 'sale.order', 'action_confirm', [[3]])).toBe(true);
    expect(await kw(server, 'sale.order', 'read', [[3]], { fields: ['state'] })).toEqual([{ id: 3, state: 'sale' }]);
    expect(await executeKw(server, 'sale.order', 'action_confirm', [[5]])).toEqual({
      fault: true,
      faultCode: 2,
      faultString: 'The following orders are not in a state requiring confirmation: S00005',
    });
  });
});

describe('Odoo 19 server (JSON-2)', () => {
  let server: OdooServerHandle;
  beforeAll(async () => {
    server = await startOdooServer({ snapshotDir: SNAPSHOT, version: '19.0', database: 'acme19' });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.calls.length = 0;
  });

  it('GET /web/version says 19.0', async () => {
    expect(await (await fetch(`${server.url}/web/version`)).json()).toEqual({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' });
  });

  it('search_read with a bearer API key, kwargs in the body', async () => {
    const res = await json2(server, 'res.partner', 'search_read', { domain: [['is_company', '=', true], ['customer_rank', '>', 0]], fields: ['name'], order: 'name', context: { lang: 'en_US' } }, ADMIN_KEY, { 'X-Odoo-Database': 'acme19' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual([
      { id: 10, name: 'Azure Interior' },
      { id: 12, name: 'Deco Addict' },
      { id: 13, name: 'Gemini Furniture' },
    ]);
  });

  it('record methods take ids in the body; floats are written as Python does', async () => {
    const res = await json2(server, 'sale.order.line', 'read', { ids: [1], fields: ['product_uom_qty', 'price_unit'] });
    expect(res.text).toBe('[{"id": 1, "product_uom_qty": 400.0, "price_unit": 0.35}]');
  });

  it('401 without or with a wrong key, with Odoo’s error body', async () => {
    const missing = await json2(server, 'res.partner', 'search', { domain: [] }, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'User not authenticated, use the "Authorization" header' });
    const wrong = await json2(server, 'res.partner', 'search', { domain: [] }, 'not-a-key');
    expect(wrong.status).toBe(401);
    expect(Object.keys(wrong.body)).toEqual(['name', 'message', 'arguments', 'context', 'debug']);
    expect(wrong.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401], context: {} });
  });

  it('passwords are not API keys', async () => {
    expect((await json2(server, 'res.partner', 'search', { domain: [] }, 'admin')).status).toBe(401);
  });

  it('403 on an AccessError (credit fields without accounting rights), with Odoo 19’s wording', async () => {
    const res = await json2(server, 'res.partner', 'read', { ids: [10], fields: ['name', 'credit_limit'] }, DEMO_KEY);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      name: 'odoo.exceptions.AccessError',
      message:
        'You do not have enough rights to access the field "credit_limit" on Contact (res.partner). ' +
        'Please contact your system administrator.\n\nOperation: read',
    });
  });

  it('404 for an unknown model or method, or a missing record on write', async () => {
    const model = await json2(server, 'no.model', 'search', { domain: [] });
    expect(model.status).toBe(404);
    expect(model.body).toMatchObject({ name: 'werkzeug.exceptions.NotFound', message: "the model 'no.model' does not exist" });
    const method = await json2(server, 'res.partner', 'frobnicate', {});
    expect(method.status).toBe(404);
    expect(method.body.message).toBe("The method 'res.partner.frobnicate' does not exist");
    const missing = await json2(server, 'res.partner', 'write', { ids: [9999], vals: { ref: 'x' } });
    expect(missing.status).toBe(404);
    expect(missing.body.name).toBe('odoo.exceptions.MissingError');
  });

  it('404 "Did you mean POST" for other verbs and paths', async () => {
    const res = await fetch(`${server.url}/json/2/res.partner/search`, { headers: { Authorization: `bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toBe('Did you mean POST /json/2/<model>/<method>?');
  });

  it('422 for bad arguments, ids on a model method, or a UserError', async () => {
    const unexpected = await json2(server, 'res.partner', 'search', { domain: [], badparameter: 1 });
    expect(unexpected.status).toBe(422);
    expect(unexpected.body).toMatchObject({ name: 'werkzeug.exceptions.UnprocessableEntity', message: "got an unexpected keyword argument 'badparameter'" });
    const withIds = await json2(server, 'res.partner', 'search', { ids: [1], domain: [] });
    expect(withIds.status).toBe(422);
    expect(withIds.body.message).toBe('cannot call res.partner.search with ids');
    const missingArg = await json2(server, 'res.partner', 'search', {});
    expect(missingArg.body.message).toBe("missing a required argument: 'domain'");
    const userError = await json2(server, 'sale.order', 'action_confirm', { ids: [5] });
    expect(userError.status).toBe(422);
    expect(userError.body.name).toBe('odoo.exceptions.UserError');
  });

  it('500 for a ValueError (bad domain)', async () => {
    const res = await json2(server, 'sale.order', 'search', { domain: [['nope', '=', 1]] });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field sale.order.nope in leaf ('nope', '=', 1)" });
  });

  it('400 for a body that is not JSON', async () => {
    const res = await fetch(`${server.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `bearer ${ADMIN_KEY}` },
      body: '{"domain": [',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^could not parse the body as json/);
  });

  it('None is fine over JSON-2: null', async () => {
    const res = await json2(server, 'sale.order', 'action_unlock', { ids: [1] });
    expect(res.status).toBe(200);
    expect(res.text).toBe('null');
  });

  it('create always returns ids; message_post returns [id]', async () => {
    const created = await json2(server, 'res.partner.category', 'create', { vals_list: { name: 'Tier: Platinum' } });
    expect(created.body).toEqual([5]);
    const posted = await json2(server, 'sale.order', 'message_post', { ids: [1], body: 'hello' });
    expect(posted.body).toEqual([expect.any(Number)]);
  });

  it('stock quantities read `warehouse_id` from the context on Odoo 19', async () => {
    const res = await json2(server, 'product.product', 'read', { ids: [104], fields: ['qty_available', 'virtual_available'], context: { warehouse_id: 'Amsterdam' } });
    expect(res.body).toEqual([{ id: 104, qty_available: 12, virtual_available: 10 }]);
  });

  it('XML-RPC and JSON-RPC are still served (deprecated), with Odoo 19’s messages', async () => {
    expect(await xmlrpc(server, 'common', 'login', ['acme19', 'admin', 'admin'])).toEqual({ fault: false, value: 2 });
    const res = await jsonrpc(server, 'object', 'execute_kw', ['acme19', 2, 'admin', 'res.partner', 'frobnicate', [[]]]);
    expect(res.body.error.code).toBe(0);
    expect(res.body.error.data).toMatchObject({ name: 'builtins.AttributeError', message: "The method 'res.partner.frobnicate' does not exist" });
  });

  it('records JSON-2 calls with the user', async () => {
    await json2(server, 'res.partner', 'search_count', { domain: [] });
    expect(server.calls).toMatchObject([{ transport: 'json2', model: 'res.partner', method: 'search_count', uid: 2, status: 200, outcome: 'ok' }]);
  });
});

describe('startOdooServer from plain data', () => {
  it('serves given records, including reference models for dotted domains', async () => {
    const server = await startOdooServer({
      data: {
        'res.country': [{ id: 20, name: 'Belgium', code: 'BE' }],
        'res.partner': [{ id: 1, name: 'Azure Interior', country_id: [20, 'Belgium'], active: true }],
      },
    });
    try {
      expect(await kw(server, 'res.partner', 'search', [[['country_id.code', '=', 'BE']]])).toEqual([1]);
      expect(server.database).toBe('odoo');
    } finally {
      await server.close();
    }
  });
});

describe('the mini snapshot fixture', () => {
  const manifest = JSON.parse(readFileSync(`${SNAPSHOT}/manifest.json`, 'utf8')) as SnapshotManifest;
  const data = new Map<string, Map<number, Record<string, unknown>>>();
  for (const [model, entry] of Object.entries(manifest.models)) {
    const rows = readFileSync(`${SNAPSHOT}/${entry.file}`, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    data.set(model, new Map(rows.map((r) => [r.id as number, r])));
  }

  it('has every model and field of MODELS, and counts that match the files', () => {
    expect(manifest.format).toBe('distrule-snapshot/v1');
    expect(Object.keys(manifest.models).sort()).toEqual(Object.keys(MODELS).sort());
    for (const [model, entry] of Object.entries(manifest.models)) {
      expect(data.get(model)!.size, model).toBe(entry.count);
      expect([...entry.fields].sort(), model).toEqual(Object.keys(MODELS[model].fields).sort());
      for (const row of data.get(model)!.values()) expect(Object.keys(row).sort(), `${model}(${String(row.id)})`).toEqual(['id', ...entry.fields].sort());
    }
  });

  it('references only records it contains, named as Odoo would display them', () => {
    for (const [model, rows] of data) {
      for (const row of rows.values()) {
        for (const [field, spec] of Object.entries(MODELS[model].fields)) {
          const target = spec.relation ? data.get(spec.relation) : undefined;
          if (!target || !spec.relation) continue;
          const value = row[field];
          const where = `${model}(${String(row.id)}).${field}`;
          const ids = spec.type === 'many2one' ? (Array.isArray(value) ? [value[0]] : []) : Array.isArray(value) ? value : [];
          for (const id of ids) expect(target.has(id as number), `${where} → ${String(id)}`).toBe(true);
          if (spec.type === 'many2one' && Array.isArray(value)) {
            expect(value[1], where).toBe(displayName(spec.relation, target.get(value[0] as number)!));
          }
        }
      }
    }
  });
});
