/**
 * A protocol-faithful Odoo 17 / 19 server for tests: real HTTP, Odoo's wire formats, seeded from
 * a distrule snapshot, writes kept in memory. See README.md in this folder.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pyRepr } from '../../src/odoo/domain.js';
import type { ServerState } from './dispatch.js';
import { DEFAULT_USERS, type OdooVersion, type ServerUser } from './env.js';
import { FaultQueue, faultBody, type FaultSpec, type Transport } from './faults.js';
import { RecordStore, readSnapshotFolder, type SeedData, type StoredRecord } from './store.js';
import {
  notFoundPage,
  prepareJson2,
  prepareJsonRpc,
  prepareWebVersion,
  prepareXmlRpc,
  type HttpAnswer,
  type IncomingCall,
  type PreparedCall,
} from './transports.js';
import type { PyValue } from './wire.js';

export type { OdooVersion, ServerUser } from './env.js';
export { DEFAULT_USERS, ACCOUNTING_GROUPS } from './env.js';
export type { FaultSpec, FaultMatch, Transport } from './faults.js';
export type { StoredRecord, SeedData } from './store.js';
export { irModelId } from './writes.js';

export interface OdooServerOptions {
  /** A snapshot folder: manifest.json and one `<model>.jsonl` per model. */
  snapshotDir?: string;
  /** Records per model; replaces the snapshot's records of the same model. */
  data?: SeedData;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Default 17.0. JSON-2 is served from 19.0 on. */
  version?: OdooVersion;
  /** Database name; default the snapshot's `odoo.database`, else `odoo`. */
  database?: string;
  /** Default DEFAULT_USERS: admin (uid 2, accounting rights) and demo (uid 6, none). */
  users?: readonly ServerUser[];
  /** Faults armed from the start (more with `inject`). */
  faults?: readonly FaultSpec[];
}

/** One request as the server saw it. */
export interface RecordedCall {
  seq: number;
  transport: Transport;
  path: string;
  /** RPC service: common, object, db. */
  service?: string;
  model?: string;
  /** RPC method (`login`) or ORM method (`search_read`). */
  method?: string;
  uid?: number;
  /** The arguments, credentials removed (object calls: model, method, args, kwargs). */
  args: PyValue;
  /** `model.method(args…)`, shortened: handy in assertion messages. */
  summary: string;
  status: number;
  /** ok; fault (an Odoo error answered); injected (a test fault answered); closed (socket dropped). */
  outcome: 'ok' | 'fault' | 'injected' | 'closed';
}

export interface OdooServerHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  version: OdooVersion;
  database: string;
  users: readonly ServerUser[];
  /** Every request, in arrival order. Clear with `calls.length = 0`. */
  calls: RecordedCall[];
  /** Arms a fault for the next matching request(s). */
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  /** The current in-memory records of a model (writes included). */
  records(model: string): StoredRecord[];
  close(): Promise<void>;
}

function seedFrom(options: OdooServerOptions): { data: SeedData; database: string | undefined } {
  if (!options.snapshotDir) return { data: options.data ?? {}, database: undefined };
  const snapshot = readSnapshotFolder(options.snapshotDir);
  return { data: { ...snapshot.data, ...(options.data ?? {}) }, database: snapshot.manifest.odoo.database };
}

function route(state: ServerState, call: IncomingCall): PreparedCall | HttpAnswer {
  const path = call.path;
  if (path === '/web/version') return prepareWebVersion(state);
  const xmlrpc = /^\/xmlrpc\/(2\/)?([^/]+)$/.exec(path);
  if (xmlrpc) return prepareXmlRpc(state, call, xmlrpc[2], !xmlrpc[1]);
  if (path === '/jsonrpc') return prepareJsonRpc(state, call);
  if (path === '/json/2' || path.startsWith('/json/2/')) {
    if (state.version.startsWith('17')) return notFoundPage();
    const parts = path.slice('/json/2/'.length).split('/');
    const [model, method] = parts.length === 2 && parts[0] && parts[1] ? parts.map(decodeURIComponent) : [undefined, undefined];
    return prepareJson2(state, call, model, method);
  }
  return notFoundPage();
}

function summarize(prepared: PreparedCall): string {
  const { info } = prepared;
  const head = info.model ? `${info.model}.${info.method ?? '?'}` : `${info.service ? `${info.service}.` : ''}${info.method ?? '?'}`;
  const args = Array.isArray(prepared.args) && info.model && prepared.transport !== 'json2' ? prepared.args.slice(2) : prepared.args;
  const text = `${head}(${Array.isArray(args) ? args.map(pyRepr).join(', ') : pyRepr(args)})`;
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, answer: HttpAnswer): void {
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.length), Server: 'Werkzeug/3.0.1 Python/3.12.3' });
  res.end(body);
}

export async function startOdooServer(options: OdooServerOptions = {}): Promise<OdooServerHandle> {
  const seed = seedFrom(options);
  const state: ServerState = {
    store: new RecordStore(seed.data),
    version: options.version ?? '17.0',
    database: options.database ?? seed.database ?? 'odoo',
    users: options.users ?? DEFAULT_USERS,
  };
  const faults = new FaultQueue();
  for (const fault of options.faults ?? []) faults.add(fault);
  const calls: RecordedCall[] = [];
  let seq = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const call: IncomingCall = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], headers: req.headers, body };
    const routed = route(state, call);
    if (!('run' in routed)) {
      send(res, routed);
      return;
    }
    const record: RecordedCall = {
      seq: ++seq,
      transport: routed.transport,
      path: call.path,
      args: routed.args,
      summary: '',
      status: 0,
      outcome: 'ok',
    };
    calls.push(record);
    for (const fault of faults.take(routed.target)) {
      if (fault.kind === 'delay') await sleep(fault.ms);
      else if (fault.kind === 'close') {
        Object.assign(record, routed.info, { outcome: 'closed', summary: summarize(routed) });
        req.socket.destroy();
        return;
      } else {
        const headers: Record<string, string> = { 'Content-Type': 'text/html' };
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        Object.assign(record, routed.info, { outcome: 'injected', status: fault.status, summary: summarize(routed) });
        send(res, { status: fault.status, headers, body: fault.body ?? faultBody(fault.status) });
        return;
      }
    }
    const answer = routed.run();
    const isFault = answer.status >= 400 || /<fault>|"error": \{/.test(answer.body.slice(0, 400));
    Object.assign(record, routed.info, { status: answer.status, outcome: isFault ? 'fault' : 'ok', summary: summarize(routed) });
    send(res, answer);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, headers: { 'Content-Type': 'text/plain' }, body: `test server bug: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    version: state.version,
    database: state.database,
    users: state.users,
    calls,
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    records: (model) => state.store.all(model),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
