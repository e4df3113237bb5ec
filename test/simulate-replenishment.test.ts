/**
 * Replenishment in the replay: make-to-order receipts (history's, bought for sale orders) are
 * on their way in the forecast, as Odoo counts them, and are not the policy's to replace.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closureEvaluator } from '../src/compile/evaluate.js';
import { loadRuleSet } from '../src/ruleset/load.js';
import type { Refs } from '../src/simulate/refs.js';
import { ReplenishmentModel, StockLedger } from '../src/simulate/replenishment.js';
import { ActualDeliveries, type DemandInput } from '../src/simulate/allocation.js';

const POLICY = `apiVersion: distrule/v1
kind: ReplenishmentPolicy
metadata: { name: bins }
spec:
  action: alert
  expedite: true
  rules:
    - id: all
      minMax: { min: 100, max: 500 }
`;

function model(): { ledger: StockLedger; replenishment: ReplenishmentModel } {
  const dir = mkdtempSync(join(tmpdir(), 'distrule-repl-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  const { ruleSet } = loadRuleSet([dir], { cwd: dir });
  rmSync(dir, { recursive: true });
  const empty = new Map();
  const refs: Refs = {
    partners: empty,
    tags: empty,
    users: empty,
    countries: empty,
    warehouses: new Map([[1, { id: 1, code: 'WH' }]]),
    products: new Map([[7, { id: 7, default_code: 'P7', standard_price: 1 }]]),
    categories: empty,
    vendors: new Map(),
    quants: new Map(),
    warehouseOfLocation: new Map(),
  };
  const ledger = new StockLedger(refs, 10, 0, new Map([['7/1', 0]]));
  return { ledger, replenishment: new ReplenishmentModel([...ruleSet.replenishments.values()][0]!, ledger, closureEvaluator) };
}

describe('replenishment in the replay', () => {
  it('counts make-to-order receipts on their way in the forecast, and sees them change', () => {
    const { ledger, replenishment } = model();
    // 300 confirmed, nothing on hand: the forecast is below zero — an expedite.
    ledger.onDemand(7, 1, 300, 0);
    replenishment.endOfDay(0);
    expect(replenishment.expedites).toBe(1);
    // A purchase bought for that order is on its way: the forecast is back to zero.
    replenishment.onInbound(7, 1, 300);
    replenishment.endOfDay(1);
    // It arrives; another 100 are ordered: below zero again, a second episode.
    replenishment.onReceived(7, 1, 300);
    ledger.onDemand(7, 1, 100, 2);
    replenishment.endOfDay(2);
    expect(replenishment.expedites).toBe(2);
  });

  it('committed demand falls only by what settles a line confirmed in the window', () => {
    const { ledger } = model();
    const actual = new ActualDeliveries();
    const line: DemandInput = { lineId: 1, productId: 7, product: 'P7', warehouseId: 1, warehouse: 'WH', quantity: 100, due: 0, tier: 'gold', order: {}, customer: {} };
    actual.onOrderLine(line);
    ledger.onDemand(7, 1, 100, 0);
    const committed = (): number => ledger.positions.get('7/1')!.committed;
    // An order from before the window (line 99) is delivered: nothing of ours is settled.
    ledger.onMove(7, 1, 40, true);
    ledger.onSettled(7, 1, actual.onDelivery(99, 40, 1));
    expect(committed()).toBe(100);
    // Our line: 30 delivered, then 500 cancelled — of which only its last 70 were ours.
    ledger.onSettled(7, 1, actual.onDelivery(1, 30, 2));
    expect(committed()).toBe(70);
    ledger.onSettled(7, 1, actual.onCancel(1, 500));
    expect(committed()).toBe(0);
    expect(ledger.positions.get('7/1')!.actual).toBe(-40);
  });
});
