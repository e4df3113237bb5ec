/** Shapes of the typed helpers' results, checked before they reach the caller. */
import type { OdooRecord } from '../facts/source.js';

/** What `fields_get` says about one field (the attributes asked for, at least `type`). */
export interface OdooFieldInfo {
  type: string;
  string?: string;
  relation?: string;
  selection?: ReadonlyArray<readonly [string, string]>;
  readonly?: boolean;
  required?: boolean;
  [attribute: string]: unknown;
}

/** Odoo reads every field for an empty list: slow, and it trips over fields needing extra rights. */
export function requireFields(fields: readonly string[], helper: string): void {
  if (fields.length === 0) throw new TypeError(`${helper}: pass the fields to read explicitly`);
}

/** `search_read`/`read` output: a list of objects with integer ids. */
export function asRecords(value: unknown): OdooRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) {
    if (typeof item !== 'object' || item === null || !Number.isInteger((item as { id?: unknown }).id)) return undefined;
  }
  return value as OdooRecord[];
}

export function asFieldInfos(value: unknown): Record<string, OdooFieldInfo> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, OdooFieldInfo>;
}

/** `create([vals])` answers `[id]` (an old Odoo given a dict answers `id`). */
export function asCreatedId(value: unknown): number | undefined {
  const id = Array.isArray(value) && value.length === 1 ? value[0] : value;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value;
}
