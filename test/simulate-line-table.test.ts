/** The history's open lines in typed-array pages must behave as a plain map of lines would. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OpenLineTable } from '../src/simulate/line-table.js';

type Op = { kind: 'set'; id: number; tier: string; due: number; remaining: number } | { kind: 'remaining'; id: number; remaining: number } | { kind: 'delete'; id: number };

const id = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 4090, max: 4100 }), fc.integer({ min: 1, max: 2_000_000 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id, tier: fc.constantFrom('gold', 'silver', '(none)'), due: fc.integer(), remaining: fc.double({ min: 0.5, max: 1e6, noNaN: true }) }),
  fc.record({ kind: fc.constant('remaining' as const), id, remaining: fc.double({ min: 0.5, max: 1e6, noNaN: true }) }),
  fc.record({ kind: fc.constant('delete' as const), id }),
);

describe('OpenLineTable', () => {
  it('holds exactly the lines a map would, across page boundaries', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const table = new OpenLineTable();
        const map = new Map<number, { tier: string; due: number; remaining: number }>();
        for (const o of ops) {
          if (o.kind === 'set') {
            table.set(o.id, o.tier, o.due, o.remaining);
            map.set(o.id, { tier: o.tier, due: o.due, remaining: o.remaining });
          } else if (o.kind === 'remaining') {
            // Only open lines are updated, as ActualDeliveries does.
            if (!map.has(o.id)) continue;
            table.setRemaining(o.id, o.remaining);
            map.get(o.id)!.remaining = o.remaining;
          } else {
            table.delete(o.id);
            map.delete(o.id);
          }
          expect(table.get(o.id)).toEqual(map.get(o.id));
        }
        const entries = [...table.entries()].sort((a, b) => a.id - b.id);
        expect(entries).toEqual([...map].sort(([a], [b]) => a - b).map(([i, l]) => ({ id: i, ...l })));
      }),
      { numRuns: 500 },
    );
  });
});
