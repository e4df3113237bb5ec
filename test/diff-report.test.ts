/** The diff's markdown on hand-made results: what a reviewer reads first must not contradict itself. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diffMarkdown, type DiffReport } from '../src/diff/report.js';
import type { SimulationResult } from '../src/simulate/result.js';

const fixture = (): SimulationResult => JSON.parse(readFileSync('test/fixtures/simulation-result.json', 'utf8')) as SimulationResult;

function report(base: SimulationResult, head: SimulationResult): DiffReport {
  return {
    version: 1,
    base: 'base',
    head: 'head',
    rules: { base: { revision: 'base' }, head: { revision: 'head' }, documents: [], tally: [] },
    impact: { orders: base.approvals.orders, changed: 0, transitions: [], slots: [], examples: [], base, head },
  };
}

describe('diff markdown', () => {
  it('shows a fill rate that moved less than the shown precision with a second decimal, never "x% → x%"', () => {
    const base = fixture();
    const head = fixture();
    const tier = head.allocation.byTier[0]!;
    base.allocation.byTier[0]!.simulated.fillRate = 0.9013;
    tier.simulated.fillRate = 0.9011;
    const md = diffMarkdown(report(base, head));
    expect(md).toContain(`Fill rate: ${tier.tier} 90.13% → 90.11%.`);
    expect(md).toContain(`| ${tier.tier} | 90.13% | 90.11% |`);
    expect(md).not.toMatch(/(\d+\.\d%) → \1/);
  });

  it('keeps one decimal where it shows the move', () => {
    const base = fixture();
    const head = fixture();
    base.allocation.byTier[0]!.simulated.fillRate = 0.875;
    head.allocation.byTier[0]!.simulated.fillRate = 0.874;
    expect(diffMarkdown(report(base, head))).toContain(`${head.allocation.byTier[0]!.tier} 87.5% → 87.4%`);
  });
});
