/**
 * The read side of the ORM: search (domain, active_test, order, offset, limit), read formatting
 * (`[id, name]`, `false`, floats), `fields_get`, and the computed fields Odoo adds on the fly.
 */
import type { OdooFieldSpec } from '../../src/snapshot/models.js';
import { compileDomain, domainFieldNames, pyRepr, type PlainRecord, type RecordResolver } from '../../src/odoo/domain.js';
import { checkFieldAccess, fieldAccessible, type CallEnv } from './env.js';
import { valueError } from './errors.js';
import { SERVER_MODELS, SERVER_SCHEMA, defaultOrder, fieldLabel } from './schema.js';
import { computeQuantities, withQuantities, type ProductQuantities } from './stock.js';
import { displayName, type StoredRecord } from './store.js';
import { PyFloat, type PyValue } from './wire.js';

export function fieldSpec(model: string, field: string): OdooFieldSpec | undefined {
  return SERVER_SCHEMA.field(model, field);
}

/** Computed values shared by one call: stock quantities depend on the context only. */
class ComputedView {
  private quantities: Map<number, ProductQuantities> | undefined;
  constructor(private readonly env: CallEnv) {}

  /** The record with its computed fields (display_name, stock quantities) filled in. */
  full(model: string, record: StoredRecord): StoredRecord {
    let out: StoredRecord = { ...record, display_name: displayName(model, record) };
    if (model === 'product.product') {
      this.quantities ??= computeQuantities(this.env.store, this.env.context, this.env.version);
      out = withQuantities(out, this.quantities);
    }
    return out;
  }
}

function resolverFor(env: CallEnv, view: ComputedView): RecordResolver {
  // Many records point to the same few related ones: build each related view once per call.
  const seen = new Map<string, StoredRecord | undefined>();
  return {
    get: (model, id) => {
      const key = `${model}\u0000${id}`;
      if (seen.has(key)) return seen.get(key);
      const record = env.store.get(model, id);
      const full = record ? view.full(model, record) : undefined;
      seen.set(key, full);
      return full;
    },
    records: (model) => env.store.all(model).map((r) => view.full(model, r)),
  };
}

export interface SearchOptions {
  offset?: number;
  limit?: number | null;
  order?: string | null;
}

/** `_search`: the ids matching the domain, ordered, with Odoo's implicit `active = True`. */
export function searchIds(env: CallEnv, model: string, domain: readonly unknown[], options: SearchOptions = {}): number[] {
  const view = new ComputedView(env);
  let effective = domain;
  const activeTest = env.context.active_test !== false;
  if (activeTest && SERVER_MODELS[model]?.fields.active && !domainFieldNames(domain).includes('active')) {
    effective = [['active', '=', true], ...domain];
  }
  const predicate = compileDomain(effective, { model, schema: SERVER_SCHEMA, resolver: resolverFor(env, view) });
  const order = parseOrder(model, options.order || defaultOrder(model));
  // Computed fields are filled in only when the domain or the order needs them (large tables).
  const text = JSON.stringify(effective) + (options.order ?? '');
  const needsView = /display_name|qty_available|virtual_available|incoming_qty|outgoing_qty/.test(text) || order.some((o) => o.field === 'display_name');
  let rows: PlainRecord[] = env.store.all(model);
  if (needsView) rows = rows.map((r) => view.full(model, r as StoredRecord));
  rows = rows.filter(predicate);
  sortRecords(env, model, rows, order);
  const offset = options.offset ?? 0;
  const end = options.limit === null || options.limit === undefined ? undefined : offset + options.limit;
  return rows.slice(offset, end).map((r) => r.id as number);
}

// ------------------------------------------------------------------------------------------
// Ordering.

interface OrderTerm {
  field: string;
  desc: boolean;
  nullsFirst: boolean;
}

const ORDER_SPEC = /^(\s*[a-z0-9_]+(\s+(desc|asc))?(\s+(nulls first|nulls last))?\s*(,|$))+(?<!,)$/i;

export function parseOrder(model: string, order: string): OrderTerm[] {
  if (!ORDER_SPEC.test(order)) {
    throw valueError(
      `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
    );
  }
  return order.split(',').map((term) => {
    const [field, ...rest] = term.trim().split(/\s+/);
    const words = rest.join(' ').toLowerCase();
    const desc = words.startsWith('desc');
    if (!fieldSpec(model, field)) throw valueError(`Invalid field ${pyRepr(field)} on model ${pyRepr(model)}`);
    // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending, unless told.
    const nullsFirst = words.includes('nulls first') || (desc && !words.includes('nulls last'));
    return { field, desc, nullsFirst };
  });
}

const collator = new Intl.Collator('en', { numeric: false, sensitivity: 'variant' });

function sortKey(env: CallEnv, model: string, record: PlainRecord, field: string): unknown {
  if (field === 'display_name') return displayName(model, record);
  const value = record[field];
  const spec = fieldSpec(model, field);
  if (spec?.type === 'many2one') {
    // Odoo orders a many2one by the target's own order; its display name is a close stand-in.
    const id = Array.isArray(value) ? value[0] : value;
    if (typeof id !== 'number') return null;
    const target = spec.relation ? env.store.get(spec.relation, id) : undefined;
    return target && spec.relation ? displayName(spec.relation, target) : Array.isArray(value) ? value[1] : id;
  }
  if (spec?.type === 'boolean') return Boolean(value);
  return value === false || value === undefined ? null : value;
}

function sortRecords(env: CallEnv, model: string, rows: PlainRecord[], order: readonly OrderTerm[]): void {
  // Dates and datetimes are timestamps in PostgreSQL: compared as such, not with a text collation.
  const plain = order.map((o) => ['date', 'datetime'].includes(fieldSpec(model, o.field)?.type ?? ''));
  const keyed = rows.map((r) => ({ r, keys: order.map((o) => sortKey(env, model, r, o.field)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i += 1) {
      const { desc, nullsFirst } = order[i];
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === null && y === null) continue;
      if (x === null) return nullsFirst ? -1 : 1;
      if (y === null) return nullsFirst ? 1 : -1;
      let c: number;
      if (typeof x === 'number' && typeof y === 'number') c = x - y;
      else if (typeof x === 'boolean' && typeof y === 'boolean') c = Number(x) - Number(y);
      else if (plain[i]) c = String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
      else c = collator.compare(String(x), String(y));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
  keyed.forEach((k, i) => (rows[i] = k.r));
}

// ------------------------------------------------------------------------------------------
// Reading.

const COMPUTED_READONLY = new Set(['display_name']);

/** Fields `read` returns when none are asked: all the user may read (restricted ones silently dropped). */
export function defaultReadFields(env: CallEnv, model: string): string[] {
  const fields = Object.keys(SERVER_MODELS[model]?.fields ?? {}).filter((f) => fieldAccessible(model, f, env.user));
  return [...fields, 'display_name'];
}

/** `read(fields, load)`: records that no longer exist are silently skipped, as Odoo does. */
export function readRecords(
  env: CallEnv,
  model: string,
  ids: readonly number[],
  fields: readonly string[] | null,
  load: unknown = '_classic_read',
): PyValue[] {
  let names: string[];
  if (fields && fields.length > 0) {
    checkFieldAccess(env, model, fields, 'read');
    for (const f of fields) {
      if (!fieldSpec(model, f)) throw valueError(`Invalid field ${pyRepr(f)} on model ${pyRepr(model)}`);
    }
    names = fields.filter((f) => f !== 'id');
  } else {
    names = defaultReadFields(env, model);
  }
  const view = new ComputedView(env);
  const withNames = load === '_classic_read';
  const out: PyValue[] = [];
  for (const id of ids) {
    const stored = env.store.get(model, id);
    if (!stored) continue;
    const record = view.full(model, stored);
    const row: { [key: string]: PyValue } = { id };
    for (const name of names) row[name] = formatValue(env, model, name, record[name], withNames);
    out.push(row);
  }
  return out;
}

/** A stored value as `read` returns it for the field's type. */
export function formatValue(env: CallEnv, model: string, field: string, value: unknown, withNames = true): PyValue {
  const spec = fieldSpec(model, field);
  if (!spec) return value === undefined ? false : (value as PyValue);
  switch (spec.type) {
    case 'many2one': {
      const id = Array.isArray(value) ? value[0] : value;
      if (typeof id !== 'number' || id === 0) return false;
      if (!withNames) return id;
      const target = spec.relation ? env.store.get(spec.relation, id) : undefined;
      const name = target && spec.relation ? displayName(spec.relation, target) : Array.isArray(value) && typeof value[1] === 'string' ? value[1] : `${spec.relation},${id}`;
      return [id, name];
    }
    case 'one2many':
    case 'many2many': {
      const ids = Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
      // Lines deleted since are gone from the relation too (when the target table is loaded).
      if (spec.relation && env.store.count(spec.relation) > 0) {
        return ids.filter((i) => env.store.get(spec.relation as string, i) !== undefined);
      }
      return ids;
    }
    case 'float':
    case 'monetary':
      return new PyFloat(typeof value === 'number' ? value : value instanceof PyFloat ? value.value : 0);
    case 'integer':
      return typeof value === 'number' ? value : 0;
    case 'boolean':
      return Boolean(value);
    default:
      return value === undefined || value === null ? false : (value as PyValue);
  }
}

// ------------------------------------------------------------------------------------------
// fields_get

const BASE_FIELDS: Readonly<Record<string, OdooFieldSpec>> = {
  id: { type: 'integer', string: 'ID' },
  display_name: { type: 'char', string: 'Display Name' },
};

export function fieldsGet(env: CallEnv, model: string, allfields: unknown, attributes: unknown): PyValue {
  const specs = { ...BASE_FIELDS, ...(SERVER_MODELS[model]?.fields ?? {}) };
  const wanted = Array.isArray(allfields) && allfields.length > 0 ? new Set(allfields) : undefined;
  const keep = Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes) : undefined;
  const out: { [key: string]: PyValue } = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (wanted && !wanted.has(name)) continue;
    if (!fieldAccessible(model, name, env.user)) continue; // Odoo hides what the user cannot read
    const computed = Boolean(spec.contextDependent) || COMPUTED_READONLY.has(name);
    const description: { [key: string]: PyValue } = {
      type: spec.type,
      string: fieldLabel(name, spec),
      name,
      readonly: computed || name === 'id',
      required: model === 'mail.activity' && name === 'res_model_id',
      searchable: true,
      sortable: !computed,
      store: !computed,
    };
    if (spec.relation) description.relation = spec.relation;
    if (spec.selection) description.selection = spec.selection.map(([k, v]) => [k, v]);
    if (spec.groups) description.groups = spec.groups;
    if (keep) for (const k of Object.keys(description)) if (!keep.has(k)) delete description[k];
    out[name] = description;
  }
  return out;
}
