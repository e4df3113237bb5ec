/**
 * From what Odoo sent (a Python exception name, an XML-RPC fault, an HTTP status) to an OdooError.
 *
 * The three transports report the same server-side exception differently:
 *   - JSON-2 (19+): HTTP status from the exception's `http_status` (UserError 422, AccessError and
 *     AccessDenied 403, MissingError 404, LockError 409, werkzeug Unauthorized 401, NotFound 404,
 *     anything else 500) and a JSON body `{name, message, arguments, context, debug}`.
 *   - JSON-RPC: always HTTP 200, `{error: {code: 200|100|404, message, data: {name, message, debug,
 *     arguments, context}}}`.
 *   - XML-RPC: always HTTP 200, a fault with code 3 AccessDenied, 4 AccessError, 2 any other
 *     UserError (MissingError and ValidationError included), 1 anything else with the whole
 *     traceback as the fault string.
 * So the exception name decides where there is one, and message patterns fill the gaps (XML-RPC
 * code 2 and Odoo 17's "Object x doesn't exist" UserError for an unknown model).
 */
import {
  makeOdooError,
  type OdooAccessDetails,
  type OdooError,
  type OdooErrorInfo,
  type OdooErrorKind,
  type OdooWire,
} from './errors.js';
import { safeCause, type Redactor } from './redact.js';

export interface CallContext {
  model: string;
  method: string;
  transport: OdooWire;
  redact: Redactor;
}

const TRANSPORT_LABEL: Record<OdooWire, string> = {
  http: 'HTTP',
  json2: 'JSON-2',
  jsonrpc: 'JSON-RPC',
  xmlrpc: 'XML-RPC',
};

export function describeCall(ctx: Pick<CallContext, 'model' | 'method' | 'transport'>): string {
  const target = ctx.model ? `${ctx.model}.${ctx.method}` : ctx.method;
  return `${target} over ${TRANSPORT_LABEL[ctx.transport]}`;
}

function baseInfo(ctx: CallContext): OdooErrorInfo {
  return { model: ctx.model || undefined, method: ctx.method, transport: ctx.transport };
}

/** Exception names Odoo raises for conditions that go away on their own. */
const TRANSIENT_EXCEPTION = [
  /LockError$/,
  /ConcurrencyError$/,
  /SerializationFailure$/,
  /TransactionRollbackError$/,
  /LockNotAvailable$/,
  /DeadlockDetected$/,
  /^psycopg2\.(errors\.)?OperationalError$/,
  /^psycopg2\.(errors\.)?InterfaceError$/,
  /ServiceUnavailable$/,
  /TooManyRequests$/,
];

/** Which kind a Python exception (by qualified name and message) belongs to. */
export function kindOfException(name: string, message: string): OdooErrorKind {
  const short = name.replace(/^builtins\./, '');
  if (/AccessDenied$/.test(short) || /SessionExpiredException$/.test(short) || /Unauthorized$/.test(short)) {
    return 'authentication';
  }
  if (/AccessError$/.test(short) || /werkzeug\.exceptions\.Forbidden$/.test(short)) return 'access';
  if (/MissingError$/.test(short)) return 'missing';
  // A wrong database name: psycopg2.OperationalError over RPC, NotFound over JSON-2. Not transient.
  if (/database "[^"]*" does not exist|^database .* not found/.test(message)) return 'configuration';
  if (TRANSIENT_EXCEPTION.some((pattern) => pattern.test(short))) return 'transient';
  if (isUnknownModelMessage(message)) return 'unknown-model-or-method';
  if (/NotFound$/.test(short)) return 'unknown-model-or-method';
  // Odoo 17: "The method 'x' does not exist on the model 'y'"; 18+: "The method 'y.x' does not exist".
  if (short === 'AttributeError' && /^The method '[^']+' does not exist|has no attribute/.test(message)) {
    return 'unknown-model-or-method';
  }
  if (short === 'KeyError' && /^'?[a-z0-9_]+(\.[a-z0-9_]+)+'?$/.test(message.trim())) return 'unknown-model-or-method';
  if (
    /(UserError|ValidationError|RedirectWarning|Warning|except_orm|UnprocessableEntity)$/.test(short)
  ) {
    return 'validation';
  }
  if (/BadRequest$/.test(short) || /MethodNotAllowed$/.test(short)) return 'protocol';
  return 'server';
}

function isUnknownModelMessage(message: string): boolean {
  // Odoo ≤18 execute_kw: UserError "Object foo.bar doesn't exist"; JSON-2: NotFound "the model 'x' does not exist".
  return /^Object \S+ doesn't exist/.test(message) || /^the model '[^']+' does not exist/.test(message);
}

const KIND_PHRASE: Record<OdooErrorKind, string> = {
  authentication: 'Odoo rejected the credentials',
  access: 'Odoo denied access',
  missing: 'Odoo reports a missing record',
  validation: 'Odoo refused the operation',
  'unknown-model-or-method': 'Odoo does not know this model or method',
  transient: 'Odoo is temporarily unavailable',
  protocol: 'Odoo sent an unexpected reply',
  server: 'Odoo failed with an internal error',
  configuration: 'The Odoo client is misconfigured',
};

const KIND_HINT: Partial<Record<OdooErrorKind, string>> = {
  configuration: 'Check the database name in the Odoo settings.',
  authentication: 'Check the login, the database and the API key (an expired or revoked key also ends here).',
  'unknown-model-or-method':
    'Check the model name and that the module defining it is installed, or that the method exists and is public.',
};

export interface OdooExceptionReport {
  /** Qualified Python exception name. */
  name: string;
  message: string;
  debug?: string;
  httpStatus?: number;
  faultCode?: number | string;
  retryAfterMs?: number;
  /** Force a kind (e.g. from the HTTP status) instead of deriving it from the name. */
  kind?: OdooErrorKind;
}

/** The error for an exception Odoo reported (JSON-2 body, JSON-RPC `error.data`, XML-RPC fault). */
export function errorFromOdooException(report: OdooExceptionReport, ctx: CallContext): OdooError {
  const message = ctx.redact(report.message.trim());
  const kind = report.kind ?? kindOfException(report.name, message);
  const info: OdooErrorInfo = {
    ...baseInfo(ctx),
    httpStatus: report.httpStatus,
    odooException: report.name || undefined,
    faultCode: report.faultCode,
    serverMessage: message,
    debug: report.debug ? ctx.redact(report.debug) : undefined,
    // Odoo answered, so the request was received (and, for a write, possibly applied).
    requestSent: true,
    retryAfterMs: report.retryAfterMs,
  };
  let text = `${KIND_PHRASE[kind]} calling ${describeCall(ctx)}`;
  if (kind === 'server' && report.name) text += ` (${report.name.replace(/^builtins\./, '')})`;
  text += `: ${message || '(no message)'}`;
  if (kind === 'access') {
    info.access = parseAccessMessage(message);
    const summary = accessSummary(info.access);
    if (summary) text += `\n${summary}`;
  }
  const hint = KIND_HINT[kind];
  if (hint) text += `\n${hint}`;
  return makeOdooError(kind, text, info);
}

/** XML-RPC fault (HTTP 200). */
export function errorFromXmlRpcFault(faultCode: unknown, faultString: string, ctx: CallContext): OdooError {
  const text = faultString ?? '';
  const code = typeof faultCode === 'number' || typeof faultCode === 'string' ? faultCode : undefined;
  switch (code) {
    case 3:
      return errorFromOdooException({ name: 'odoo.exceptions.AccessDenied', message: text, faultCode: 3 }, ctx);
    case 4:
      return errorFromOdooException({ name: 'odoo.exceptions.AccessError', message: text, faultCode: 4 }, ctx);
    case 2: {
      // Any UserError. MissingError is told apart by Odoo's (English) wording, an unknown model
      // ("Object x doesn't exist") by kindOfException's message check.
      const name = /(does not exist or has been deleted|you are trying to access has been deleted)/.test(text)
        ? 'odoo.exceptions.MissingError'
        : 'odoo.exceptions.UserError';
      return errorFromOdooException({ name, message: text, faultCode: 2 }, ctx);
    }
    default: {
      if (typeof code === 'string') return errorFromLegacyStringFault(code, text, ctx);
      // Code 1: the fault string is a whole traceback; its last exception line says what happened.
      const last = lastExceptionOfTraceback(text);
      return errorFromOdooException(
        { name: last.name, message: last.message, debug: text, faultCode: code ?? 1 },
        ctx,
      );
    }
  }
}

/** `/xmlrpc/` (without `/2`) faults carry a string code like "warning -- MissingError\n\n…". */
function errorFromLegacyStringFault(code: string, text: string, ctx: CallContext): OdooError {
  const body = code.replace(/^[^\n]*\n\n/, '');
  const name = /AccessDenied/.test(code)
    ? 'odoo.exceptions.AccessDenied'
    : /AccessError/.test(code)
      ? 'odoo.exceptions.AccessError'
      : /MissingError/.test(code)
        ? 'odoo.exceptions.MissingError'
        : /^warning/.test(code)
          ? 'odoo.exceptions.UserError'
          : lastExceptionOfTraceback(code).name;
  return errorFromOdooException({ name, message: body || text, debug: text || undefined, faultCode: code }, ctx);
}

/** "Traceback …\n  File …\nValueError: Invalid field 'x'" → `{name: 'ValueError', message: "Invalid field 'x'"}`. */
export function lastExceptionOfTraceback(text: string): { name: string; message: string } {
  const lines = text.replace(/\s+$/, '').split('\n');
  // The exception is the block after the last indented (frame or source) line.
  let start = lines.length - 1;
  while (start > 0 && !/^\s/.test(lines[start - 1] ?? '') && !/^Traceback/.test(lines[start - 1] ?? '')) start--;
  const block = lines.slice(start).join('\n');
  const match = /^([A-Za-z_][\w.]*)(?::\s?([\s\S]*))?$/.exec(block);
  if (match && /^[A-Za-z_][\w.]*$/.test(match[1] ?? '') && (match[2] !== undefined || /Error$|Exception$/.test(match[1] ?? ''))) {
    return { name: match[1] ?? '', message: match[2] ?? '' };
  }
  return { name: '', message: block || text };
}

/** Pull model, operation, fields and groups out of Odoo's access-error wording (17–19). */
export function parseAccessMessage(text: string): OdooAccessDetails {
  const details: OdooAccessDetails = {};
  const model = /\(([a-z0-9_]+(?:\.[a-z0-9_]+)+)\)/.exec(text) ?? /'([a-z0-9_]+(?:\.[a-z0-9_]+)+)'/.exec(text);
  if (model?.[1]) details.model = model[1];
  const operation =
    /Operation:\s*(\w+)/.exec(text) ??
    /not allowed to (\w+)/.exec(text) ??
    /doesn't have '(\w+)' access/.exec(text) ??
    /\b(read|write|create|unlink) access\b/.exec(text);
  if (operation?.[1]) details.operation = operation[1] === 'access' ? 'read' : operation[1];
  const quotedFields = /fields?\s+"([^"]+)"/.exec(text);
  if (quotedFields?.[1]) {
    details.fields = quotedFields[1].split(',').map((field) => field.trim()).filter(Boolean);
  } else {
    const block = /Fields:\s*\n((?:[ \t]*-[^\n]*\n?)+)/.exec(text);
    if (block?.[1]) {
      details.fields = [...block[1].matchAll(/^[ \t]*-\s*([\w.]+)/gm)].map((m) => m[1] ?? '').filter(Boolean);
    }
  }
  const groups = new Set<string>();
  const groupList = /following groups:\s*\n((?:[ \t]*-[^\n]*\n?)+)/.exec(text);
  if (groupList?.[1]) {
    for (const m of groupList[1].matchAll(/^[ \t]*-\s*([^\n]+)/gm)) if (m[1]) groups.add(m[1].trim());
  }
  for (const m of text.matchAll(/allowed for groups? ([^)\n]+)/g)) {
    for (const q of (m[1] ?? '').matchAll(/'([^']+)'/g)) if (q[1]) groups.add(q[1].trim());
  }
  if (groups.size > 0) details.groups = [...groups];
  return details;
}

function accessSummary(access: OdooAccessDetails): string {
  const parts: string[] = [];
  if (access.operation) parts.push(`operation ${access.operation}`);
  if (access.model) parts.push(`model ${access.model}`);
  if (access.fields?.length) parts.push(`fields ${access.fields.join(', ')}`);
  if (access.groups?.length) parts.push(`allowed for ${access.groups.join('; ')}`);
  if (parts.length === 0) return '';
  const fix = access.groups?.length
    ? 'Grant the Odoo user one of these groups'
    : 'Grant the Odoo user the missing access right';
  return `Needed: ${parts.join(', ')}. ${fix}${access.fields?.length ? ', or leave these fields out' : ''}.`;
}

/** Parse a `Retry-After` header (delta seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses where the server (or a proxy in front of it) says "not now". */
const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

export interface HttpReplyFacts {
  status: number;
  retryAfter?: string | null;
  bodyText: string;
  now: number;
}

interface OdooJsonErrorBody {
  name: string;
  message: string;
  debug?: string;
}

/** JSON-2 error body (also what JSON-RPC puts in `error.data`). */
export function asOdooErrorBody(value: unknown): OdooJsonErrorBody | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string') return undefined;
  const message =
    typeof record.message === 'string'
      ? record.message
      : Array.isArray(record.arguments) && typeof record.arguments[0] === 'string'
        ? record.arguments[0]
        : '';
  return { name: record.name, message, debug: typeof record.debug === 'string' ? record.debug : undefined };
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A non-200 HTTP reply, for any transport. JSON-2 puts meaning in the status; the others only fail this way through proxies. */
export function errorFromHttpReply(reply: HttpReplyFacts, ctx: CallContext): OdooError {
  const { status } = reply;
  const parsed = tryParseJson(reply.bodyText);
  // JSON-2 returns a bare JSON string for some werkzeug errors in early 19.x builds.
  const body = asOdooErrorBody(parsed) ?? (typeof parsed === 'string' ? { name: '', message: parsed } : undefined);
  const retryAfterMs = parseRetryAfter(reply.retryAfter, reply.now);
  const facts = { httpStatus: status, retryAfterMs, debug: body?.debug };

  if (body && body.name) {
    const derived = kindOfException(body.name, body.message);
    let kind: OdooErrorKind;
    if (status === 401) kind = 'authentication';
    else if (status === 403) kind = derived === 'authentication' ? 'authentication' : 'access';
    else if (status === 404) kind = derived === 'missing' || derived === 'configuration' ? derived : 'unknown-model-or-method';
    else if (status === 409) kind = 'transient';
    else if (status === 422) kind = derived === 'unknown-model-or-method' ? derived : 'validation';
    else if (status === 400) kind = 'protocol';
    else if (TRANSIENT_STATUS.has(status) && status !== 500) kind = 'transient';
    // 500 with an Odoo exception: a deterministic server-side error unless the exception is a known transient one.
    else kind = derived;
    return errorFromOdooException({ ...body, ...facts, kind }, ctx);
  }

  const serverText = body?.message ?? shortBody(reply.bodyText);
  const info: OdooErrorInfo = {
    ...baseInfo(ctx),
    ...facts,
    serverMessage: serverText ? ctx.redact(serverText) : undefined,
    requestSent: true,
  };
  const suffix = serverText ? `: ${ctx.redact(serverText)}` : '';
  if (status === 401 || status === 403) {
    const kind = status === 401 ? 'authentication' : 'access';
    return makeOdooError(kind, `${KIND_PHRASE[kind]} calling ${describeCall(ctx)} (HTTP ${status})${suffix}`, info);
  }
  if (status === 404) {
    const hint =
      ctx.transport === 'json2'
        ? 'The JSON-2 API needs Odoo 19 or later; check the URL, or choose transport jsonrpc/xmlrpc.'
        : 'Check the URL; this server may not serve this endpoint (JSON-RPC and XML-RPC are deprecated since Odoo 19 and due to be removed).';
    return makeOdooError(
      'unknown-model-or-method',
      `No such endpoint calling ${describeCall(ctx)} (HTTP 404)${suffix}\n${hint}`,
      info,
    );
  }
  if (status === 422) {
    return makeOdooError('validation', `${KIND_PHRASE.validation} calling ${describeCall(ctx)} (HTTP 422)${suffix}`, info);
  }
  if (TRANSIENT_STATUS.has(status) || status >= 500) {
    const wait = retryAfterMs !== undefined ? ` (Retry-After ${Math.ceil(retryAfterMs / 1000)}s)` : '';
    return makeOdooError('transient', `${KIND_PHRASE.transient} calling ${describeCall(ctx)}: HTTP ${status}${wait}`, info);
  }
  return makeOdooError('protocol', `${KIND_PHRASE.protocol} calling ${describeCall(ctx)}: HTTP ${status}${suffix}`, info);
}

/** The first line of a short non-JSON body (an HTML error page says little past its title). */
function shortBody(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Failures before or while talking: refused connection, DNS, reset socket. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

/** A network-level failure: transient; `requestSent` false only when it certainly never left. */
export function networkError(error: unknown, code: string | undefined, ctx: CallContext): OdooError {
  const sent = !(code !== undefined && NOT_SENT_CODES.has(code));
  const what = code ? `network error ${code}` : 'network error';
  return makeOdooError(
    'transient',
    `Cannot reach Odoo calling ${describeCall(ctx)}: ${what}${sent ? '' : ' (request not sent)'}`,
    { ...baseInfo(ctx), requestSent: sent },
    { cause: safeCause(error, ctx.redact) },
  );
}

export function timeoutError(timeoutMs: number, ctx: Pick<CallContext, 'model' | 'method' | 'transport'>): OdooError {
  return makeOdooError(
    'transient',
    `Odoo did not answer within ${timeoutMs} ms calling ${describeCall(ctx)}`,
    { model: ctx.model || undefined, method: ctx.method, transport: ctx.transport, requestSent: true, timedOut: true },
  );
}

/** A reply that is not what the protocol promises. */
export function protocolError(what: string, ctx: CallContext, cause?: unknown): OdooError {
  return makeOdooError(
    'protocol',
    `${KIND_PHRASE.protocol} calling ${describeCall(ctx)}: ${ctx.redact(what)}`,
    { ...baseInfo(ctx), requestSent: true },
    cause === undefined ? undefined : { cause: safeCause(cause, ctx.redact) },
  );
}
