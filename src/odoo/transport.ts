/**
 * The seam between the client (retries, timeouts, concurrency, typed helpers) and the three wire
 * protocols. A transport makes exactly one attempt per call and throws OdooError on failure.
 */
import type { OdooTransportName } from './errors.js';
import type { Redactor } from './redact.js';

export interface TransportRequest {
  model: string;
  method: string;
  /** execute_kw convention: `[ids, ...]` for record methods (see methods.ts). */
  args: readonly unknown[];
  kwargs: Readonly<Record<string, unknown>>;
  /** Aborts on timeout or on the caller's signal. */
  signal: AbortSignal;
}

export interface Transport {
  readonly name: OdooTransportName;
  /** Establish the session (uid) if the protocol has one; called once before the first execute. */
  login(signal: AbortSignal): Promise<void>;
  execute(request: TransportRequest): Promise<unknown>;
}

export interface TransportSettings {
  /** Server root, without trailing slash. */
  baseUrl: string;
  database?: string;
  login?: string;
  secret: string;
  redact: Redactor;
  userAgent: string;
  now(): number;
}

/** Drop `undefined` values: JSON would omit them anyway, XML-RPC would send <nil/>. */
export function definedEntries(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
