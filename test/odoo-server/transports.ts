/**
 * The four HTTP faces of the server — /web/version, XML-RPC, JSON-RPC, JSON-2 — each parsing its
 * request into a prepared call and answering with Odoo's exact envelope, status and errors.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { pyRepr } from '../../src/odoo/domain.js';
import { dispatchRpc, executeJson2, userByApiKey, webVersionPayload, type CallInfo, type ServerState } from './dispatch.js';
import { HttpError, OdooError, asOdooError, serializeException, syntheticTraceback } from './errors.js';
import type { FaultTarget, Transport } from './faults.js';
import { MarshalError, XmlRpcParseError, dumpFault, dumpResponse, parseMethodCall } from './xmlrpc.js';
import { isPyDict, pyJsonDumps, toPyValue, type PyValue } from './wire.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface IncomingCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A parsed request, ready to run once injected faults have had their say. */
export interface PreparedCall {
  transport: Transport;
  target: FaultTarget;
  info: CallInfo;
  /** What was asked, without credentials, for the call log. */
  args: PyValue;
  run(): HttpAnswer;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

function json(status: number, value: PyValue, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: pyJsonDumps(value) };
}

function werkzeugHtml(status: number, title: string, description: string): HttpAnswer {
  return {
    status,
    headers: { 'Content-Type': HTML_TYPE },
    body: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description}</p>\n`,
  };
}

export const notFoundPage = (): HttpAnswer =>
  werkzeugHtml(404, 'Not Found', 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.');

function mimetype(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

// ------------------------------------------------------------------------------------------
// GET /web/version

export function prepareWebVersion(state: ServerState): PreparedCall {
  return {
    transport: 'http',
    target: { transport: 'http', method: 'version' },
    info: { method: 'version' },
    args: [],
    run: () => json(200, webVersionPayload(state.version)),
  };
}

// ------------------------------------------------------------------------------------------
// XML-RPC: /xmlrpc/2/<service> (int fault codes) and the legacy /xmlrpc/<service> (strings).

/** `xmlrpc_handle_exception_int`: 4 AccessError, 3 AccessDenied, 2 other UserErrors, 1 the rest. */
function xmlrpcFaultInt(error: OdooError): string {
  switch (error.pyName) {
    case 'odoo.exceptions.AccessError':
      return dumpFault(4, error.message);
    case 'odoo.exceptions.AccessDenied':
      return dumpFault(3, error.message);
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.MissingError':
    case 'odoo.exceptions.ValidationError':
      return dumpFault(2, error.message);
    default:
      return dumpFault(1, syntheticTraceback(error, 'addons/base/controllers/rpc.py'));
  }
}

/** `xmlrpc_handle_exception_string`, the historical (non-compliant) string fault codes. */
function xmlrpcFaultString(error: OdooError): string {
  switch (error.pyName) {
    case 'odoo.exceptions.MissingError':
      return dumpFault(`warning -- MissingError\n\n${error.message}`, '');
    case 'odoo.exceptions.AccessError':
      return dumpFault(`warning -- AccessError\n\n${error.message}`, '');
    case 'odoo.exceptions.AccessDenied':
      return dumpFault('AccessDenied', error.message);
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
      return dumpFault(`warning -- UserError\n\n${error.message}`, '');
    default:
      return dumpFault(error.message, syntheticTraceback(error, 'addons/base/controllers/rpc.py'));
  }
}

function withoutSecrets(service: string, method: string, params: PyValue[]): PyValue {
  if (service === 'object') return params.slice(3);
  if (service === 'common' && (method === 'login' || method === 'authenticate')) return [params[0] ?? null, params[1] ?? null];
  return params;
}

export function prepareXmlRpc(state: ServerState, call: IncomingCall, service: string, legacy: boolean): PreparedCall {
  const info: CallInfo = { service };
  const fault = legacy ? xmlrpcFaultString : xmlrpcFaultInt;
  const answer = (body: string): HttpAnswer => ({ status: 200, headers: { 'Content-Type': XML_TYPE }, body });
  if (call.method !== 'POST') {
    return {
      transport: 'xmlrpc', target: { transport: 'xmlrpc' }, info, args: [],
      run: () => werkzeugHtml(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'),
    };
  }
  let parsed: { method: string; params: PyValue[] };
  try {
    parsed = parseMethodCall(call.body);
  } catch (error) {
    const message = error instanceof XmlRpcParseError ? error.message : String(error);
    const failure = new OdooError('xml.parsers.expat.ExpatError', message);
    return { transport: 'xmlrpc', target: { transport: 'xmlrpc' }, info, args: [], run: () => answer(fault(failure)) };
  }
  const { method, params } = parsed;
  info.method = method;
  const target: FaultTarget = { transport: 'xmlrpc', method };
  if (service === 'object' && method === 'execute_kw') {
    target.model = typeof params[3] === 'string' ? params[3] : undefined;
    target.method = typeof params[4] === 'string' ? params[4] : method;
  }
  return {
    transport: 'xmlrpc',
    target,
    info,
    args: withoutSecrets(service, method, params),
    run: () => {
      let result: PyValue;
      try {
        result = dispatchRpc(state, service, method, params, info);
      } catch (error) {
        return answer(fault(asOdooError(error)));
      }
      try {
        return answer(dumpResponse(result));
      } catch (error) {
        // Marshalling happens inside Odoo's try block: None becomes an application fault.
        if (error instanceof MarshalError) return answer(fault(new OdooError(error.pyName, error.message)));
        throw error;
      }
    },
  };
}

// ------------------------------------------------------------------------------------------
// JSON-RPC: POST /jsonrpc {"jsonrpc": "2.0", "method": "call", "params": {service, method, args}}

function jsonRpcError(state: ServerState, id: PyValue, error: OdooError): HttpAnswer {
  // "This code is ignored and the value 200 (while misleading) is totally arbitrary" (Odoo 17);
  // Odoo 18 changed it to 0.
  const code = state.version.startsWith('17') ? 200 : 0;
  const data = serializeException(error, state.version, 'http.py') as { [key: string]: PyValue };
  return json(200, { jsonrpc: '2.0', id, error: { code, message: 'Odoo Server Error', data } });
}

export function prepareJsonRpc(state: ServerState, call: IncomingCall): PreparedCall {
  const info: CallInfo = {};
  const base = { transport: 'jsonrpc' as const, info };
  const plain = (status: number, text: string): HttpAnswer => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: text });
  if (!['application/json', 'application/json-rpc'].includes(mimetype(call.headers))) {
    return {
      ...base, target: { transport: 'jsonrpc' }, args: [],
      run: () => werkzeugHtml(400, 'Bad Request', "Request inferred type is compatible with ['http'] but /jsonrpc is type=json."),
    };
  }
  let request: unknown;
  try {
    request = JSON.parse(call.body);
  } catch {
    return { ...base, target: { transport: 'jsonrpc' }, args: [], run: () => plain(400, 'Invalid JSON data') };
  }
  if (!isPyDict(request)) {
    return { ...base, target: { transport: 'jsonrpc' }, args: [], run: () => plain(400, 'Invalid JSON-RPC data') };
  }
  const envelope = toPyValue(request) as { [key: string]: PyValue };
  const id = envelope.id ?? null;
  const params = isPyDict(envelope.params) ? envelope.params : {};
  const service = typeof params.service === 'string' ? params.service : '';
  const method = typeof params.method === 'string' ? params.method : '';
  const args = Array.isArray(params.args) ? params.args : [];
  info.service = service;
  info.method = method;
  const target: FaultTarget = { transport: 'jsonrpc', method };
  if (service === 'object' && method === 'execute_kw') {
    target.model = typeof args[3] === 'string' ? args[3] : undefined;
    target.method = typeof args[4] === 'string' ? args[4] : method;
  }
  return {
    ...base,
    target,
    args: withoutSecrets(service, method, args),
    run: () => {
      if (!('service' in params) || !('method' in params) || !('args' in params)) {
        const missing = ['service', 'method', 'args'].filter((k) => !(k in params)).map((k) => `'${k}'`);
        return jsonRpcError(state, id, new OdooError('TypeError', `RPC.jsonrpc() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.join(' and ')}`));
      }
      try {
        const result = dispatchRpc(state, service, method, args, info);
        // Odoo leaves "result" out when the method returned None.
        return json(200, result === null ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result });
      } catch (error) {
        return jsonRpcError(state, id, asOdooError(error));
      }
    },
  };
}

// ------------------------------------------------------------------------------------------
// JSON-2 (Odoo 19): POST /json/2/<model>/<method>, bearer API key, kwargs in the body.

function json2Error(state: ServerState, error: unknown): HttpAnswer {
  if (error instanceof HttpError) {
    const body = {
      name: error.pyName,
      message: error.description,
      arguments: [error.description, error.status],
      context: {},
      debug: `Traceback (most recent call last):\n  (frames elided by the distrule test server)\n${error.pyName}: ${error.status} ${error.exception}: ${error.description}\n`,
    };
    return json(error.status, body, { ...error.headers });
  }
  const odoo = asOdooError(error);
  const status = odoo.isUserError ? odoo.httpStatus : 500;
  return json(status, serializeException(odoo, state.version, 'http.py') as { [key: string]: PyValue });
}

export function prepareJson2(state: ServerState, call: IncomingCall, model: string | undefined, method: string | undefined): PreparedCall {
  const info: CallInfo = { model, method };
  const base = { transport: 'json2' as const, info, target: { transport: 'json2' as const, model, method } };
  const fail = (error: unknown): PreparedCall => ({ ...base, args: [], run: () => json2Error(state, error) });

  if (!model || !method || call.method !== 'POST') {
    return fail(new HttpError('NotFound', 'Did you mean POST /json/2/<model>/<method>?'));
  }
  if (call.body.length > 0 && mimetype(call.headers) !== 'application/json') {
    return fail(new HttpError('BadRequest', "Request inferred type is compatible with ['http'] but /json/2/<__model__>/<__method__> is type=json2."));
  }
  const db = call.headers['x-odoo-database'];
  if (typeof db === 'string' && db !== state.database) {
    return fail(new HttpError('NotFound', `database ${pyRepr(db)} not found`));
  }
  const challenge = { 'WWW-Authenticate': 'Bearer' };
  const authorization = call.headers.authorization ?? '';
  const token = /^bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
  if (!token) return fail(new HttpError('Unauthorized', 'User not authenticated, use the "Authorization" header', challenge));
  const user = userByApiKey(state, token);
  if (!user) return fail(new HttpError('Unauthorized', 'Invalid apikey', challenge));
  info.uid = user.uid;

  let body: { [key: string]: PyValue } = {};
  if (call.body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(call.body);
    } catch (error) {
      return fail(new HttpError('BadRequest', `could not parse the body as json: ${(error as Error).message}`));
    }
    // A body that is not an object is ignored (Odoo merges it into the path arguments or drops it).
    if (isPyDict(parsed)) body = toPyValue(parsed) as { [key: string]: PyValue };
  }
  return {
    ...base,
    args: body,
    run: () => {
      try {
        return json(200, executeJson2(state, user, model, method, body));
      } catch (error) {
        return json2Error(state, error);
      }
    },
  };
}
