/**
 * JSON-2 (Odoo 19+): `POST /json/2/<model>/<method>`, `Authorization: bearer <api key>`, the body
 * a JSON object of named arguments plus `ids` and `context`; the reply is the bare JSON result on
 * 200, or a 4xx/5xx with `{name, message, arguments, context, debug}`.
 */
import { protocolError, type CallContext } from './classify.js';
import { httpExchange, throwUnlessOk } from './http.js';
import { KNOWN_SIGNATURES } from './methods.js';
import type { Transport, TransportRequest, TransportSettings } from './transport.js';

export function createJson2Transport(settings: TransportSettings): Transport {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    Accept: 'application/json',
    Authorization: `bearer ${settings.secret}`,
    'User-Agent': settings.userAgent,
  };
  // Needed when one Odoo serves several databases and dbfilter does not pick one from the Host.
  if (settings.database) headers['X-Odoo-Database'] = settings.database;

  return {
    name: 'json2',
    async login() {
      // Stateless: the API key travels with every request.
    },
    async execute(request: TransportRequest) {
      const ctx: CallContext = {
        model: request.model,
        method: request.method,
        transport: 'json2',
        redact: settings.redact,
      };
      const body = json2Body(request.method, request.args, request.kwargs);
      const url = `${settings.baseUrl}/json/2/${encodeURIComponent(request.model)}/${encodeURIComponent(request.method)}`;
      const reply = await httpExchange(
        { url, method: 'POST', headers, body: JSON.stringify(body), signal: request.signal },
        ctx,
      );
      throwUnlessOk(reply, ctx, settings.now());
      try {
        return JSON.parse(reply.text) as unknown;
      } catch (error) {
        throw protocolError(`the 200 reply is not JSON (${describeBody(reply.text)})`, ctx, error);
      }
    },
  };
}

/** execute_kw-style `(args, kwargs)` → a JSON-2 body of named arguments. */
export function json2Body(
  method: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const signature = KNOWN_SIGNATURES[method];
  const positional = [...args];
  const body: Record<string, unknown> = {};
  // Unknown methods: a first positional argument can only be the ids (execute_kw convention).
  const onRecords = signature ? signature.onRecords : positional.length > 0;
  if (onRecords) {
    const ids = positional.shift() ?? [];
    body.ids = typeof ids === 'number' ? [ids] : ids;
    if (!Array.isArray(body.ids) || !body.ids.every((id) => Number.isInteger(id))) {
      throw new TypeError(`${method}: the first argument must be a list of record ids`);
    }
  }
  const names = signature?.params ?? [];
  if (positional.length > names.length) {
    throw new TypeError(
      `${method}: JSON-2 passes arguments by name; pass at most [ids] positionally and the rest in kwargs`,
    );
  }
  positional.forEach((value, index) => {
    const name = names[index];
    if (name !== undefined && value !== undefined) body[name] = value;
  });
  for (const [key, value] of Object.entries(kwargs)) {
    if (value === undefined) continue;
    if (key in body) throw new TypeError(`${method}: argument "${key}" given both positionally and by name`);
    body[key] = value;
  }
  return body;
}

function describeBody(text: string): string {
  const start = text.trim().slice(0, 60).replace(/\s+/g, ' ');
  return text.trim() ? `starts with "${start}"` : 'empty body';
}
