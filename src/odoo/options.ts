/**
 * Client options: what can be configured, the defaults, and the checks that turn a bad option
 * into a configuration error before anything is sent.
 */
import type { OdooClock } from './backoff.js';
import { OdooConfigurationError, type OdooErrorKind, type OdooTransportName, type OdooWire } from './errors.js';
import { displayUrl } from './redact.js';
import type { OdooTransportChoice } from './version.js';

export interface OdooCallEvent {
  /** Empty for service-level calls (version, authenticate). */
  model: string;
  method: string;
  transport: OdooWire;
  /** 1 for the first try. */
  attempt: number;
  durationMs: number;
  outcome: 'ok' | OdooErrorKind | 'aborted' | 'error';
  /** Another attempt follows this failed one. */
  willRetry: boolean;
}

export interface OdooClientOptions {
  /** Server root, e.g. `https://erp.example.com` (a path prefix is kept for JSON-2 and JSON-RPC). */
  url: string;
  /** Required for JSON-RPC and XML-RPC; sent as `X-Odoo-Database` over JSON-2 when set. */
  database?: string;
  /** Required for JSON-RPC and XML-RPC. */
  login?: string;
  /** API key (JSON-2: bearer token) or password, already resolved (see resolveSecret). */
  secret: string;
  /** `auto` (default): JSON-2 from Odoo 19, JSON-RPC before. */
  transport?: OdooTransportChoice;
  /** Per attempt, waiting for a concurrency slot not included. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for transient failures only. Default 3. */
  retries?: number;
  /** Backoff ceiling of the first retry (doubles each retry, full jitter). Default 250. */
  backoffBaseMs?: number;
  /** Largest backoff. Default 8 000. */
  backoffMaxMs?: number;
  /** A server's Retry-After up to this is honoured; longer ones end the call. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Calls in flight at once, for this client. Default 4. */
  concurrency?: number;
  /** Called after every attempt; exceptions it throws are ignored. Never receives the secret. */
  onCall?: (event: OdooCallEvent) => void;
  /** For tests: time and sleeping between retries. */
  clock?: OdooClock;
  /** For tests: jitter source in [0, 1). */
  random?: () => number;
  userAgent?: string;
}

export interface OdooCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Safe to resend after a timeout or a dropped connection. Defaults to true for read methods
   * (search_read, read, search_count, fields_get, …) and false for everything else.
   */
  idempotent?: boolean;
}

export const DEFAULT_CLIENT_SETTINGS = {
  transport: 'auto',
  timeoutMs: 30_000,
  retries: 3,
  backoffBaseMs: 250,
  backoffMaxMs: 8_000,
  maxRetryAfterMs: 60_000,
  concurrency: 4,
  userAgent: 'distrule-odoo-client',
} as const;

const TRANSPORT_CHOICES: readonly OdooTransportChoice[] = ['auto', 'json2', 'jsonrpc', 'xmlrpc'];

export interface ValidatedConfig {
  baseUrl: string;
  displayUrl: string;
  transport: OdooTransportChoice;
  timeoutMs: number;
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxRetryAfterMs: number;
  concurrency: number;
  userAgent: string;
}

export function validateOptions(options: OdooClientOptions): ValidatedConfig {
  const fail = (message: string): never => {
    throw new OdooConfigurationError(`Odoo client: ${message}`);
  };
  let parsed: URL | undefined;
  try {
    parsed = new URL(options.url);
  } catch {
    fail('url is not a valid URL (expected e.g. https://erp.example.com)');
  }
  const url = parsed as URL;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`url must be http or https, not ${url.protocol}`);
  if (url.username || url.password) fail('url must not contain credentials; use login and secret');
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    fail('secret is empty; resolve it from the environment or a secrets file');
  }
  const transport = options.transport ?? DEFAULT_CLIENT_SETTINGS.transport;
  if (!TRANSPORT_CHOICES.includes(transport)) fail(`transport must be one of ${TRANSPORT_CHOICES.join(', ')}`);
  const number = (name: keyof OdooClientOptions, value: number | undefined, fallback: number, min: number, integer: boolean): number => {
    const result = value ?? fallback;
    if (typeof result !== 'number' || !Number.isFinite(result) || result < min || (integer && !Number.isInteger(result))) {
      fail(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${String(value)}`);
    }
    return result;
  };
  const config: ValidatedConfig = {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    displayUrl: displayUrl(options.url),
    transport,
    timeoutMs: number('timeoutMs', options.timeoutMs, DEFAULT_CLIENT_SETTINGS.timeoutMs, 1, false),
    retries: number('retries', options.retries, DEFAULT_CLIENT_SETTINGS.retries, 0, true),
    backoffBaseMs: number('backoffBaseMs', options.backoffBaseMs, DEFAULT_CLIENT_SETTINGS.backoffBaseMs, 0, false),
    backoffMaxMs: number('backoffMaxMs', options.backoffMaxMs, DEFAULT_CLIENT_SETTINGS.backoffMaxMs, 0, false),
    maxRetryAfterMs: number('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_CLIENT_SETTINGS.maxRetryAfterMs, 0, false),
    concurrency: number('concurrency', options.concurrency, DEFAULT_CLIENT_SETTINGS.concurrency, 1, true),
    userAgent: options.userAgent ?? DEFAULT_CLIENT_SETTINGS.userAgent,
  };
  if (transport === 'jsonrpc' || transport === 'xmlrpc') requireLogin(options, transport, '');
  if (transport === 'xmlrpc' && url.pathname.replace(/\/+$/, '') !== '') {
    fail('the XML-RPC transport (odoo-xmlrpc) ignores the URL path; serve Odoo at the root or use jsonrpc');
  }
  return config;
}

export function requireLogin(options: OdooClientOptions, transport: OdooTransportName, why: string): void {
  const missing = [!options.database && 'database', !options.login && 'login'].filter(Boolean);
  if (missing.length > 0) {
    const label = transport === 'xmlrpc' ? 'XML-RPC' : 'JSON-RPC';
    throw new OdooConfigurationError(`Odoo client: ${why}${label} needs ${missing.join(' and ')} to be set.`, {
      transport,
    });
  }
}
