/**
 * XML-RPC (`/xmlrpc/2/common` + `/xmlrpc/2/object`, Odoo ≤19, deprecated from 19) through the
 * odoo-xmlrpc package. Every reply is HTTP 200; errors are faults (see classify.ts). A method
 * that returns None cannot be marshalled by Odoo's XML-RPC layer and faults *after* the
 * transaction committed: that fault is read as a successful `null`.
 */
import OdooXmlRpc from 'odoo-xmlrpc';
import {
  errorFromHttpReply,
  errorFromXmlRpcFault,
  networkError,
  protocolError,
  type CallContext,
} from './classify.js';
import { isOdooError } from './errors.js';
import { httpExchange, throwUnlessOk } from './http.js';
import { uidFromAuthenticate } from './jsonrpc.js';
import { errorCode } from './redact.js';
import { definedEntries, type Transport, type TransportRequest, type TransportSettings } from './transport.js';
import { decodeXmlRpcResponse, VERSION_CALL } from './xmlrpc-decode.js';

const NONE_FAULT = /cannot marshal None unless allow_none is enabled/;

export function createXmlRpcTransport(settings: TransportSettings): Transport {
  const url = new URL(settings.baseUrl);
  const odoo = new OdooXmlRpc({
    url: `${url.protocol}//${url.host}`,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    db: settings.database ?? '',
    username: settings.login ?? '',
    password: settings.secret,
  });
  let loggedIn = false;

  return {
    name: 'xmlrpc',
    async login(signal) {
      const ctx: CallContext = { model: '', method: 'authenticate', transport: 'xmlrpc', redact: settings.redact };
      try {
        const uid = await viaCallback<number | null>((done) => odoo.connect(done), signal);
        uidFromAuthenticate(uid, ctx, settings.login, settings.database ?? '');
        loggedIn = true;
      } catch (error) {
        // odoo-xmlrpc reports a falsy uid as a plain `{ message }` object.
        if (isPlainNoUid(error)) uidFromAuthenticate(false, ctx, settings.login, settings.database ?? '');
        throw xmlRpcFailure(error, ctx, settings, signal);
      }
    },
    async execute(request: TransportRequest) {
      const ctx: CallContext = {
        model: request.model,
        method: request.method,
        transport: 'xmlrpc',
        redact: settings.redact,
      };
      if (!loggedIn) throw new Error('XML-RPC transport used before login()');
      try {
        const params = [[...request.args], definedEntries(request.kwargs)];
        return await viaCallback<unknown>(
          (done) => odoo.execute_kw(request.model, request.method, params, done),
          request.signal,
        );
      } catch (error) {
        if (isNoneFault(error)) return null;
        throw xmlRpcFailure(error, ctx, settings, request.signal);
      }
    },
  };
}

/**
 * Promise around a node-style callback. `xmlrpc` cannot be aborted, so the promise settles on the
 * signal instead (the request finishes in the background); a second callback call is ignored.
 */
function viaCallback<T>(start: (done: (error: unknown, value: T) => void) => void, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => finish(() => reject(signal.reason));
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      action();
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      start((error, value) => finish(() => (error ? reject(error) : resolve(value))));
    } catch (error) {
      finish(() => reject(error));
    }
  });
}

function isPlainNoUid(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    !(error instanceof Error) &&
    /No UID returned/.test(String((error as { message?: unknown }).message))
  );
}

function isNoneFault(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fault = error as { faultCode?: unknown; faultString?: unknown };
  return fault.faultCode === 1 && typeof fault.faultString === 'string' && NONE_FAULT.test(fault.faultString);
}

/** Map whatever odoo-xmlrpc/xmlrpc/Node threw; the raw error never escapes (it holds the request). */
function xmlRpcFailure(error: unknown, ctx: CallContext, settings: TransportSettings, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (isOdooError(error)) return error;
  if (typeof error !== 'object' || error === null) return protocolError(String(error), ctx);
  const record = error as {
    faultCode?: unknown;
    faultString?: unknown;
    res?: { statusCode?: number; headers?: Record<string, string | string[] | undefined> };
    body?: unknown;
    message?: unknown;
  };
  if (record.faultCode !== undefined) {
    return errorFromXmlRpcFault(record.faultCode, String(record.faultString ?? ''), ctx);
  }
  const status = record.res?.statusCode;
  if (typeof status === 'number' && status !== 200) {
    const retryAfter = record.res?.headers?.['retry-after'];
    return errorFromHttpReply(
      {
        status,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        bodyText: typeof record.body === 'string' ? record.body : '',
        now: settings.now(),
      },
      ctx,
    );
  }
  const code = errorCode(error);
  if (code !== undefined && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return networkError(error, code, ctx);
  const message = typeof record.message === 'string' ? record.message : 'unreadable reply';
  return protocolError(`the XML-RPC reply could not be read (${message})`, ctx, error);
}

/** `common.version` over XML-RPC, for version detection when only XML-RPC is reachable. */
export async function xmlRpcVersion(settings: TransportSettings, signal: AbortSignal): Promise<unknown> {
  const ctx: CallContext = { model: '', method: 'version', transport: 'xmlrpc', redact: settings.redact };
  const reply = await httpExchange(
    {
      url: `${settings.baseUrl}/xmlrpc/2/common`,
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', Accept: 'text/xml', 'User-Agent': settings.userAgent },
      body: VERSION_CALL,
      signal,
    },
    ctx,
  );
  throwUnlessOk(reply, ctx, settings.now());
  let decoded;
  try {
    decoded = decodeXmlRpcResponse(reply.text);
  } catch (error) {
    throw protocolError('the reply to version is not an XML-RPC response', ctx, error);
  }
  if ('fault' in decoded) throw errorFromXmlRpcFault(decoded.fault.faultCode, decoded.fault.faultString, ctx);
  return decoded.value;
}
