/**
 * The replay's allocation runs in place (per product, stopping once stock is gone) for speed;
 * it must decide exactly as allocate() does over every line at stake. Generated days of
 * orders and receipts go through both, under policies with and without caps, minimum fill,
 * fill-or-kill and ship-complete orders; every customer's figures must match.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCondition, closureEvaluator } from '../src/compile/evaluate.js';
import { demandRanking, FIRST_COME_FIRST_SERVED, rankEncoder, type AllocationRules } from '../src/kinds/allocation/decide.js';
import { AllocationModel, type DemandInput } from '../src/simulate/allocation.js';
import { DAY_MS } from '../src/simulate/time.js';

const TIERS = ['platinum', 'gold', 'silver', 'bronze'];

const policy = fc
  .record({
    minFillPct: fc.constantFrom(0, 25, 50),
    perCustomerPct: fc.option(fc.constantFrom(30, 60, 100), { nil: undefined }),
    respectShipComplete: fc.boolean(),
    fillOrKill: fc.boolean(),
    byTier: fc.boolean(),
    commitmentDesc: fc.boolean(),
    byCustomer: fc.constantFrom(undefined, 'asc', 'desc'),
  })
  .map(
    (p): AllocationRules => ({
      name: 'generated',
      priority: [
        ...(p.byTier ? [{ key: 'customer.tier', rank: TIERS, missing: 'last' as const }] : []),
        { key: 'order.commitment_date', order: p.commitmentDesc ? ('desc' as const) : ('asc' as const), missing: 'last' as const },
        ...(p.byCustomer ? [{ key: 'customer.id', order: p.byCustomer as 'asc' | 'desc', missing: 'first' as const }] : []),
      ],
      tieBreak: 'order.name',
      minFillPct: p.minFillPct,
      respectShipComplete: p.respectShipComplete,
      ...(p.perCustomerPct === undefined ? {} : { perCustomerPct: p.perCustomerPct }),
      ...(p.fillOrKill ? { fillOrKill: compileCondition('fok', { type: 'leaf', fact: 'customer.tags', op: 'contains', value: 'Fill or Kill', path: [] }) } : {}),
    }),
  );

const orderArb = fc.record({
  customer: fc.integer({ min: 0, max: 5 }),
  shipComplete: fc.boolean(),
  // Now and then a number among the dates: one key holding numbers and text.
  commitment: fc.option(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }).map((n) => -n - 1) }), { nil: undefined }),
  lines: fc.array(fc.record({ product: fc.integer({ min: 0, max: 3 }), warehouse: fc.integer({ min: 0, max: 1 }), qty: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 3 }),
});
// Now and then a receipt bought for an order (make to order), which serves that order first.
const receiptArb = fc.record({ product: fc.integer({ min: 0, max: 3 }), warehouse: fc.integer({ min: 0, max: 1 }), qty: fc.integer({ min: 1, max: 30 }), forOrder: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) });
const dayArb = fc.record({ orders: fc.array(orderArb, { maxLength: 4 }), receipts: fc.array(receiptArb, { maxLength: 3 }) });
const openingArb = fc.array(fc.integer({ min: -2, max: 15 }), { minLength: 8, maxLength: 8 });

/**
 * `sharedCodes`: products 0 and 2 (and 1 and 3) carry the same internal reference, as Odoo
 * allows; they are still two products with stock of their own.
 */
function replay(rules: AllocationRules | null, opening: number[], days: readonly { orders: readonly fc.Infer<typeof orderArb>[]; receipts: readonly fc.Infer<typeof receiptArb>[] }[], reference: boolean, sharedCodes = false): unknown {
  const stock = new Map<string, number>();
  opening.forEach((q, i) => stock.set(`${i % 4}/${Math.floor(i / 4)}`, q));
  const orderName = (n: number): string => `S${String(n).padStart(4, '0')}`;
  const model = new AllocationModel(rules, stock, closureEvaluator, { reference, boughtFor: new Set(Array.from({ length: 12 }, (_, i) => orderName(i + 1))) });
  let lineId = 0;
  let orderNo = 0;
  days.forEach((day, d) => {
    for (const o of day.orders) {
      const name = orderName(++orderNo);
      const customer = { id: o.customer, tier: TIERS[o.customer % 4], tags: o.customer === 5 ? ['Fill or Kill'] : [] };
      const order: Record<string, unknown> = { name, ship_complete: o.shipComplete, date_order: `2025-01-${String(d + 1).padStart(2, '0')}` };
      if (o.commitment !== undefined) order['commitment_date'] = o.commitment >= 0 ? `2025-02-0${o.commitment + 1}` : o.commitment;
      for (const l of o.lines) {
        const input: DemandInput = {
          lineId: ++lineId,
          productId: l.product,
          product: `P${sharedCodes ? l.product % 2 : l.product}`,
          warehouseId: l.warehouse,
          warehouse: `WH${l.warehouse}`,
          quantity: l.qty,
          due: (d + 2) * DAY_MS,
          // Figures are kept per customer here, so any difference between the two shows.
          tier: `customer ${o.customer}`,
          order: { ...order, warehouse: `WH${l.warehouse}` },
          customer,
        };
        model.onOrderLine(input);
      }
    }
    for (const r of day.receipts) model.onReceipt(r.product, r.warehouse, r.qty, d * DAY_MS + 1, r.forOrder === undefined ? undefined : [orderName(r.forOrder)]);
    model.endOfDay(d);
  });
  model.finish(days.length * DAY_MS);
  return { tiers: [...model.ledger.tiers].sort(([a], [b]) => a.localeCompare(b)), shortageEvents: model.shortageEvents };
}

describe('rank keys', () => {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.double(),
    fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 1e-300, -1e-300, NaN),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', 'a', 'ab', 'abc', 'b', '\uffff', 'a\uffff', '\u0000', 'a\u0000', 'a\u0000b', 'a\u0001', 'gold', 'platinum'),
  );
  const key = fc.record({ order: fc.constantFrom('asc' as const, 'desc' as const), missing: fc.constantFrom('first' as const, 'last' as const), rank: fc.boolean() });
  it('order lines exactly as their values do', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 3 }), fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 8 }), (keys, rows) => {
        const rules: AllocationRules = {
          ...FIRST_COME_FIRST_SERVED,
          priority: keys.map((k, i) => (k.rank ? { key: `order.k${i}`, rank: ['gold', 'a', 'b'], missing: k.missing } : { key: `order.k${i}`, order: k.order, missing: k.missing })),
        };
        const ranking = demandRanking(rules);
        const encode = rankEncoder(rules);
        const lines = rows.map((row, id) => {
          const order: Record<string, unknown> = { name: 'S1' };
          row.forEach((v, i) => v !== undefined && (order[`k${i}`] = v));
          const values = ranking.valuesOf({ order, customer: {}, line: { id } });
          return { values, key: encode(values) };
        });
        const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
        for (const a of lines) {
          for (const b of lines) {
            expect(sign(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).toBe(sign(ranking.compare(a.values, b.values)));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('allocation in the replay', () => {
  it('a receipt bought for an order serves that order first; the rest is the policy\'s', () => {
    const byTier: AllocationRules = { ...FIRST_COME_FIRST_SERVED, priority: [{ key: 'customer.tier', rank: TIERS, missing: 'last' }] };
    const model = new AllocationModel(byTier, new Map(), closureEvaluator, { boughtFor: new Set(['S0002', 'S0003', 'S0004']) });
    let lineId = 0;
    const line = (name: string, tier: string, productId: number, quantity: number, shipComplete = false): DemandInput => ({
      lineId: ++lineId,
      productId,
      product: `P${productId}`,
      warehouseId: 1,
      warehouse: 'WH1',
      quantity,
      due: 5 * DAY_MS,
      tier,
      order: { name, ship_complete: shipComplete, warehouse: 'WH1' },
      customer: { id: name, tier },
    });
    model.onOrderLine(line('S0001', 'platinum', 1, 10));
    model.onOrderLine(line('S0002', 'bronze', 1, 6));
    model.onOrderLine(line('S0003', 'gold', 1, 4, true));
    model.onOrderLine(line('S0003', 'gold', 2, 3, true));
    model.onOrderLine(line('S0004', 'silver', 1, 5, true));
    model.onOrderLine(line('S0004', 'silver', 3, 5, true));
    model.endOfDay(0);
    // Bought for S0002 (bronze) and ship-complete S0003 (gold): S0002 ships its 6; S0003 holds
    // 4 while it waits for product 2; platinum S0001 gets the last 2 in the run.
    model.onReceipt(1, 1, 12, DAY_MS + 1000, ['S0002', 'S0003']);
    model.endOfDay(1);
    // Product 2 arrives for no one: S0003 takes 3 of it in the run and ships whole, held stock too.
    model.onReceipt(2, 1, 5, 2 * DAY_MS + 1000);
    model.endOfDay(2);
    // S0004 holds 5 of product 1; product 3 never comes, so it never ships — but what it holds is not backordered.
    model.onReceipt(1, 1, 5, 3 * DAY_MS + 1000, ['S0004']);
    model.endOfDay(3);
    model.finish(10 * DAY_MS);
    const tiers = Object.fromEntries(model.ledger.tiers);
    expect(model.peggedQty).toBe(15);
    expect(model.peggedReceipts).toBe(2);
    expect(tiers['bronze']).toMatchObject({ onTimeQty: 6, backorderQty: 0 });
    expect(tiers['gold']).toMatchObject({ onTimeQty: 7, backorderQty: 0 });
    expect(tiers['platinum']).toMatchObject({ onTimeQty: 2, backorderQty: 8 });
    expect(tiers['silver']).toMatchObject({ onTimeQty: 0, backorderQty: 5 });
  });

  it('a ship-complete order whose receipts hold all it waits for ships the day they arrive', () => {
    const model = new AllocationModel(null, new Map(), closureEvaluator, { boughtFor: new Set(['S0001']) });
    const order = { name: 'S0001', ship_complete: true, warehouse: 'WH1' };
    for (const [lineId, productId] of [[1, 1], [2, 2]] as const) {
      model.onOrderLine({ lineId, productId, product: `P${productId}`, warehouseId: 1, warehouse: 'WH1', quantity: 4, due: 5 * DAY_MS, tier: 'gold', order, customer: { id: 1, tier: 'gold' } });
    }
    model.onReceipt(1, 1, 4, DAY_MS, ['S0001']);
    model.onReceipt(2, 1, 4, DAY_MS, ['S0001']);
    model.finish(10 * DAY_MS);
    expect(Object.fromEntries(model.ledger.tiers)['gold']).toMatchObject({ onTimeQty: 8, backorderQty: 0, lateLines: 0 });
  });

  it('decides in place exactly as allocate() over every line at stake', () => {
    fc.assert(
      fc.property(fc.option(policy, { nil: null }), openingArb, fc.array(dayArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (rules, opening, days, sharedCodes) => {
        expect(replay(rules, opening, days, false, sharedCodes)).toEqual(replay(rules, opening, days, true, sharedCodes));
      }),
      { numRuns: 5000 },
    );
  });

  it('is not trivially equal: the policy changes who gets short stock', () => {
    const days = [{ orders: [{ customer: 3, shipComplete: false, commitment: undefined, lines: [{ product: 0, warehouse: 0, qty: 5 }] }, { customer: 0, shipComplete: false, commitment: undefined, lines: [{ product: 0, warehouse: 0, qty: 5 }] }], receipts: [] }];
    const byTier: AllocationRules = { ...FIRST_COME_FIRST_SERVED, priority: [{ key: 'customer.tier', rank: TIERS, missing: 'last' }] };
    const opening = [5, 0, 0, 0, 0, 0, 0, 0];
    expect(replay(byTier, opening, days, false)).not.toEqual(replay(null, opening, days, false));
    expect(replay(byTier, opening, days, false)).toEqual(replay(byTier, opening, days, true));
  });
});
