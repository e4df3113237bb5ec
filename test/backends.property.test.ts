/**
 * The two evaluation backends must decide exactly alike: json-rules-engine (the reference) and
 * the compiled closures (the fast path), on generated conditions and generated facts —
 * including missing facts, Odoo's `false`, and values of the wrong type.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConditionNode, LeafNode, Operator } from '../src/language/condition.js';
import { compileCondition, closureEvaluator, traceCondition } from '../src/compile/evaluate.js';
import { JreBackend } from '../src/compile/jre.js';
import { loadRuleSet } from '../src/ruleset/load.js';
import { conditionsOf } from '../src/ruleset/types.js';
import { decideApproval } from '../src/kinds/approval/decide.js';
import { proposeReplenishment } from '../src/kinds/replenishment/decide.js';
import { allocate } from '../src/kinds/allocation/decide.js';

const FACTS = ['order.amount', 'order.state', 'order.flag', 'customer.tags', 'customer.tier'] as const;
const scalar = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', 'gold', '5', ''), fc.boolean());
const factValue = fc.oneof(
  scalar,
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(false),
  fc.double({ noNaN: false }),
  fc.array(fc.constantFrom('a', 'b', 'gold', 'Key Account'), { maxLength: 3 }),
);

const leaf: fc.Arbitrary<LeafNode> = fc
  .tuple(
    fc.constantFrom(...FACTS),
    fc.constantFrom<Operator>('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'contains', 'notContains', 'containsAny', 'exists', 'matches'),
    scalar,
    fc.array(scalar, { minLength: 1, maxLength: 3 }),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 5 })),
  )
  .map(([fact, op, v, list, [lo, width]]): LeafNode => {
    const value = op === 'in' || op === 'notIn' || op === 'containsAny' ? list : op === 'between' ? [lo, lo + width] : op === 'exists' ? typeof v === 'boolean' ? v : true : op === 'matches' ? '^g' : v;
    return { type: 'leaf', fact, op, value, path: [] };
  });

const condition: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constant<ConditionNode>({ type: 'always', path: [] }),
    fc.array(tie('node'), { maxLength: 3 }).map((items): ConditionNode => ({ type: 'all', items, path: [] })),
    fc.array(tie('node'), { maxLength: 3 }).map((items): ConditionNode => ({ type: 'any', items, path: [] })),
    tie('node').map((item): ConditionNode => ({ type: 'not', item, path: [] })),
  ),
})).node;

const facts = fc.record({
  order: fc.record({ amount: factValue, state: factValue, flag: factValue }, { requiredKeys: [] }),
  customer: fc.record({ tags: factValue, tier: factValue }, { requiredKeys: [] }),
});

describe('evaluation backends', () => {
  it('json-rules-engine, closures and the traced interpreter agree on every condition', async () => {
    await fc.assert(
      fc.asyncProperty(condition, fc.array(facts, { minLength: 1, maxLength: 4 }), async (node, factsList) => {
        const c = compileCondition('c', node);
        const jre = await new JreBackend([c]).prepare(factsList);
        for (const f of factsList) {
          const reference = jre(c, f);
          expect(closureEvaluator(c, f)).toBe(reference);
          expect(traceCondition(node, f).truth).toBe(reference);
        }
      }),
      { numRuns: 400 },
    );
  });

  const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
  const backend = new JreBackend(conditionsOf(ruleSet));
  const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined | false> => fc.oneof({ weight: 5, arbitrary: a }, fc.constant(null), fc.constant(undefined), fc.constant(false));
  const money = fc.integer({ min: -50_000, max: 400_000 });
  const saleFacts = fc.record({
    order: fc.record({
      name: fc.constant('S1'),
      amount_total: maybe(money),
      amount_untaxed: maybe(money),
      margin_pct: maybe(fc.integer({ min: -20, max: 60 })),
      max_discount: maybe(fc.integer({ min: 0, max: 60 })),
      has_shortage: maybe(fc.boolean()),
      salesperson: maybe(fc.constantFrom('m.dejong', 'j.devries', 'a.bakker')),
      date_order: fc.constantFrom('2026-08-10T10:00:00Z', '2026-10-05T10:00:00Z', '2026-12-28T10:00:00Z'),
    }),
    customer: fc.record({
      tier: maybe(fc.constantFrom('platinum', 'gold', 'silver', 'bronze')),
      tags: fc.subarray(['Credit Hold', 'Key Account', 'Tier: Gold']),
      credit_limit: maybe(money),
      credit_after_order: maybe(money),
    }),
  });

  it('approval decisions of the example pack agree between backends', async () => {
    await fc.assert(
      fc.asyncProperty(saleFacts, async (f) => {
        const jre = await backend.prepare([f]);
        for (const m of ruleSet.matrices.values()) {
          const fast = decideApproval(m, f, { directory: ruleSet.directory, evaluate: closureEvaluator });
          const reference = decideApproval(m, f, { directory: ruleSet.directory, evaluate: jre });
          expect(fast).toEqual(reference);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replenishment and allocation decisions of the example pack agree between backends', async () => {
    const productFacts = fc.record({
      product: fc.record({ code: fc.constant('P1'), category: maybe(fc.constantFrom('All / Fasteners / Bolts', 'All / Safety / Gloves', 'All / Hydraulics')), abc: maybe(fc.constantFrom('A', 'B', 'C')) }),
      warehouse: fc.record({ code: fc.constantFrom('AMS', 'RTM') }),
      stock: fc.record({ on_hand: fc.integer({ min: 0, max: 3000 }), on_order: fc.integer({ min: 0, max: 500 }), committed: fc.integer({ min: 0, max: 800 }) }),
      demand: fc.record({ daily: fc.integer({ min: 0, max: 50 }) }),
      vendor: fc.record({ name: maybe(fc.constant('V')), lead_days: maybe(fc.integer({ min: 1, max: 40 })) }),
    });
    const line = fc.record({
      order: fc.record({ name: fc.constantFrom('S1', 'S2', 'S3'), warehouse: fc.constant('AMS'), ship_complete: fc.boolean() }),
      customer: fc.record({ id: fc.integer({ min: 1, max: 3 }), tier: maybe(fc.constantFrom('gold', 'bronze')), tags: fc.subarray(['Fill or Kill']) }),
      line: fc.record({ id: fc.integer({ min: 1, max: 50 }), product: fc.constantFrom('A', 'B'), quantity: fc.integer({ min: 1, max: 100 }) }),
    });
    await fc.assert(
      fc.asyncProperty(productFacts, fc.array(line, { maxLength: 6 }), async (pf, lines) => {
        const jre = await backend.prepare([pf, ...lines]);
        for (const p of ruleSet.replenishments.values()) {
          expect(proposeReplenishment(p, pf, closureEvaluator)).toEqual(proposeReplenishment(p, pf, jre));
        }
        const stock = [{ product: 'A', warehouse: 'AMS', available: 120 }, { product: 'B', warehouse: 'AMS', available: 30 }];
        for (const p of ruleSet.allocations.values()) {
          const demand = lines.map((facts) => ({ facts }));
          expect(allocate(p, stock, demand, closureEvaluator)).toEqual(allocate(p, stock, demand, jre));
        }
      }),
      { numRuns: 200 },
    );
  });
});
