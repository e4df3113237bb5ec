/**
 * `order` of search_read ("date_order desc, id desc") for in-memory records, with
 * PostgreSQL's defaults: unset values (`false`) sort last ascending and first descending;
 * a many2one sorts by the name it carries.
 */
import type { OdooRecord } from '../facts/source.js';
import { SnapshotError } from './errors.js';

export interface OrderKey {
  field: string;
  descending: boolean;
  nullsFirst: boolean;
}

export function parseOrder(order: string, isField: (field: string) => boolean): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const part of order.split(',')) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [field, direction = 'asc', ...rest] = words as [string, ...string[]];
    const dir = direction.toLowerCase();
    const nulls = rest.join(' ').toLowerCase();
    if (!isField(field) || (dir !== 'asc' && dir !== 'desc') || (nulls !== '' && nulls !== 'nulls first' && nulls !== 'nulls last')) {
      throw new SnapshotError('unsupported-domain', `invalid order ${JSON.stringify(order)}: expected "field [asc|desc] [nulls first|last], …"`);
    }
    const descending = dir === 'desc';
    keys.push({ field, descending, nullsFirst: nulls === '' ? descending : nulls === 'nulls first' });
  }
  return keys;
}

export function compareBy(keys: readonly OrderKey[]): (a: OdooRecord, b: OdooRecord) => number {
  return (a, b) => {
    for (const key of keys) {
      const va = sortValue(a[key.field]);
      const vb = sortValue(b[key.field]);
      if (va === undefined || vb === undefined) {
        if (va === vb) continue;
        return (va === undefined) === key.nullsFirst ? -1 : 1;
      }
      const c = va < vb ? -1 : va > vb ? 1 : 0;
      if (c !== 0) return key.descending ? -c : c;
    }
    return a.id - b.id;
  };
}

function sortValue(value: unknown): number | string | undefined {
  if (value === false || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return typeof value[1] === 'string' ? value[1] : typeof value[0] === 'number' ? value[0] : undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value === true) return 1;
  return String(value);
}
