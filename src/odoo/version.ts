/**
 * Which Odoo is this, and so which protocol to speak.
 *
 * `GET /web/version` answers `{version, version_info}` as plain JSON without a database or a
 * login; servers without it (or behind a proxy that hides it) are asked `common.version` over
 * JSON-RPC, then over XML-RPC.
 * JSON-2 exists from Odoo 19; before that JSON-RPC is the default.
 */
import { protocolError, type CallContext } from './classify.js';
import type { OdooTransportName } from './errors.js';
import { httpExchange, throwUnlessOk } from './http.js';

export type OdooTransportChoice = 'auto' | OdooTransportName;

export interface OdooServerVersion {
  /** As the server says it, e.g. `17.0`, `17.0+e`, `saas~18.3`, `19.0`. */
  serverVersion: string;
  major: number;
  minor: number;
  /** `server_version_info`, e.g. `[17, 0, 0, 'final', 0, '']` (`'saas~18'` as first item on SaaS). */
  versionInfo: readonly unknown[];
  /** `server_serie`, e.g. `17.0`. */
  serie?: string;
}

/** Odoo major version from which JSON-2 is used by default. */
export const JSON2_SINCE_MAJOR = 19;

export function chooseTransport(version: OdooServerVersion, requested: OdooTransportChoice): OdooTransportName {
  if (requested !== 'auto') return requested;
  return version.major >= JSON2_SINCE_MAJOR ? 'json2' : 'jsonrpc';
}

/**
 * Read a version answer: `common.version()` says `{server_version, server_version_info,
 * server_serie, protocol_version}`, `GET /web/version` says `{version, version_info}`.
 * Undefined when it is neither.
 */
export function parseVersionInfo(value: unknown): OdooServerVersion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const text = record.server_version ?? record.version;
  const list = record.server_version_info ?? record.version_info;
  const serverVersion = typeof text === 'string' ? text : undefined;
  const info = Array.isArray(list) ? (list as unknown[]) : [];
  if (serverVersion === undefined && info.length === 0) return undefined;
  let major = majorFrom(info[0]);
  let minor = typeof info[1] === 'number' ? info[1] : undefined;
  const fromString = /(?:saas~)?(\d+)\.(\d+)/.exec(serverVersion ?? '');
  if (major === undefined && fromString) major = Number(fromString[1]);
  if (minor === undefined && fromString) minor = Number(fromString[2]);
  if (major === undefined) return undefined;
  return {
    serverVersion: serverVersion ?? info.slice(0, 2).join('.'),
    major,
    minor: minor ?? 0,
    versionInfo: info,
    serie: typeof record.server_serie === 'string' ? record.server_serie : undefined,
  };
}

function majorFrom(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const saas = typeof value === 'string' ? /(\d+)/.exec(value) : null; // 'saas~18'
  return saas ? Number(saas[1]) : undefined;
}

interface ProbeSettings {
  baseUrl: string;
  userAgent: string;
  redact: CallContext['redact'];
  now(): number;
}

/** `GET /web/version`: plain HTTP + JSON, no database or login needed. */
export async function webVersion(settings: ProbeSettings, signal: AbortSignal): Promise<unknown> {
  const ctx: CallContext = { model: '', method: 'GET /web/version', transport: 'http', redact: settings.redact };
  const reply = await httpExchange(
    {
      url: `${settings.baseUrl}/web/version`,
      method: 'GET',
      headers: { Accept: 'application/json', 'User-Agent': settings.userAgent },
      signal,
    },
    ctx,
  );
  throwUnlessOk(reply, ctx, settings.now());
  try {
    return JSON.parse(reply.text) as unknown;
  } catch (error) {
    throw protocolError('/web/version did not answer JSON', ctx, error);
  }
}
