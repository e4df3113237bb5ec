/** `distrule diff`: a one-threshold change shows exactly the orders it moves, and bad revisions fail clearly. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './helpers/cli.js';

const HISTORY = resolve('examples/history');

function repoWithRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'distrule-diff-'));
  cpSync('rules', join(dir, 'rules'), { recursive: true });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  git('add', '.');
  git('commit', '-qm', 'rules');
  return dir;
}

function commitAll(dir: string, message: string): void {
  execFileSync('git', ['add', '.'], { cwd: dir });
  execFileSync('git', ['commit', '-qm', message], { cwd: dir });
}

describe('diff', () => {
  it('a lowered threshold moves exactly the orders in the new band', async () => {
    const dir = repoWithRules();
    const file = join(dir, 'rules', 'team-authority.yaml');
    const text = readFileSync(file, 'utf8');
    const before = 'order.team: Benelux Sales\n        order.amount_untaxed: { gte: 7500 }';
    expect(text).toContain(before);
    writeFileSync(file, text.replace(before, 'order.team: Benelux Sales\n        order.amount_untaxed: { gte: 2500 }'));
    commitAll(dir, 'Benelux authority down to 2,500');

    const r = runCli(['diff', 'rules', '--base', 'HEAD~1', '--history', HISTORY, '--format', 'json', '--examples', '100000'], dir);
    expect(r.stderr.replace(/\s+$/, '')).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      rules: { documents: { name: string; items: { summary: string }[] }[] };
      impact: { orders: number; changed: number; examples: { name: string; before: string; after: string; rowsAfter: string[] }[] };
    };
    expect(report.rules.documents.map((d) => d.name)).toEqual(['team-authority']);
    expect(report.rules.documents[0]!.items.map((i) => i.summary).join('\n')).toContain('7,500 → ≥ 2,500');

    // Independently, from the snapshot itself: Benelux orders submitted in the window with 2,500 ≤ untaxed < 7,500.
    const manifest = JSON.parse(readFileSync(join(HISTORY, 'manifest.json'), 'utf8')) as { range: { since: string; until: string } };
    const from = Date.parse(manifest.range.since);
    const until = Date.parse(manifest.range.until);
    const expected: string[] = [];
    for (const l of readFileSync(join(HISTORY, 'sale.order.jsonl'), 'utf8').trim().split('\n')) {
      const o = JSON.parse(l) as { name: string; amount_untaxed: number; team_id: [number, string] | false; create_date: string };
      const at = Date.parse(`${o.create_date.replace(' ', 'T')}Z`);
      if (o.team_id && o.team_id[1] === 'Benelux Sales' && o.amount_untaxed >= 2500 && o.amount_untaxed < 7500 && at >= from && at < until) expected.push(o.name);
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(report.impact.changed).toBe(expected.length);
    expect(report.impact.examples.map((e) => e.name).sort()).toEqual(expected.sort());
    for (const e of report.impact.examples) expect(e.rowsAfter).toContain('benelux-manager');
  }, 120_000);

  it('writes a markdown PR comment: summary first, details folded', () => {
    const dir = repoWithRules();
    const file = join(dir, 'rules', 'sales-approvals.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('order.max_discount: { gt: 15, lte: 30 }', 'order.max_discount: { gt: 10, lte: 30 }'));
    commitAll(dir, 'discount band from 10%');
    const r = runCli(['diff', 'rules', '--base', 'HEAD~1', '--history', HISTORY], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## distrule diff: /);
    expect(r.stdout).toMatch(/\*\*[\d,]+ of [\d,]+ orders\*\*/);
    expect(r.stdout).toContain('<details><summary>Approval requirement changes');
    expect(r.stdout).toContain('<details><summary>Approval queue load</summary>');
    expect(runCli(['diff', 'rules', '--base', 'HEAD~1', '--history', HISTORY, '--fail-on-impact'], dir).code).toBe(1);
    expect(runCli(['diff', 'rules', '--base', 'HEAD', '--history', HISTORY, '--fail-on-impact'], dir).code).toBe(0);
  }, 180_000);

  it('an unknown revision is a clear error, exit 2', () => {
    const dir = repoWithRules();
    const r = runCli(['diff', 'rules', '--base', 'no-such-branch', '--history', HISTORY], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-branch');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a base revision whose rules do not validate shows its findings, exit 2', () => {
    const dir = repoWithRules();
    const file = join(dir, 'rules', 'sales-approvals.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('role: sales-director', 'role: no-such-role'));
    commitAll(dir, 'broken');
    writeFileSync(file, good);
    commitAll(dir, 'fixed');
    const r = runCli(['diff', 'rules', '--base', 'HEAD~1', '--history', HISTORY], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ref/unknown-role');
    expect(r.stderr).toContain('rules/sales-approvals.yaml:');
  });
});
