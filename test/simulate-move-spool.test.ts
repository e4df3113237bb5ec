/** The move spool hands moves back in time order, whatever order they were added in, losing nothing. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MoveSpool, timeOf, type DoneMove } from '../src/simulate/move-spool.js';

const move = fc.record({
  knownAt: fc.integer({ min: 0, max: 50 }),
  at: fc.integer({ min: 0, max: 50 }),
  productId: fc.integer({ min: 1, max: 1_000_000 }),
  warehouseId: fc.integer({ min: 1, max: 9 }),
  qty: fc.double({ min: 0, max: 1e6, noNaN: true }),
  kind: fc.constantFrom('in', 'out', 'cancelled', 'known'),
  saleLineId: fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
  boughtFor: fc.integer({ min: -1, max: 99 }),
});

describe('move spool', () => {
  it('returns every record in time order, ties in the order they were added, fields intact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(move, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 9 }), async (raw, chunkRecords, blockRecords) => {
        const added: DoneMove[] = raw.map((m, index) => ({
          knownAt: m.knownAt,
          at: m.at,
          productId: m.productId,
          warehouseId: m.warehouseId,
          qty: m.qty,
          outgoing: m.kind === 'out' || m.kind === 'cancelled',
          cancelled: m.kind === 'cancelled',
          known: m.kind === 'known',
          saleLineId: m.saleLineId,
          boughtFor: m.boughtFor,
          index,
        }));
        const spool = new MoveSpool({ chunkRecords, blockRecords });
        try {
          for (const m of added) spool.add(m);
          const back: DoneMove[] = [];
          for await (const chunk of spool.chunks()) back.push(...chunk);
          // Array.prototype.sort is stable: ties keep the order they were added in.
          expect(back).toEqual([...added].sort((a, b) => timeOf(a) - timeOf(b)));
        } finally {
          spool.close();
        }
      }),
      { numRuns: 200 },
    );
  });
});
