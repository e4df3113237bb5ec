/** `distrule test`: cases pass or fail with a readable diff, and coverage names what no test touched. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRuleSet } from '../src/ruleset/load.js';
import { runRuleTests } from '../src/testing/run.js';
import { tempTree } from './helpers/cli.js';

describe('rule tests', () => {
  it('the example pack passes at 100% row coverage', async () => {
    const { ruleSet, findings } = loadRuleSet(['rules'], { cwd: process.cwd() });
    expect(findings).toEqual([]);
    const report = await runRuleTests(ruleSet);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(20);
    expect(report.coverage.percent).toBe(100);
  });

  it('a wrong expectation fails with a diff naming the field, and an untested row shows in coverage', async () => {
    const sales = readFileSync('rules/sales-approvals.yaml', 'utf8');
    const dir = tempTree({
      'directory.yaml': readFileSync('rules/directory.yaml', 'utf8'),
      'calendars.yaml': readFileSync('rules/calendars.yaml', 'utf8'),
      'escalation.yaml': readFileSync('rules/escalation.yaml', 'utf8'),
      'sales.yaml': sales,
      'sales.test.yaml': `apiVersion: distrule/v1
kind: RuleTest
metadata: { name: t }
spec:
  target: { kind: ApprovalMatrix, name: sales-orders }
  cases:
    - name: big order
      facts:
        order: { amount_total: 80000, amount_untaxed: 70000, margin_pct: 20, max_discount: 0, salesperson: j.devries, date_order: "2026-10-01T10:00:00Z" }
        customer: { tags: [], credit_limit: 900000, credit_after_order: 500000 }
      expect:
        outcome: require
        steps: [{ role: cfo }, { role: sales-director }]
`,
    });
    const { ruleSet, findings } = loadRuleSet(['.'], { cwd: dir });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const report = await runRuleTests(ruleSet);
    expect(report.failed).toBe(1);
    expect(report.cases[0]!.diff).toContain('steps[0].role: expected "cfo", got "finance-manager"');
    const untested = report.coverage.items.filter((i) => !i.covered).map((i) => i.item);
    expect(untested).toContain('credit-hold');
    expect(untested).not.toContain('large-order');
    // large-order, and bronze-short-stock, which fires on its missing facts (fail closed).
    expect(report.coverage.percent).toBe(20);
  });
});

describe('the test command', () => {
  it('passes the example pack at --min-coverage 100 and writes junit', async () => {
    const { runCli, tempTree: tmp } = await import('./helpers/cli.js');
    const r = runCli(['test', 'rules', '--min-coverage', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('coverage 100%');
    const out = `${tmp({})}/junit.xml`;
    expect(runCli(['test', 'rules', '--format', 'junit', '--output', out]).code).toBe(0);
    const { readFileSync: read } = await import('node:fs');
    const xml = read(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('failures="0"');
  });
  it('exits 2 for a --min-coverage that is not a percentage', async () => {
    const { runCli } = await import('./helpers/cli.js');
    expect(runCli(['test', 'rules', '--min-coverage', 'lots']).code).toBe(2);
  });
});
