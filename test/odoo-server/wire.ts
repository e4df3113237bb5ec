/**
 * Values as the Odoo server hands them to its serialisers: Python's types, seen from TypeScript.
 *
 * JavaScript has one number type; Python (and so Odoo's wire formats) distinguishes int from
 * float: XML-RPC writes `<int>` or `<double>`, JSON writes `5` or `5.0`. Float fields are
 * therefore wrapped in `PyFloat` by the ORM layer, so both serialisers can be exact.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** `null` is Python's None. */
export type PyValue = null | boolean | number | string | PyFloat | PyValue[] | { [key: string]: PyValue };

/** Python's `repr(float)`: `5.0`, `0.1`, `1e-07`, `1e+16`. */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  // JavaScript writes 1e-7 where Python writes 1e-07.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's `json.dumps(value, ensure_ascii=False)`: `", "` and `": "` separators, floats as repr. */
export function pyJsonDumps(value: PyValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
}

/** Converts parsed JSON / XML-RPC input into PyValue (drops `undefined`, keeps structure). */
export function toPyValue(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof PyFloat) return value;
  if (Array.isArray(value)) return value.map(toPyValue);
  if (typeof value === 'object') {
    const out: { [key: string]: PyValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPyValue(v);
    return out;
  }
  return String(value);
}

export function isPyDict(value: unknown): value is { [key: string]: PyValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

/** Python truthiness. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The number a PyValue holds, whether int or float. */
export function pyNumber(value: unknown): number | undefined {
  if (value instanceof PyFloat) return value.value;
  return typeof value === 'number' ? value : undefined;
}
