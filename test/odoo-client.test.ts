/**
 * The Odoo client against small local HTTP servers that send Odoo's exact wire formats:
 * XML-RPC responses and faults (HTTP 200), JSON-RPC envelopes (HTTP 200, errors in the body),
 * JSON-2 bare results and 4xx/5xx JSON error bodies.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOdooClient,
  OdooAccessError,
  OdooError,
  parseVersionInfo,
  resolveSecret,
  resolveSecretSync,
  type OdooCallEvent,
  type OdooClientOptions,
  type OdooClock,
} from '../src/odoo/index.js';
import { failure } from './helpers/odoo.js';
import { lastExceptionOfTraceback, parseAccessMessage, parseRetryAfter } from '../src/odoo/classify.js';
import { json2Body } from '../src/odoo/json2.js';
import { decodeXmlRpcResponse } from '../src/odoo/xmlrpc-decode.js';

const SECRET = 'sk-TOPSECRET-4f1c9e77';

// ---------------------------------------------------------------------------------------------
// A tiny HTTP server per test

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** `text` is sent as is (XML, HTML); `json` is serialised. */
type Reply = { status?: number; headers?: Record<string, string> } & ({ text: string } | { json: unknown });

type Handler = (request: SeenRequest) => Reply | 'hang' | 'destroy' | Promise<Reply | 'hang' | 'destroy'>;

interface TestServer {
  url: string;
  requests: SeenRequest[];
  inFlight: { now: number; max: number };
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      void Promise.resolve(handler(seen)).then((reply) => {
        if (reply === 'hang') return;
        inFlight.now--;
        if (reply === 'destroy') {
          req.socket.destroy();
          return;
        }
        const body = 'text' in reply ? reply.text : JSON.stringify(reply.json);
        const type = 'json' in reply ? 'application/json' : body.startsWith('<?xml') ? 'text/xml' : 'text/html';
        res.writeHead(reply.status ?? 200, { 'Content-Type': type, ...reply.headers });
        res.end(body);
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, inFlight };
}

/** A port with nothing listening: connections are refused before anything is sent. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeClock(): OdooClock & { sleeps: number[] } {
  let t = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function client(url: string, extra: Partial<OdooClientOptions> = {}) {
  return createOdooClient({
    url,
    database: 'prod',
    login: 'bot@example.com',
    secret: SECRET,
    clock: fakeClock(),
    random: () => 0.5,
    ...extra,
  });
}

// ---------------------------------------------------------------------------------------------
// Wire formats, as Odoo writes them

/** Python xmlrpc.client.dumps output for a value. */
function xmlValue(value: unknown): string {
  if (value === null || value === undefined) return '<value><nil/></value>';
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? `<value><int>${value}</int></value>` : `<value><double>${value}</double></value>`;
  }
  if (typeof value === 'string') {
    return `<value><string>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</string></value>`;
  }
  if (Array.isArray(value)) return `<value><array><data>\n${value.map(xmlValue).join('\n')}\n</data></array></value>`;
  const members = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `<member>\n<name>${k}</name>\n${xmlValue(v)}\n</member>`)
    .join('\n');
  return `<value><struct>\n${members}\n</struct></value>`;
}

const xmlResult = (value: unknown): Reply => ({
  text: `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${xmlValue(value)}\n</param>\n</params>\n</methodResponse>\n`,
});

const xmlFault = (faultCode: number, faultString: string): Reply => ({
  text: `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${xmlValue({ faultCode, faultString })}\n</fault>\n</methodResponse>\n`,
});

function xmlCall(body: string): { method: string; params: unknown[] } {
  const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
  const params = [...body.matchAll(/<param>([\s\S]*?)<\/param>/g)].map((m) => {
    const decoded = decodeXmlRpcResponse(`<methodResponse><params><param>${m[1]}</param></params></methodResponse>`);
    return 'value' in decoded ? decoded.value : undefined;
  });
  return { method, params };
}

const TRACEBACK = (last: string) =>
  `Traceback (most recent call last):\n  File "/opt/odoo/odoo/addons/base/controllers/rpc.py", line 150, in xmlrpc_2\n    response = self._xmlrpc(service)\n  File "/opt/odoo/odoo/api.py", line 466, in call_kw\n    result = _call_kw_model(method, model, args, kwargs)\n${last}\n`;

const jsonRpcResult = (id: unknown, result: unknown): Reply => ({ json: { jsonrpc: '2.0', id, result } });

function jsonRpcError(id: unknown, name: string, message: string, code = 200): Reply {
  return {
    json: {
      jsonrpc: '2.0',
      id,
      error: {
        code,
        message: code === 100 ? 'Odoo Session Expired' : 'Odoo Server Error',
        data: { name, debug: TRACEBACK(`${name}: ${message}`), message, arguments: [message], context: {} },
      },
    },
  };
}

function json2Error(status: number, name: string, message: string, extra: Record<string, string> = {}): Reply {
  return {
    status,
    headers: extra,
    json: { name, message, arguments: [message, status], context: {}, debug: TRACEBACK(`${name}: ${message}`) },
  };
}

const VERSION_17 = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};
/** `GET /web/version` answers `{version_info, version}`, not common.version's keys. */
const WEB_VERSION_17 = { version_info: [17, 0, 0, 'final', 0, ''], version: '17.0' };
const WEB_VERSION_19 = { version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' };
const VERSION_19 = {
  server_version: '19.0',
  server_version_info: [19, 0, 0, 'final', 0, ''],
  server_serie: '19.0',
  protocol_version: 1,
};

const ORDERS = [
  { id: 1, name: 'S00001', partner_id: [7, 'Deco Addict'], commitment_date: false, amount_total: 1250.5 },
  { id: 2, name: 'S00002', partner_id: [8, 'Azure Interior'], commitment_date: '2025-03-01 10:00:00', amount_total: 99 },
];

const FIELD_ACCESS_17 =
  'The requested operation can not be completed due to security restrictions.\n\n' +
  'Document type: Contact (res.partner)\nOperation: read\nUser: 6\nFields:\n' +
  "- credit (allowed for groups 'Accounting / Billing', 'Accounting / Read-only')\n" +
  "- credit_limit (allowed for groups 'Accounting / Billing', 'Accounting / Read-only')";

const MODEL_ACCESS_17 =
  "You are not allowed to access 'Journal Entry' (account.move) records.\n\n" +
  'This operation is allowed for the following groups:\n\t- Accounting/Billing\n\t- Accounting/Read-only\n\n' +
  'Contact your administrator to request access if necessary.';

// ---------------------------------------------------------------------------------------------

describe('JSON-2 transport', () => {
  async function json2Server(route: (model: string, method: string, body: Record<string, unknown>) => Reply) {
    return startServer((req) => {
      if (req.path === '/web/version') return { json: WEB_VERSION_19 };
      const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(req.path);
      if (!match || req.method !== 'POST') return { status: 404, text: '<html><title>404: Not Found</title></html>' };
      return route(decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? ''), JSON.parse(req.body));
    });
  }

  it('is chosen for Odoo 19 and sends named arguments, bearer key and database header', async () => {
    const server = await json2Server((model, method, body) => {
      if (method === 'search_read') return { json: ORDERS };
      if (method === 'read') return { json: ORDERS.slice(0, 1) };
      if (method === 'create') return { json: [42] };
      if (method === 'write') return { json: true };
      if (method === 'search_count') return { json: 2 };
      if (method === 'fields_get') return { json: { name: { type: 'char', string: 'Order Reference' } } };
      return json2Error(404, 'werkzeug.exceptions.NotFound', `no ${model}.${method}`);
    });
    const odoo = client(server.url);
    expect(await odoo.transport()).toBe('json2');
    expect((await odoo.version()).major).toBe(19);

    const records = await odoo.searchRead('sale.order', [['state', '=', 'sale']], ['name', 'partner_id'], {
      limit: 10,
      order: 'id',
      context: { lang: 'en_US' },
    });
    expect(records).toEqual(ORDERS);
    const searchRequest = server.requests.find((r) => r.path === '/json/2/sale.order/search_read');
    expect(searchRequest?.headers.authorization).toBe(`bearer ${SECRET}`);
    expect(searchRequest?.headers['x-odoo-database']).toBe('prod');
    expect(searchRequest?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(searchRequest?.body ?? '')).toEqual({
      domain: [['state', '=', 'sale']],
      fields: ['name', 'partner_id'],
      limit: 10,
      order: 'id',
      context: { lang: 'en_US' },
    });

    expect(await odoo.read('sale.order', [1], ['name'])).toEqual(ORDERS.slice(0, 1));
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ ids: [1], fields: ['name'] });
    expect(await odoo.create('sale.order', { partner_id: 7 })).toBe(42);
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ vals_list: [{ partner_id: 7 }] });
    expect(await odoo.write('sale.order', [1, 2], { priority: '1' })).toBe(true);
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ ids: [1, 2], vals: { priority: '1' } });
    expect(await odoo.searchCount('sale.order', [])).toBe(2);
    expect((await odoo.fieldsGet('sale.order', { attributes: ['type', 'string'] })).name?.type).toBe('char');
    expect(JSON.parse(server.requests.at(-1)?.body ?? '')).toEqual({ attributes: ['type', 'string'] });
  });

  it('maps 401, 403, 404, 422 and 500 bodies to typed errors', async () => {
    const replies: Record<string, Reply> = {
      'res.users/search_read': json2Error(401, 'werkzeug.exceptions.Unauthorized', 'Invalid apikey'),
      'res.partner/search_read': json2Error(403, 'odoo.exceptions.AccessError', FIELD_ACCESS_17),
      'res.partner/read': json2Error(403, 'odoo.exceptions.AccessDenied', 'Access Denied'),
      'sale.order/write': json2Error(404, 'odoo.exceptions.MissingError', 'Record does not exist or has been deleted.\n(Record: sale.order(99,), User: 6)'),
      'sale.orderx/search_read': json2Error(404, 'werkzeug.exceptions.NotFound', "the model 'sale.orderx' does not exist"),
      'sale.order/frobnicate': json2Error(404, 'werkzeug.exceptions.NotFound', "The method 'frobnicate' does not exist on the model 'sale.order'"),
      'sale.order/create': json2Error(422, 'odoo.exceptions.ValidationError', 'The partner is required.'),
      'sale.order/search_count': json2Error(500, 'builtins.ValueError', "Invalid field 'margin' on model 'sale.order'"),
    };
    const server = await json2Server((model, method) => replies[`${model}/${method}`] ?? { json: [] });
    const odoo = client(server.url, { transport: 'json2' });

    const auth = await failure(odoo.searchRead('res.users', [], ['login']));
    expect(auth.kind).toBe('authentication');
    expect(auth.httpStatus).toBe(401);
    expect(auth.message).toContain('Invalid apikey');

    const access = await failure(odoo.searchRead('res.partner', [], ['credit']));
    expect(access).toBeInstanceOf(OdooAccessError);
    expect(access.kind).toBe('access');
    expect((access as OdooAccessError).access).toEqual({
      model: 'res.partner',
      operation: 'read',
      fields: ['credit', 'credit_limit'],
      groups: ['Accounting / Billing', 'Accounting / Read-only'],
    });
    expect(access.message).toContain('res.partner');
    expect(access.message).toContain('credit_limit');
    expect(access.message).toContain('Accounting / Billing');

    expect((await failure(odoo.read('res.partner', [1], ['name']))).kind).toBe('authentication');
    const missing = await failure(odoo.write('sale.order', [99], { note: 'x' }));
    expect(missing.kind).toBe('missing');
    expect(missing.odooException).toBe('odoo.exceptions.MissingError');
    expect((await failure(odoo.searchRead('sale.orderx', [], ['name']))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.call('sale.order', 'frobnicate', [[1]]))).kind).toBe('unknown-model-or-method');
    const validation = await failure(odoo.create('sale.order', {}));
    expect(validation.kind).toBe('validation');
    expect(validation.message).toContain('The partner is required.');
    const server500 = await failure(odoo.searchCount('sale.order', []));
    expect(server500.kind).toBe('server');
    expect(server500.message).toContain("Invalid field 'margin'");
    expect(server500.attempts).toBe(1); // deterministic server error: not retried
  });

  it('reports a missing /json/2 route (Odoo before 19) as unknown endpoint with a hint', async () => {
    const server = await startServer(() => ({ status: 404, text: '<!DOCTYPE html><html><head><title>404 | Page not found</title></head></html>' }));
    const error = await failure(client(server.url, { transport: 'json2' }).searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('unknown-model-or-method');
    expect(error.message).toMatch(/Odoo 19/);
  });

  it('honours 503 + Retry-After, then succeeds', async () => {
    let calls = 0;
    const server = await json2Server(() => {
      calls++;
      return calls === 1
        ? { status: 503, headers: { 'Retry-After': '2' }, text: '<html><title>503 Service Unavailable</title></html>' }
        : { json: ORDERS };
    });
    const clock = fakeClock();
    const odoo = client(server.url, { transport: 'json2', clock });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('gives up when Retry-After is longer than maxRetryAfterMs', async () => {
    const server = await json2Server(() => ({ status: 429, headers: { 'Retry-After': '600' }, text: 'slow down' }));
    const odoo = client(server.url, { transport: 'json2', maxRetryAfterMs: 30_000 });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('transient');
    expect(error.retryAfterMs).toBe(600_000);
    expect(error.attempts).toBe(1);
  });

  it('rejects a 200 reply that is not JSON as a protocol error', async () => {
    const server = await json2Server(() => ({ text: '<html>login page</html>' }));
    const error = await failure(client(server.url, { transport: 'json2' }).searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('protocol');
  });

  it('rejects results of the wrong shape as protocol errors', async () => {
    const server = await json2Server(() => ({ json: { not: 'a list' } }));
    const error = await failure(client(server.url, { transport: 'json2' }).searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/expected a list of records/);
  });
});

describe('json2Body', () => {
  it('maps execute_kw positional arguments to names', () => {
    expect(json2Body('search_read', [[['a', '=', 1]], ['name']], { limit: 5 })).toEqual({
      domain: [['a', '=', 1]],
      fields: ['name'],
      limit: 5,
    });
    expect(json2Body('write', [[1, 2], { x: 1 }], { context: { lang: 'fr_FR' } })).toEqual({
      ids: [1, 2],
      vals: { x: 1 },
      context: { lang: 'fr_FR' },
    });
    expect(json2Body('action_confirm', [[5]], {})).toEqual({ ids: [5] });
    expect(json2Body('some_model_method', [], { foo: 1 })).toEqual({ foo: 1 });
  });

  it('refuses positional arguments it cannot name', () => {
    expect(() => json2Body('some_method', [[1], 'x'], {})).toThrow(/by name/);
    expect(() => json2Body('search_read', [[], ['name']], { fields: ['x'] })).toThrow(/both/);
  });
});

describe('JSON-RPC transport', () => {
  async function jsonRpcServer(
    execute: (model: string, method: string, args: unknown[], kwargs: Record<string, unknown>, id: unknown) => Reply,
    options: { version?: Reply; uid?: unknown } = {},
  ) {
    return startServer((req) => {
      if (req.path === '/web/version') return options.version ?? { json: WEB_VERSION_17 };
      if (req.path !== '/jsonrpc') return { status: 404, text: '<html><title>404: Not Found</title></html>' };
      const call = JSON.parse(req.body) as { id: unknown; params: { service: string; method: string; args: unknown[] } };
      const { service, method, args } = call.params;
      if (service === 'common' && method === 'version') return jsonRpcResult(call.id, VERSION_17);
      if (service === 'common' && method === 'authenticate') {
        return jsonRpcResult(call.id, args[2] === SECRET ? (options.uid ?? 6) : false);
      }
      if (service === 'object' && method === 'execute_kw') {
        if (args[2] !== SECRET) return jsonRpcError(call.id, 'odoo.exceptions.AccessDenied', 'Access Denied');
        return execute(args[3] as string, args[4] as string, args[5] as unknown[], args[6] as Record<string, unknown>, call.id);
      }
      return jsonRpcError(call.id, 'builtins.KeyError', `'${service}'`);
    });
  }

  it('is chosen for Odoo 17, authenticates once and calls execute_kw', async () => {
    const server = await jsonRpcServer((model, method, args, kwargs, id) => {
      if (method === 'search_read') return jsonRpcResult(id, ORDERS);
      if (method === 'create') return jsonRpcResult(id, [9]);
      if (method === 'write') return jsonRpcResult(id, true);
      if (method === 'message_post') return { json: { jsonrpc: '2.0', id } }; // None: no "result" key
      return jsonRpcError(id, 'builtins.AttributeError', `The method '${method}' does not exist on the model '${model}'`);
    });
    const odoo = client(server.url);
    expect(await odoo.transport()).toBe('jsonrpc');
    expect(await odoo.searchRead('sale.order', [['id', '>', 0]], ['name'], { limit: 2, context: { warehouse: 1 } })).toEqual(ORDERS);
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
    const calls = server.requests.filter((r) => r.path === '/jsonrpc').map((r) => JSON.parse(r.body).params);
    expect(calls.filter((p) => p.method === 'authenticate')).toHaveLength(1);
    expect(calls[0]).toEqual({ service: 'common', method: 'authenticate', args: ['prod', 'bot@example.com', SECRET, {}] });
    expect(calls[1]).toEqual({
      service: 'object',
      method: 'execute_kw',
      args: ['prod', 6, SECRET, 'sale.order', 'search_read', [], { domain: [['id', '>', 0]], fields: ['name'], limit: 2, context: { warehouse: 1 } }],
    });
    expect(await odoo.create('sale.order', { partner_id: 7 })).toBe(9);
    expect(calls.length + 1).toBe(server.requests.filter((r) => r.path === '/jsonrpc').length);
    expect(JSON.parse(server.requests.at(-1)?.body ?? '').params.args.slice(3)).toEqual(['sale.order', 'create', [[{ partner_id: 7 }]], {}]);
    expect(await odoo.write('sale.order', [1], { note: 'n' })).toBe(true);
    expect(await odoo.call('sale.order', 'message_post', [[1]], { text: 'hi' })).toBeNull();
  });

  it('maps error envelopes by exception name', async () => {
    const errors: Record<string, [string, string]> = {
      search_read: ['odoo.exceptions.AccessError', MODEL_ACCESS_17],
      read: ['odoo.exceptions.MissingError', 'Record does not exist or has been deleted.\n(Record: sale.order(5,), User: 6)'],
      write: ['odoo.exceptions.ValidationError', 'Quantity must be positive'],
      create: ['odoo.exceptions.UserError', 'You cannot create an order for an archived customer.'],
      frobnicate: ['builtins.AttributeError', "The method 'frobnicate' does not exist on the model 'sale.order'"],
      frobnicate19: ['builtins.AttributeError', "The method 'sale.order.frobnicate19' does not exist"],
      name_search: ['psycopg2.OperationalError', 'connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "prd" does not exist\n'],
      search_count: ['psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update'],
    };
    const server = await jsonRpcServer((model, method, _args, _kwargs, id) => {
      if (model === 'nope.model') return jsonRpcError(id, 'odoo.exceptions.UserError', "Object nope.model doesn't exist");
      const [name, message] = errors[method] ?? ['builtins.ValueError', 'boom'];
      return jsonRpcError(id, name, message);
    });
    const odoo = client(server.url, { retries: 1 });
    const access = await failure(odoo.searchRead('account.move', [], ['name']));
    expect(access.kind).toBe('access');
    expect((access as OdooAccessError).access).toMatchObject({ model: 'account.move', groups: ['Accounting/Billing', 'Accounting/Read-only'] });
    expect(access.message).toContain('account.move');
    expect(access.debug).toContain('Traceback');
    expect((await failure(odoo.read('sale.order', [5], ['name']))).kind).toBe('missing');
    expect((await failure(odoo.write('sale.order', [5], { qty: -1 }))).kind).toBe('validation');
    expect((await failure(odoo.create('sale.order', {}))).kind).toBe('validation');
    expect((await failure(odoo.call('sale.order', 'frobnicate', [[5]]))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.searchRead('nope.model', [], ['name']))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.call('sale.order', 'frobnicate19', [[5]]))).kind).toBe('unknown-model-or-method');
    const database = await failure(odoo.call('sale.order', 'name_search', [], { name: 'x' }));
    expect(database.kind).toBe('configuration');
    expect(database.attempts).toBe(1);
    const serialization = await failure(odoo.searchCount('sale.order', []));
    expect(serialization.kind).toBe('transient');
    expect(serialization.attempts).toBe(2);
  });

  it('reports authenticate returning false as an authentication error, without retrying', async () => {
    const server = await jsonRpcServer(() => ({ json: {} }), { uid: false });
    const odoo = createOdooClient({ url: server.url, database: 'prod', login: 'bot', secret: 'wrong-password', clock: fakeClock() });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('authentication');
    expect(error.message).toContain('"bot"');
    expect(error.message).toContain('"prod"');
    expect(server.requests.filter((r) => r.path === '/jsonrpc')).toHaveLength(1);
  });

  it('falls back to common.version over JSON-RPC when /web/version is missing', async () => {
    const server = await jsonRpcServer((_m, _method, _a, _k, id) => jsonRpcResult(id, []), {
      version: { status: 404, text: '<html><title>404: Not Found</title></html>' },
    });
    const odoo = client(server.url);
    expect((await odoo.version()).serverVersion).toBe('17.0');
    expect(await odoo.transport()).toBe('jsonrpc');
  });

  it('needs database and login when the server has no JSON-2', async () => {
    const server = await jsonRpcServer(() => ({ json: {} }));
    const odoo = createOdooClient({ url: server.url, secret: SECRET, clock: fakeClock() });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('configuration');
    expect(error.message).toMatch(/Odoo 17\.0 has no JSON-2.*database and login/);
  });
});

describe('XML-RPC transport', () => {
  async function xmlRpcServer(execute: (model: string, method: string, args: unknown[], kwargs: Record<string, unknown>) => Reply | 'destroy') {
    return startServer((req) => {
      if (req.path === '/xmlrpc/2/common') {
        const { method, params } = xmlCall(req.body);
        if (method === 'version') return xmlResult(VERSION_17);
        if (method === 'authenticate') return xmlResult(params[2] === SECRET ? 6 : false);
        return xmlFault(1, TRACEBACK(`KeyError: '${method}'`));
      }
      if (req.path === '/xmlrpc/2/object') {
        const { params } = xmlCall(req.body);
        if (params[2] !== SECRET) return xmlFault(3, 'Access Denied');
        return execute(params[3] as string, params[4] as string, params[5] as unknown[], params[6] as Record<string, unknown>);
      }
      return { status: 404, text: '<html><title>404: Not Found</title></html>' };
    });
  }

  it('authenticates and calls execute_kw through odoo-xmlrpc', async () => {
    let seen: unknown[] = [];
    const server = await xmlRpcServer((model, method, args, kwargs) => {
      seen = [model, method, args, kwargs];
      if (method === 'search_read') return xmlResult(ORDERS);
      if (method === 'create') return xmlResult([11]);
      if (method === 'write') return xmlResult(true);
      return xmlFault(1, TRACEBACK("AttributeError: The method 'x' does not exist on the model 'sale.order'"));
    });
    const odoo = client(server.url, { transport: 'xmlrpc' });
    expect(await odoo.transport()).toBe('xmlrpc');
    const records = await odoo.searchRead('sale.order', [['state', 'in', ['sale', 'done']]], ['name', 'partner_id'], { limit: 5 });
    expect(records).toEqual(ORDERS);
    expect(seen).toEqual(['sale.order', 'search_read', [], { domain: [['state', 'in', ['sale', 'done']]], fields: ['name', 'partner_id'], limit: 5 }]);
    expect(await odoo.create('sale.order', { partner_id: 7 })).toBe(11);
    expect(seen.slice(0, 3)).toEqual(['sale.order', 'create', [[{ partner_id: 7 }]]]);
    expect(await odoo.write('sale.order', [1], { note: 'x' })).toBe(true);
    const authCalls = server.requests.filter((r) => r.path === '/xmlrpc/2/common');
    expect(authCalls).toHaveLength(1);
  });

  it('maps faults 1–4 (HTTP 200) to typed errors', async () => {
    const server = await xmlRpcServer((model, method) => {
      switch (method) {
        case 'search_read':
          return model === 'res.partner'
            ? xmlFault(4, FIELD_ACCESS_17)
            : xmlFault(2, "Object sale.orderx doesn't exist");
        case 'read':
          return xmlFault(2, 'Record does not exist or has been deleted.\n(Record: sale.order(5,), User: 6)');
        case 'write':
          return xmlFault(2, 'The quantity must be positive.');
        case 'search_count':
          return xmlFault(1, TRACEBACK("ValueError: Invalid field 'margin' on model 'sale.order'"));
        case 'unlink':
          return xmlFault(3, 'Access Denied');
        default:
          return xmlFault(1, TRACEBACK(`AttributeError: The method '${method}' does not exist on the model '${model}'`));
      }
    });
    const odoo = client(server.url, { transport: 'xmlrpc' });
    const access = await failure(odoo.searchRead('res.partner', [], ['credit']));
    expect(access.kind).toBe('access');
    expect(access.faultCode).toBe(4);
    expect((access as OdooAccessError).access.fields).toEqual(['credit', 'credit_limit']);
    expect((await failure(odoo.searchRead('sale.orderx', [], ['name']))).kind).toBe('unknown-model-or-method');
    expect((await failure(odoo.read('sale.order', [5], ['name']))).kind).toBe('missing');
    expect((await failure(odoo.write('sale.order', [5], { qty: -1 }))).kind).toBe('validation');
    const serverError = await failure(odoo.searchCount('sale.order', []));
    expect(serverError.kind).toBe('server');
    expect(serverError.odooException).toBe('ValueError');
    expect(serverError.message).toContain("Invalid field 'margin' on model 'sale.order'");
    expect(serverError.message).not.toContain('Traceback');
    expect(serverError.debug).toContain('Traceback');
    expect((await failure(odoo.call('sale.order', 'unlink', [[5]]))).kind).toBe('authentication');
    expect((await failure(odoo.call('sale.order', 'frobnicate', [[5]]))).kind).toBe('unknown-model-or-method');
  });

  it('reads the "cannot marshal None" fault as a successful null (Odoo committed already)', async () => {
    const server = await xmlRpcServer(() =>
      xmlFault(1, TRACEBACK('TypeError: cannot marshal None unless allow_none is enabled')),
    );
    const odoo = client(server.url, { transport: 'xmlrpc' });
    expect(await odoo.call('mail.activity', 'action_feedback', [[3]], { feedback: 'approve' })).toBeNull();
    expect(server.requests.filter((r) => r.path === '/xmlrpc/2/object')).toHaveLength(1);
  });

  it('reports authenticate returning false as an authentication error', async () => {
    const server = await xmlRpcServer(() => xmlResult([]));
    const odoo = createOdooClient({ url: server.url, database: 'prod', login: 'bot', secret: 'nope', transport: 'xmlrpc', clock: fakeClock() });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('authentication');
  });

  it('retries a read after a proxy 503 with Retry-After', async () => {
    let calls = 0;
    const server = await xmlRpcServer(() => {
      calls++;
      return calls < 3 ? { status: 503, headers: { 'Retry-After': '1' }, text: '<html><title>503</title></html>' } : xmlResult(ORDERS);
    });
    const clock = fakeClock();
    const odoo = client(server.url, { transport: 'xmlrpc', clock });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('detects the version over XML-RPC when that is all the server answers', async () => {
    const server = await xmlRpcServer(() => xmlResult([]));
    const version = await client(server.url, { transport: 'xmlrpc' }).version();
    expect(version).toMatchObject({ serverVersion: '17.0', major: 17, minor: 0, serie: '17.0' });
    expect(server.requests.map((r) => r.path)).toEqual(['/web/version', '/xmlrpc/2/common']);
  });

  it('reports a missing XML-RPC endpoint', async () => {
    const server = await startServer(() => ({ status: 404, text: 'Not Found' }));
    const error = await failure(client(server.url, { transport: 'xmlrpc' }).searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('unknown-model-or-method');
    expect(error.method).toBe('authenticate');
  });
});

describe('resilience', () => {
  function json2Flaky(fail: (n: number, method: string) => Reply | 'destroy' | 'hang' | undefined) {
    let n = 0;
    return startServer((req) => {
      const method = req.path.split('/').at(-1) ?? '';
      n++;
      return fail(n, method) ?? { json: method === 'write' ? true : method === 'create' ? [5] : ORDERS };
    });
  }

  it('retries transient failures with exponential backoff and full jitter', async () => {
    const server = await json2Flaky((n) => (n <= 3 ? { status: 502, text: 'Bad Gateway' } : undefined));
    const clock = fakeClock();
    const events: OdooCallEvent[] = [];
    const odoo = client(server.url, {
      transport: 'json2',
      clock,
      random: () => 0.5,
      retries: 3,
      backoffBaseMs: 100,
      backoffMaxMs: 300,
      onCall: (event) => events.push(event),
    });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([50, 100, 150]); // 0.5 × min(300, 100·2^k)
    expect(events.map((e) => [e.attempt, e.outcome, e.willRetry])).toEqual([
      [1, 'transient', true],
      [2, 'transient', true],
      [3, 'transient', true],
      [4, 'ok', false],
    ]);
    expect(events.every((e) => e.model === 'sale.order' && e.method === 'search_read' && e.transport === 'json2')).toBe(true);
  });

  it('stops after the configured retries', async () => {
    const server = await json2Flaky(() => ({ status: 503, text: 'down' }));
    const odoo = client(server.url, { transport: 'json2', retries: 2 });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.kind).toBe('transient');
    expect(error.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('never retries validation or access errors', async () => {
    const server = await json2Flaky((_n, method) =>
      method === 'create'
        ? json2Error(422, 'odoo.exceptions.ValidationError', 'bad')
        : json2Error(403, 'odoo.exceptions.AccessError', MODEL_ACCESS_17),
    );
    const odoo = client(server.url, { transport: 'json2', retries: 5 });
    expect((await failure(odoo.create('sale.order', {}))).attempts).toBe(1);
    expect((await failure(odoo.searchRead('account.move', [], ['name']))).attempts).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a read whose connection dropped after sending, but never a write', async () => {
    const server = await json2Flaky((n, method) => (method === 'write' || n === 1 ? 'destroy' : undefined));
    const odoo = client(server.url, { transport: 'json2', retries: 3 });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
    expect(server.requests).toHaveLength(2);
    const error = await failure(odoo.write('sale.order', [1], { note: 'x' }));
    expect(error.kind).toBe('transient');
    expect(error.requestSent).toBe(true);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a write whose request was never sent (connection refused)', async () => {
    const events: OdooCallEvent[] = [];
    const odoo = client(await deadUrl(), { transport: 'json2', retries: 2, onCall: (e) => events.push(e) });
    const error = await failure(odoo.write('sale.order', [1], { note: 'x' }));
    expect(error.kind).toBe('transient');
    expect(error.requestSent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.attempts).toBe(3);
    expect(events).toHaveLength(3);
  });

  it('times out each attempt; retries reads, not writes', async () => {
    const server = await json2Flaky(() => 'hang');
    const odoo = client(server.url, { transport: 'json2', timeoutMs: 80, retries: 1 });
    const read = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(read.kind).toBe('transient');
    expect(read.timedOut).toBe(true);
    expect(read.message).toMatch(/within 80 ms/);
    expect(read.attempts).toBe(2);
    const write = await failure(odoo.write('sale.order', [1], { note: 'x' }));
    expect(write.timedOut).toBe(true);
    expect(write.attempts).toBe(1);
    expect(server.requests).toHaveLength(3);
  });

  it('times out XML-RPC calls too (the xmlrpc package cannot abort)', async () => {
    const server = await startServer((req) => {
      if (req.path === '/xmlrpc/2/common') return xmlResult(6);
      return 'hang';
    });
    const odoo = client(server.url, { transport: 'xmlrpc', timeoutMs: 80, retries: 0 });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(error.timedOut).toBe(true);
    expect(error.transport).toBe('xmlrpc');
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const server = await startServer(async () => {
      await delay(30);
      return { json: ORDERS };
    });
    const odoo = client(server.url, { transport: 'json2', concurrency: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => odoo.searchRead('sale.order', [], ['name'])));
    expect(results).toHaveLength(10);
    expect(server.requests).toHaveLength(10);
    expect(server.inFlight.max).toBe(3);
  });

  it('stops on the caller signal', async () => {
    const server = await startServer(() => 'hang');
    const odoo = client(server.url, { transport: 'json2' });
    const controller = new AbortController();
    const pending = odoo.searchRead('sale.order', [], ['name'], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 30);
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('never lets an onCall hook break a call', async () => {
    const server = await startServer(() => ({ json: ORDERS }));
    const odoo = client(server.url, {
      transport: 'json2',
      onCall: () => {
        throw new Error('metrics down');
      },
    });
    expect(await odoo.searchRead('sale.order', [], ['name'])).toEqual(ORDERS);
  });
});

describe('the secret never leaks', () => {
  /** Everything reachable from an error: message, stack, own properties, cause chain. */
  function everything(error: unknown): string {
    const parts = [inspect(error, { showHidden: true, depth: 20 }), JSON.stringify(error), String(error)];
    let cause: unknown = error;
    while (cause instanceof Error) {
      parts.push(cause.message, cause.stack ?? '');
      cause = cause.cause;
    }
    return parts.join('\n');
  }

  const echo = `Access Denied for key ${SECRET}`;

  it.each([
    ['json2', () => startServer(() => json2Error(401, 'werkzeug.exceptions.Unauthorized', echo))],
    ['json2 protocol', () => startServer(() => ({ text: `<html>${SECRET}</html>` }))],
    [
      'jsonrpc',
      () =>
        startServer((req) =>
          req.path === '/jsonrpc' ? jsonRpcError(JSON.parse(req.body).id, 'odoo.exceptions.AccessDenied', echo) : { status: 404, text: '' },
        ),
    ],
    ['xmlrpc', () => startServer(() => xmlFault(1, TRACEBACK(`ValueError: ${echo}`)))],
    ['xmlrpc http', () => startServer(() => ({ status: 500, text: `<html><title>${SECRET}</title></html>` }))],
  ] as const)('in %s errors', async (label, start) => {
    const server = await start();
    const transport = label.startsWith('json2') ? 'json2' : label.startsWith('jsonrpc') ? 'jsonrpc' : 'xmlrpc';
    const events: OdooCallEvent[] = [];
    const odoo = client(server.url, { transport, retries: 1, onCall: (e) => events.push(e) });
    const error = await failure(odoo.searchRead('sale.order', [], ['name']));
    expect(everything(error)).not.toContain(SECRET);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(inspect(odoo, { showHidden: true, depth: 20 })).not.toContain(SECRET);
  });

  it('in network errors of every transport', async () => {
    const url = await deadUrl();
    for (const transport of ['json2', 'jsonrpc', 'xmlrpc'] as const) {
      const error = await failure(client(url, { transport, retries: 0 }).searchRead('sale.order', [], ['name']));
      expect(error.kind).toBe('transient');
      expect(error.cause).toBeInstanceOf(Error);
      expect(everything(error)).not.toContain(SECRET);
    }
  });
});

describe('options', () => {
  it('refuses bad options with configuration errors', () => {
    const bad: Array<Partial<OdooClientOptions>> = [
      { url: 'not a url' },
      { url: 'ftp://odoo' },
      { url: `https://bot:${SECRET}@odoo.example.com` },
      { secret: '' },
      { transport: 'soap' as never },
      { timeoutMs: 0 },
      { retries: -1 },
      { concurrency: 0 },
      { transport: 'jsonrpc', database: undefined },
      { transport: 'xmlrpc', url: 'https://odoo.example.com/erp' },
    ];
    for (const options of bad) {
      let caught: unknown;
      try {
        createOdooClient({ url: 'https://odoo.example.com', database: 'prod', login: 'bot', secret: SECRET, ...options });
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(options)).toBeInstanceOf(OdooError);
      expect((caught as OdooError).kind).toBe('configuration');
      expect(String((caught as Error).message)).not.toContain(SECRET);
    }
  });
});

describe('wire parsing helpers', () => {
  it('reads versions, SaaS included', () => {
    expect(parseVersionInfo(VERSION_17)).toMatchObject({ major: 17, minor: 0 });
    expect(parseVersionInfo({ server_version: 'saas~18.3+e', server_version_info: ['saas~18', 3, 0, 'final', 0, 'e'] })).toMatchObject({
      major: 18,
      minor: 3,
    });
    expect(parseVersionInfo({ server_version: '19.0+e' })).toMatchObject({ major: 19, minor: 0 });
    expect(parseVersionInfo(VERSION_19)).toMatchObject({ major: 19, minor: 0, serie: '19.0' });
    expect(parseVersionInfo(WEB_VERSION_17)).toMatchObject({ serverVersion: '17.0', major: 17, minor: 0 });
    expect(parseVersionInfo({ nothing: true })).toBeUndefined();
  });

  it('reads access messages', () => {
    expect(parseAccessMessage(MODEL_ACCESS_17)).toEqual({
      model: 'account.move',
      operation: 'read',
      groups: ['Accounting/Billing', 'Accounting/Read-only'],
    });
    expect(
      parseAccessMessage(
        'You do not have enough rights to access the fields "credit,credit_limit" on Contact (res.partner). Please contact your system administrator.\n\n(Operation: read)',
      ),
    ).toEqual({ model: 'res.partner', operation: 'read', fields: ['credit', 'credit_limit'] });
  });

  it('finds the exception at the end of a traceback', () => {
    expect(lastExceptionOfTraceback(TRACEBACK('psycopg2.errors.SerializationFailure: could not serialize'))).toEqual({
      name: 'psycopg2.errors.SerializationFailure',
      message: 'could not serialize',
    });
    expect(lastExceptionOfTraceback(TRACEBACK('odoo.exceptions.UserError: line one\nline two'))).toEqual({
      name: 'odoo.exceptions.UserError',
      message: 'line one\nline two',
    });
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('5', 0)).toBe(5000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('resolveSecret', () => {
  it('reads and trims an environment variable', async () => {
    expect(await resolveSecret({ env: 'ODOO_KEY' }, { ODOO_KEY: `  ${SECRET}\n` })).toBe(SECRET);
  });

  it('names a missing or empty variable, never a value', async () => {
    await expect(resolveSecret({ env: 'ODOO_API_KEY' }, {})).rejects.toThrow(/ODOO_API_KEY is not set/);
    await expect(resolveSecret({ env: 'ODOO_API_KEY' }, { ODOO_API_KEY: '  ' })).rejects.toThrow(/ODOO_API_KEY is empty/);
  });

  it('reads and trims a secrets file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'distrule-secret-'));
    const file = join(dir, 'odoo');
    writeFileSync(file, `${SECRET}\n`);
    expect(await resolveSecret({ file })).toBe(SECRET);
    expect(resolveSecretSync({ file })).toBe(SECRET);
    writeFileSync(file, '\n');
    await expect(resolveSecret({ file })).rejects.toThrow(`file ${file} is empty`);
    writeFileSync(file, SECRET);
    chmodSync(file, 0o000);
    if (process.getuid?.() !== 0) {
      const error: Error = await resolveSecret({ file }).then(
        () => new Error('expected a failure'),
        (e: unknown) => e as Error,
      );
      expect(error.message).toContain('permission denied');
      expect(everythingOf(error)).not.toContain(SECRET);
    }
  });

  it('names a missing file', async () => {
    await expect(resolveSecret({ file: '/run/secrets/does-not-exist' })).rejects.toThrow(
      'Odoo secret: file /run/secrets/does-not-exist does not exist',
    );
  });

  it('wants exactly one source', async () => {
    await expect(resolveSecret({} as never)).rejects.toThrow(/exactly one/);
    await expect(resolveSecret({ env: 'A', file: '/x' } as never)).rejects.toThrow(/exactly one/);
  });
});

function everythingOf(error: Error): string {
  return `${inspect(error, { showHidden: true, depth: 10 })}\n${JSON.stringify(error)}`;
}
