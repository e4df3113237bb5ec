/**
 * The Odoo client: picks the transport from the server's version, then runs every call through
 * one path that bounds concurrency, times out each attempt, retries what is safe to retry, and
 * reports each attempt to `onCall`. Typed helpers sit on top of `call`.
 */
import type { OdooDomain, OdooRecord, RecordSource, SearchReadOptions } from '../facts/source.js';
import { settleOnAbort } from './abort.js';
import { retryDelay, systemClock, type BackoffPolicy } from './backoff.js';
import { protocolError, timeoutError } from './classify.js';
import { isOdooError, makeOdooError, type OdooTransportName, type OdooWire } from './errors.js';
import { createJson2Transport } from './json2.js';
import { createJsonRpcTransport, jsonRpcVersion } from './jsonrpc.js';
import { isReadOnlyMethod } from './methods.js';
import {
  requireLogin,
  validateOptions,
  type OdooCallEvent,
  type OdooCallOptions,
  type OdooClientOptions,
} from './options.js';
import { makeRedactor } from './redact.js';
import { asCreatedId, asFieldInfos, asRecords, describeValue, requireFields, type OdooFieldInfo } from './results.js';
import { Semaphore } from './semaphore.js';
import type { Transport, TransportSettings } from './transport.js';
import { chooseTransport, parseVersionInfo, webVersion, type OdooServerVersion } from './version.js';
import { createXmlRpcTransport, xmlRpcVersion } from './xmlrpc.js';

/** Odoo's `context`: lang, tz, allowed_company_ids, and for stock quantities `warehouse`/`location`. */
export type OdooContext = Readonly<Record<string, unknown>>;

export interface OdooClient extends RecordSource {
  /** Server root as shown in messages and manifests (no credentials). */
  readonly url: string;
  readonly database: string | undefined;
  readonly login: string | undefined;
  /** The server's version (probed once, then cached). */
  version(options?: OdooCallOptions): Promise<OdooServerVersion>;
  /** The transport in use (detected once when `auto`). */
  transport(options?: OdooCallOptions): Promise<OdooTransportName>;
  /**
   * Any model method, execute_kw style: `args` is `[ids]` for record methods (plus, for the
   * methods in methods.ts, further positional arguments); everything else goes by name in
   * `kwargs`, `context` included. The result is returned unchecked.
   */
  call(
    model: string,
    method: string,
    args?: readonly unknown[],
    kwargs?: Readonly<Record<string, unknown>>,
    options?: OdooCallOptions,
  ): Promise<unknown>;
  searchRead(
    model: string,
    domain: OdooDomain,
    fields: readonly string[],
    options?: SearchReadOptions & OdooCallOptions,
  ): Promise<OdooRecord[]>;
  read(
    model: string,
    ids: readonly number[],
    fields: readonly string[],
    options?: { context?: OdooContext } & OdooCallOptions,
  ): Promise<OdooRecord[]>;
  searchCount(
    model: string,
    domain: OdooDomain,
    options?: { context?: OdooContext; limit?: number } & OdooCallOptions,
  ): Promise<number>;
  fieldsGet(
    model: string,
    options?: { fields?: readonly string[]; attributes?: readonly string[]; context?: OdooContext } & OdooCallOptions,
  ): Promise<Record<string, OdooFieldInfo>>;
  /** Creates one record; resolves with its id. Not retried once sent. */
  create(
    model: string,
    values: Readonly<Record<string, unknown>>,
    options?: { context?: OdooContext } & OdooCallOptions,
  ): Promise<number>;
  /** Writes the same values on every record. Not retried once sent. */
  write(
    model: string,
    ids: readonly number[],
    values: Readonly<Record<string, unknown>>,
    options?: { context?: OdooContext } & OdooCallOptions,
  ): Promise<true>;
}

export function createOdooClient(options: OdooClientOptions): OdooClient {
  const config = validateOptions(options);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const redact = makeRedactor(options.secret);
  const semaphore = new Semaphore(config.concurrency);
  const policy: BackoffPolicy = {
    baseMs: config.backoffBaseMs,
    maxMs: config.backoffMaxMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
  };
  const settings: TransportSettings = {
    baseUrl: config.baseUrl,
    database: options.database,
    login: options.login,
    secret: options.secret,
    redact,
    userAgent: config.userAgent,
    now: () => clock.now(),
  };

  function emit(event: OdooCallEvent): void {
    try {
      options.onCall?.(event);
    } catch {
      // A metrics hook must never break a call.
    }
  }

  /** One logical call: concurrency slot, timeout and retries around `attempt`. */
  async function run<T>(
    target: { model: string; method: string; wire: OdooWire; idempotent: boolean },
    callOptions: OdooCallOptions,
    attempt: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = callOptions.timeoutMs ?? config.timeoutMs;
    const caller = callOptions.signal;
    for (let attemptNo = 1; ; attemptNo++) {
      const release = await semaphore.acquire(caller);
      const started = clock.now();
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(timeoutError(timeoutMs, { ...target, transport: target.wire })),
        timeoutMs,
      );
      const onCallerAbort = (): void => controller.abort(caller?.reason);
      caller?.addEventListener('abort', onCallerAbort, { once: true });
      let delay = 0;
      const event = { model: target.model, method: target.method, transport: target.wire, attempt: attemptNo };
      try {
        const result = await settleOnAbort(attempt(controller.signal), controller.signal);
        emit({ ...event, durationMs: clock.now() - started, outcome: 'ok', willRetry: false });
        return result;
      } catch (caught) {
        const durationMs = clock.now() - started;
        if (caller?.aborted) {
          emit({ ...event, durationMs, outcome: 'aborted', willRetry: false });
          throw caller.reason;
        }
        if (!isOdooError(caught)) {
          emit({ ...event, durationMs, outcome: 'error', willRetry: false });
          throw caught;
        }
        const retryable =
          caught.kind === 'transient' &&
          attemptNo <= config.retries &&
          (target.idempotent || caught.requestSent === false);
        const wait = retryable ? retryDelay(policy, attemptNo, random, caught.retryAfterMs) : undefined;
        emit({ ...event, durationMs, outcome: caught.kind, willRetry: wait !== undefined });
        if (wait === undefined) {
          caught.attempts = attemptNo;
          throw caught;
        }
        delay = wait;
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCallerAbort);
        release();
      }
      await clock.sleep(delay, caller);
    }
  }

  // --- version and transport, each established once (and again after a failure) ---------------

  let versionPromise: Promise<OdooServerVersion> | undefined;
  function detectVersion(): Promise<OdooServerVersion> {
    versionPromise ??= probeVersion().catch((error: unknown) => {
      versionPromise = undefined;
      throw error;
    });
    return versionPromise;
  }

  async function probeVersion(): Promise<OdooServerVersion> {
    const probes: Array<{ wire: OdooWire; label: string; fetch: (signal: AbortSignal) => Promise<unknown> }> = [
      { wire: 'http', label: 'GET /web/version', fetch: (signal) => webVersion(settings, signal) },
    ];
    const jsonRpcProbe = { wire: 'jsonrpc' as const, label: 'JSON-RPC common.version', fetch: (signal: AbortSignal) => jsonRpcVersion(settings, signal) };
    const xmlRpcProbe = { wire: 'xmlrpc' as const, label: 'XML-RPC common.version', fetch: (signal: AbortSignal) => xmlRpcVersion(settings, signal) };
    if (config.transport === 'xmlrpc') probes.push(xmlRpcProbe, jsonRpcProbe);
    else probes.push(jsonRpcProbe, xmlRpcProbe);

    const failures: string[] = [];
    for (const probe of probes) {
      try {
        const raw = await run({ model: '', method: 'version', wire: probe.wire, idempotent: true }, {}, probe.fetch);
        const version = parseVersionInfo(raw);
        if (version) return version;
        failures.push(`${probe.label}: no server_version in the answer`);
      } catch (error) {
        // Unreachable server: asking it another way will not help.
        if (isOdooError(error) && error.kind === 'transient') throw error;
        failures.push(`${probe.label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    throw makeOdooError(
      'protocol',
      `Could not tell which Odoo version runs at ${config.displayUrl}; is the URL right?\n  ${failures.join('\n  ')}`,
      { method: 'version', requestSent: true },
    );
  }

  let sessionPromise: Promise<Transport> | undefined;
  function session(): Promise<Transport> {
    sessionPromise ??= openSession().catch((error: unknown) => {
      sessionPromise = undefined;
      throw error;
    });
    return sessionPromise;
  }

  async function openSession(): Promise<Transport> {
    let name: OdooTransportName;
    if (config.transport === 'auto') {
      const version = await detectVersion();
      name = chooseTransport(version, 'auto');
      if (name !== 'json2') requireLogin(options, name, `Odoo ${version.serverVersion} has no JSON-2 API, so `);
    } else {
      name = config.transport;
    }
    const transport =
      name === 'json2'
        ? createJson2Transport(settings)
        : name === 'jsonrpc'
          ? createJsonRpcTransport(settings)
          : createXmlRpcTransport(settings);
    if (name !== 'json2') {
      await run({ model: '', method: 'authenticate', wire: name, idempotent: true }, {}, (signal) =>
        transport.login(signal),
      );
    }
    return transport;
  }

  // --- public face ------------------------------------------------------------------------------

  async function call(
    model: string,
    method: string,
    args: readonly unknown[] = [],
    kwargs: Readonly<Record<string, unknown>> = {},
    callOptions: OdooCallOptions = {},
  ): Promise<unknown> {
    const transport = await settleOnAbort(session(), callOptions.signal);
    const idempotent = callOptions.idempotent ?? isReadOnlyMethod(method);
    return run({ model, method, wire: transport.name, idempotent }, callOptions, (signal) =>
      transport.execute({ model, method, args, kwargs, signal }),
    );
  }

  /** `call`, then check the result's shape; a wrong shape is a protocol error. */
  async function checkedCall<T>(
    model: string,
    method: string,
    args: readonly unknown[],
    kwargs: Readonly<Record<string, unknown>>,
    callOptions: OdooCallOptions,
    check: (value: unknown) => T | undefined,
    expected: string,
  ): Promise<T> {
    const value = await call(model, method, args, kwargs, callOptions);
    const checked = check(value);
    if (checked !== undefined) return checked;
    const transport = await session();
    throw protocolError(`expected ${expected}, got ${describeValue(value)}`, {
      model,
      method,
      transport: transport.name,
      redact,
    });
  }

  return {
    url: config.displayUrl,
    database: options.database,
    login: options.login,

    async version(callOptions = {}) {
      return settleOnAbort(detectVersion(), callOptions.signal);
    },

    async transport(callOptions = {}) {
      return (await settleOnAbort(session(), callOptions.signal)).name;
    },

    call,

    async searchRead(model, domain, fields, searchOptions = {}) {
      requireFields(fields, 'searchRead');
      const { limit, offset, order, context, ...callOptions } = searchOptions;
      return checkedCall(
        model,
        'search_read',
        [],
        { domain: [...domain], fields: [...fields], offset, limit, order, context },
        callOptions,
        asRecords,
        'a list of records with ids',
      );
    },

    async read(model, ids, fields, readOptions = {}) {
      requireFields(fields, 'read');
      if (ids.length === 0) return [];
      const { context, ...callOptions } = readOptions;
      return checkedCall(model, 'read', [[...ids]], { fields: [...fields], context }, callOptions, asRecords, 'a list of records with ids');
    },

    async searchCount(model, domain, countOptions = {}) {
      const { context, limit, ...callOptions } = countOptions;
      return checkedCall(
        model,
        'search_count',
        [],
        { domain: [...domain], limit, context },
        callOptions,
        (value) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined),
        'a count',
      );
    },

    async fieldsGet(model, fieldsOptions = {}) {
      const { fields, attributes, context, ...callOptions } = fieldsOptions;
      return checkedCall(
        model,
        'fields_get',
        [],
        { allfields: fields ? [...fields] : undefined, attributes: attributes ? [...attributes] : undefined, context },
        callOptions,
        asFieldInfos,
        'an object of field descriptions',
      );
    },

    async create(model, values, createOptions = {}) {
      const { context, ...callOptions } = createOptions;
      // Always a list: Odoo 17's execute_kw needs vals positionally, JSON-2 names it vals_list; both answer [id].
      return checkedCall(model, 'create', [[values]], { context }, callOptions, asCreatedId, 'the new record id');
    },

    async write(model, ids, values, writeOptions = {}) {
      const { context, ...callOptions } = writeOptions;
      return checkedCall(
        model,
        'write',
        [[...ids], values],
        { context },
        callOptions,
        (value) => (value === true ? (true as const) : undefined),
        'true',
      );
    },
  };
}
