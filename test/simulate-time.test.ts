/** odooTime reads Odoo's datetimes digit by digit; it must agree with Date.parse on every string. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { odooTime } from '../src/simulate/time.js';

const reference = (v: string): number => Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}${v.endsWith('Z') ? '' : 'Z'}`);
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('odooTime', () => {
  it('agrees with Date.parse on Odoo datetimes, valid or not', () => {
    const datetime = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
      .map(([y, mo, d, h, mi, s]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`);
    const mangled = fc.tuple(datetime, fc.nat(18), fc.constantFrom('x', '/', ' ', 'T', '9')).map(([v, i, c]) => v.slice(0, i) + c + v.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(datetime, mangled), (v) => {
        expect(Object.is(odooTime(v), reference(v))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
