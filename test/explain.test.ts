/** `distrule explain`: every row and leaf with its value and result; missing facts shown and failing closed. */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../src/ruleset/load.js';
import { explain } from '../src/explain/explain.js';
import { runCli, tempTree } from './helpers/cli.js';

const facts = {
  order: { name: 'S00420', amount_total: 60000, amount_untaxed: 49587, margin_pct: 18, max_discount: 0, has_shortage: false, salesperson: 'j.devries', date_order: '2026-10-05T10:00:00Z' },
  customer: { tier: 'gold', tags: [], credit_limit: null, credit_available: null, credit_after_order: null },
};

describe('explain', () => {
  it('traces every row, shows missing facts and the final decision', async () => {
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const e = await explain(ruleSet, facts);
    expect(e.subject).toBe('sale.order');
    const m = e.documents.find((d) => d.kind === 'ApprovalMatrix');
    if (m?.kind !== 'ApprovalMatrix') throw new Error('no matrix explained');
    expect(m.rows).toHaveLength(10);
    const credit = m.rows.find((r) => r.id === 'credit-exceeded')!;
    expect(credit.truth).toBe('unknown');
    expect(credit.fired).toBe(true);
    expect(credit.trace.leaf).toMatchObject({ fact: 'customer.credit_after_order', missing: true });
    expect(e.missingFacts).toContain('customer.credit_after_order');
    expect(m.decision.outcome).toBe('require');
    expect(m.decision.rows).toEqual(['no-credit-limit', 'credit-exceeded', 'large-order']);
  });

  it('prints text and json through the CLI', () => {
    const dir = tempTree({ 'facts.json': JSON.stringify(facts) });
    const text = runCli(['explain', 'rules', '--facts', `${dir}/facts.json`]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('FIRES  large-order');
    expect(text.stdout).toContain('customer.credit_after_order < 0  (value: missing)');
    expect(text.stdout).toContain('Missing facts');
    const json = runCli(['explain', 'rules', '--facts', `${dir}/facts.json`, '--format', 'json']);
    expect(JSON.parse(json.stdout).documents[0].decision.outcome).toBe('require');
  });

  it('a facts file that is missing or not an object is a clear error, exit 2', () => {
    const dir = tempTree({ 'bad.json': '[1, 2' });
    expect(runCli(['explain', 'rules', '--facts', 'nope.json']).code).toBe(2);
    const r = runCli(['explain', 'rules', '--facts', `${dir}/bad.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read facts');
  });
});
