/** Rules at a git revision: materialised from history, findings at repository paths, typed errors. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiffError, diffRuleSets, loadRuleSetAt, type DiffErrorCode } from '../src/diff/index.js';
import { tempTree } from './helpers/cli.js';

const HEAD = 'apiVersion: distrule/v1\n';
const DIRECTORY = `${HEAD}kind: Directory
metadata: { name: staff }
spec:
  roles:
    - { name: sales-director, members: [p.bakker] }
    - { name: finance, members: [r.deboer, k.mulder] }
`;
const MATRIX = (threshold: number, role = 'sales-director'): string => `${HEAD}kind: ApprovalMatrix
metadata: { name: sales }
spec:
  model: sale.order
  hitPolicy: first
  rows:
    - id: large-order
      when:
        order.amount_total: { gte: ${threshold} }
      require:
        - role: ${role}
    - id: rest
      allow: true
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function commit(repo: string, files: Record<string, string>, message: string): string {
  for (const [p, content] of Object.entries(files)) writeFileSync(join(repo, p), content);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

function diffError(f: () => unknown): DiffError {
  try {
    f();
  } catch (e) {
    if (e instanceof DiffError) return e;
    throw e;
  }
  throw new Error('expected a DiffError');
}

function codeOf(f: () => unknown): DiffErrorCode {
  return diffError(f).code;
}

let repo: string;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = realpathSync(tempTree({ 'distrule.yaml': `${HEAD}history: snapshots\n`, 'rules/.keep': '' }));
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  sha['broken'] = commit(repo, { 'rules/directory.yaml': DIRECTORY, 'rules/matrix.yaml': MATRIX(50000, 'ghost') }, 'broken rules');
  sha['base'] = commit(repo, { 'rules/matrix.yaml': MATRIX(50000) }, 'valid rules');
  sha['head'] = commit(repo, { 'rules/matrix.yaml': MATRIX(40000) }, 'lower the threshold');
});

describe('loadRuleSetAt', () => {
  it('loads the rules of an earlier commit and diffs them against the working tree', () => {
    const base = loadRuleSetAt('HEAD~1', ['rules'], { cwd: repo });
    const head = loadRuleSetAt(null, ['rules'], { cwd: repo });
    expect(base.revision.commit).toEqual({ sha: sha['base'], short: git(repo, 'rev-parse', '--short', sha['base']!) });
    expect(base.revision.label).toBe(`HEAD~1 (${base.revision.commit!.short})`);
    expect(head.revision).toEqual({ ref: null, label: 'the working tree', commit: null });
    expect(base.files).toEqual(['rules/directory.yaml', 'rules/matrix.yaml']);
    const diff = diffRuleSets(base.ruleSet, head.ruleSet);
    expect(diff.documents.flatMap((d) => d.items.map((i) => i.summary))).toEqual(['row large-order: order.amount_total ≥ 50,000 → ≥ 40,000']);
  });

  it('includes the distrule.yaml of that revision, rooted at the real repository', () => {
    const base = loadRuleSetAt(sha['base']!, ['rules'], { cwd: repo });
    expect(base.config?.history).toBe('snapshots');
    expect(base.config?.root).toBe(repo);
    expect(base.revision.label).toBe(base.revision.commit!.short);
  });

  it('reads paths relative to cwd inside the repository, as the working tree does', () => {
    const rulesDir = join(repo, 'rules');
    const base = loadRuleSetAt('HEAD', ['.'], { cwd: rulesDir });
    const work = loadRuleSetAt(null, ['.'], { cwd: rulesDir });
    expect(base.files).toEqual(work.files);
    expect(base.files).toEqual(['directory.yaml', 'matrix.yaml']);
    const absolute = loadRuleSetAt('HEAD~1', [join(repo, 'rules', 'matrix.yaml'), join(repo, 'rules', 'directory.yaml')], { cwd: rulesDir });
    expect(absolute.files).toEqual(['directory.yaml', 'matrix.yaml']);
  });

  it('sees uncommitted changes in the working tree only', () => {
    const clone = realpathSync(mkdtempSync(join(tmpdir(), 'distrule-clone-')));
    git(clone, 'clone', '-q', repo, '.');
    writeFileSync(join(clone, 'rules', 'matrix.yaml'), MATRIX(30000));
    const committed = loadRuleSetAt('HEAD', ['rules'], { cwd: clone });
    const work = loadRuleSetAt(null, ['rules'], { cwd: clone });
    expect(diffRuleSets(committed.ruleSet, work.ruleSet).documents[0]!.items[0]!.summary).toBe('row large-order: order.amount_total ≥ 40,000 → ≥ 30,000');
    const origin = loadRuleSetAt('origin/HEAD', ['rules'], { cwd: clone });
    expect(origin.revision.commit!.sha).toBe(sha['head']);
  });

  it('leaves no temporary folder behind', () => {
    const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'distrule-scratch-')));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = scratch;
    try {
      loadRuleSetAt('HEAD', ['rules'], { cwd: repo });
      expect(() => loadRuleSetAt(sha['broken']!, ['rules'], { cwd: repo })).toThrow(DiffError);
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('loadRuleSetAt errors', () => {
  it('unknown revision, with a hint to fetch it', () => {
    const e = diffError(() => loadRuleSetAt('origin/no-such-branch', ['rules'], { cwd: repo }));
    expect(e.code).toBe('unknown-revision');
    expect(e.message).toContain('"origin/no-such-branch"');
    expect(e.hint).toContain('git fetch origin no-such-branch');
    expect(e.revision).toBe('origin/no-such-branch');
    expect(codeOf(() => loadRuleSetAt('HEAD:rules', ['rules'], { cwd: repo }))).toBe('unknown-revision');
    expect(codeOf(() => loadRuleSetAt('--all', ['rules'], { cwd: repo }))).toBe('unknown-revision');
    expect(codeOf(() => loadRuleSetAt('', ['rules'], { cwd: repo }))).toBe('unknown-revision');
  });

  it('rules that do not validate at the base revision come with their findings, at repository paths', () => {
    const e = diffError(() => loadRuleSetAt(sha['broken']!, ['rules'], { cwd: repo }));
    expect(e.code).toBe('rules-invalid-at-revision');
    expect(e.message).toContain(sha['broken']!.slice(0, 7));
    const unknownRole = e.findings.find((f) => f.code === 'ref/unknown-role');
    expect(unknownRole && `${unknownRole.file}:${unknownRole.start.line}:${unknownRole.start.col}`).toBe('rules/matrix.yaml:12:17');
    const lenient = loadRuleSetAt(sha['broken']!, ['rules'], { cwd: repo, requireValid: false });
    expect(lenient.findings.some((f) => f.code === 'ref/unknown-role')).toBe(true);
  });

  it('the working tree is held to the same standard', () => {
    const dir = tempTree({ 'rules/matrix.yaml': MATRIX(1, 'ghost'), 'rules/directory.yaml': DIRECTORY });
    expect(codeOf(() => loadRuleSetAt(null, ['rules'], { cwd: dir }))).toBe('rules-invalid-at-revision');
  });

  it('paths missing at the revision', () => {
    const e = diffError(() => loadRuleSetAt('HEAD', ['policies'], { cwd: repo }));
    expect(e.code).toBe('paths-missing-at-revision');
    expect(e.message).toBe(`policies has no rule files at HEAD (${git(repo, 'rev-parse', '--short', 'HEAD')})`);
    expect(codeOf(() => loadRuleSetAt('HEAD', ['/somewhere/else'], { cwd: repo }))).toBe('paths-missing-at-revision');
  });

  it('not a repository', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'distrule-norepo-')));
    expect(existsSync(join(dir, '.git'))).toBe(false);
    const e = diffError(() => loadRuleSetAt('HEAD', ['rules'], { cwd: dir }));
    expect(e.code).toBe('not-a-repo');
    expect(e.message).toContain(dir);
    expect(e.hint).toBeTruthy();
  });
});
