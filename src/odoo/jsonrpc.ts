/**
 * JSON-RPC (`POST /jsonrpc`, Odoo ≤19, deprecated from 19): `common.authenticate` once for the
 * uid, then `object.execute_kw(db, uid, secret, model, method, args, kwargs)` per call. Errors
 * come back with HTTP 200 as `{error: {code, message, data: {name, message, debug, …}}}`.
 */
import {
  asOdooErrorBody,
  errorFromOdooException,
  protocolError,
  type CallContext,
} from './classify.js';
import { makeOdooError, type OdooError } from './errors.js';
import { httpExchange, throwUnlessOk } from './http.js';
import { definedEntries, type Transport, type TransportRequest, type TransportSettings } from './transport.js';

let nextId = 1;

/** One JSON-RPC `call` of `service.method(*args)`; resolves with `result` (null when Odoo left it out). */
export async function jsonRpcCall(
  settings: TransportSettings,
  service: string,
  method: string,
  args: unknown[],
  ctx: CallContext,
  signal: AbortSignal,
): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: nextId++ });
  const reply = await httpExchange(
    {
      url: `${settings.baseUrl}/jsonrpc`,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        'User-Agent': settings.userAgent,
      },
      body,
      signal,
    },
    ctx,
  );
  throwUnlessOk(reply, ctx, settings.now());
  let envelope: unknown;
  try {
    envelope = JSON.parse(reply.text) as unknown;
  } catch (error) {
    throw protocolError('the reply is not JSON', ctx, error);
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw protocolError('the reply is not a JSON-RPC envelope', ctx);
  }
  const record = envelope as Record<string, unknown>;
  if (record.error !== undefined && record.error !== null) throw errorFromJsonRpcEnvelope(record.error, ctx);
  // Odoo leaves `result` out when the method returned None.
  return record.result ?? null;
}

/** `common.version` over JSON-RPC (no login needed). */
export function jsonRpcVersion(settings: TransportSettings, signal: AbortSignal): Promise<unknown> {
  const ctx: CallContext = { model: '', method: 'version', transport: 'jsonrpc', redact: settings.redact };
  return jsonRpcCall(settings, 'common', 'version', [], ctx, signal);
}

export function createJsonRpcTransport(settings: TransportSettings): Transport {
  let uid: number | undefined;
  const database = settings.database ?? '';

  return {
    name: 'jsonrpc',
    async login(signal) {
      const ctx: CallContext = { model: '', method: 'authenticate', transport: 'jsonrpc', redact: settings.redact };
      const args = [database, settings.login ?? '', settings.secret, {}];
      const result = await jsonRpcCall(settings, 'common', 'authenticate', args, ctx, signal);
      uid = uidFromAuthenticate(result, ctx, settings.login, database);
    },
    async execute(request: TransportRequest) {
      const ctx: CallContext = {
        model: request.model,
        method: request.method,
        transport: 'jsonrpc',
        redact: settings.redact,
      };
      if (uid === undefined) throw new Error('JSON-RPC transport used before login()');
      const args = [
        database,
        uid,
        settings.secret,
        request.model,
        request.method,
        [...request.args],
        definedEntries(request.kwargs),
      ];
      return jsonRpcCall(settings, 'object', 'execute_kw', args, ctx, request.signal);
    },
  };
}

/** `common.authenticate` answers the uid, or `false` for a wrong login, secret or database. */
export function uidFromAuthenticate(
  result: unknown,
  ctx: CallContext,
  login: string | undefined,
  database: string,
): number {
  if (typeof result === 'number' && Number.isInteger(result) && result > 0) return result;
  if (result === false || result === null || result === 0) {
    throw makeOdooError(
      'authentication',
      `Odoo rejected the credentials calling ${ctx.transport === 'xmlrpc' ? 'XML-RPC' : 'JSON-RPC'} authenticate: ` +
        `login "${login ?? ''}" on database "${database}" did not authenticate.\n` +
        'Check the login, the database name and the password or API key.',
      { method: 'authenticate', transport: ctx.transport, requestSent: true },
    );
  }
  throw protocolError(`authenticate returned ${typeof result}, not a user id`, ctx);
}

export function errorFromJsonRpcEnvelope(error: unknown, ctx: CallContext): OdooError {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const data = asOdooErrorBody(record.data);
  const code = record.code;
  if (data) {
    // code 100: session expired; code 404: no such route. Otherwise the exception name decides.
    const kind = code === 100 ? 'authentication' : code === 404 ? 'unknown-model-or-method' : undefined;
    return errorFromOdooException({ ...data, kind }, ctx);
  }
  const message = typeof record.message === 'string' ? record.message : 'error without data';
  return protocolError(`JSON-RPC error ${String(code ?? '')} ${message}`.replace(/\s+/g, ' '), ctx);
}
