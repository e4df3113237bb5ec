/** `distrule validate`: every kind of bad input gets a finding at the right place, or a clear error. */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../src/ruleset/load.js';
import type { Finding } from '../src/language/findings.js';
import { runCli, tempTree } from './helpers/cli.js';

const MATRIX = (rows: string, extra = ''): string => `apiVersion: distrule/v1
kind: ApprovalMatrix
metadata: { name: m }
spec:
  model: sale.order
  hitPolicy: first${extra}
  rows:
${rows}`;

const DIRECTORY = `apiVersion: distrule/v1
kind: Directory
metadata: { name: d }
spec:
  roles:
    - { name: boss, members: [a.b, c.d] }
`;

function findingsOf(files: Record<string, string | Buffer>): Finding[] {
  const dir = tempTree(files);
  return loadRuleSet(['.'], { cwd: dir }).findings;
}

function at(f: Finding | undefined): string {
  return f ? `${f.file}:${f.start.line}:${f.start.col} ${f.code}` : 'no finding';
}

describe('bad input: each gets a finding at the offending node', () => {
  const cases: { name: string; files: Record<string, string | Buffer>; expect: string }[] = [
    { name: 'a tab in indentation', files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: Calendar\nmetadata:\n\tname: x\n' }, expect: 'a.yaml:4:1 yaml/tab-as-indent' },
    { name: 'an unclosed quote', files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: "Calendar\nmetadata: {}\n' }, expect: 'a.yaml:2:7 yaml/missing-char' },
    { name: 'a duplicate key', files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: Calendar\nkind: Directory\n' }, expect: 'a.yaml:3:1 yaml/duplicate-key' },
    {
      name: 'a wrong type deep inside a row',
      files: { 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      require:\n        - role: boss\n          count: "two"\n') },
      expect: 'a.yaml:11:18 schema/type',
    },
    { name: 'an unknown kind', files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: ApprovalMatrx\nmetadata: { name: x }\nspec: {}\n' }, expect: 'a.yaml:2:7 schema/unknown-kind' },
    {
      name: 'an unknown operator',
      files: { 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      when:\n        order.amount_total: { greater: 5 }\n      require: [{ role: boss }]\n') },
      expect: 'a.yaml:10:31 condition/unknown-operator',
    },
    {
      name: 'a reference to a missing role',
      files: { 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      require:\n        - role: ghost\n') },
      expect: 'a.yaml:10:17 ref/unknown-role',
    },
    {
      name: 'a number written as a string (the silent "5" trap)',
      files: { 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      when: { order.amount_total: { gte: "5000" } }\n      require: [{ role: boss }]\n') },
      expect: 'a.yaml:9:42 condition/value-type',
    },
    {
      name: 'an unknown fact path',
      files: { 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      when: { order.amount: { gte: 5 } }\n      require: [{ role: boss }]\n') },
      expect: 'a.yaml:9:15 fact/unknown',
    },
    { name: 'an empty file', files: { 'a.yaml': '' }, expect: 'a.yaml:1:1 file/empty' },
    { name: 'a binary file', files: { 'a.yaml': Buffer.from([0x61, 0x00, 0x62, 0xff, 0x00]) }, expect: 'a.yaml:1:1 file/binary' },
    { name: 'a 10 MB file', files: { 'a.yaml': `# ${'x'.repeat(10 * 1024 * 1024)}\n` }, expect: 'a.yaml:1:1 file/too-large' },
    {
      name: 'an invalid time zone',
      files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: Calendar\nmetadata: { name: c }\nspec:\n  timezone: CET\n  workingHours: { mon: "09:00-17:00" }\n' },
      expect: 'a.yaml:5:13 calendar/invalid-timezone',
    },
    {
      name: 'escalation steps out of order',
      files: {
        'c.yaml': 'apiVersion: distrule/v1\nkind: Calendar\nmetadata: { name: c }\nspec:\n  timezone: Europe/Amsterdam\n  workingHours: { mon: "09:00-17:00" }\n',
        'a.yaml': 'apiVersion: distrule/v1\nkind: EscalationPolicy\nmetadata: { name: e }\nspec:\n  calendar: c\n  steps:\n    - { after: 1d, action: remind }\n    - { after: 4h, action: expire, outcome: reject }\n',
      },
      expect: 'a.yaml:8:16 escalation/steps-out-of-order',
    },
    {
      name: 'a role with no members',
      files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: Directory\nmetadata: { name: d }\nspec:\n  roles:\n    - name: empty\n      members: []\n' },
      expect: 'a.yaml:7:16 directory/empty-role',
    },
    {
      name: 'replenishment min above max',
      files: { 'a.yaml': 'apiVersion: distrule/v1\nkind: ReplenishmentPolicy\nmetadata: { name: r }\nspec:\n  rules:\n    - id: x\n      minMax: { min: 90, max: 10 }\n' },
      expect: 'a.yaml:7:22 replenishment/min-above-max',
    },
    {
      name: 'duplicate names per kind',
      files: { 'a.yaml': `${DIRECTORY}---\n${DIRECTORY.replace('boss', 'boss2')}` },
      expect: 'a.yaml:10:19 ref/duplicate-name',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const found = findingsOf(c.files);
      const match = found.find((f) => at(f) === c.expect) ?? found.find((f) => c.expect.endsWith(f.code));
      expect(at(match)).toBe(c.expect);
    });
  }
});

describe('decision-table analysis', () => {
  const rules = (hitPolicy: string, rows: string): Record<string, string> => ({ 'd.yaml': DIRECTORY, 'a.yaml': MATRIX(rows).replace('hitPolicy: first', `hitPolicy: ${hitPolicy}`) });
  it('finds a row shadowed by an earlier, more general row under first', () => {
    const f = findingsOf(rules('first', '    - id: big\n      when: { order.amount_total: { gte: 1000 } }\n      require: [{ role: boss }]\n    - id: bigger\n      when: { order.amount_total: { gte: 5000 }, customer.tier: gold }\n      require: [{ role: boss, count: 2 }]\n'));
    expect(f.map(at)).toContain('a.yaml:11:7 approval/shadowed-row');
  });
  it('does not call a more general later row shadowed', () => {
    const f = findingsOf(rules('first', '    - id: bigger\n      when: { order.amount_total: { gte: 5000 } }\n      require: [{ role: boss, count: 2 }]\n    - id: big\n      when: { order.amount_total: { gte: 1000 } }\n      require: [{ role: boss }]\n'));
    expect(f.filter((x) => x.code.startsWith('approval/'))).toEqual([]);
  });
  it('finds everything after an unconditional row shadowed', () => {
    const f = findingsOf(rules('first', '    - id: all\n      allow: true\n    - id: later\n      when: { customer.tier: [gold] }\n      deny: no\n'));
    expect(f.map(at)).toContain('a.yaml:10:7 approval/shadowed-row');
  });
  it('finds overlapping rows when the hit policy is unique', () => {
    const f = findingsOf(rules('unique', '    - id: a\n      when: { order.amount_total: { lt: 1000 } }\n      allow: true\n    - id: b\n      when: { order.amount_total: { lte: 1000 } }\n      require: [{ role: boss }]\n'));
    expect(f.map(at)).toContain('a.yaml:11:7 approval/overlapping-rows');
  });
  it('accepts exclusive rows under unique', () => {
    const f = findingsOf(rules('unique', '    - id: a\n      when: { order.amount_total: { lt: 1000 } }\n      allow: true\n    - id: b\n      when: { order.amount_total: { gte: 1000 } }\n      require: [{ role: boss }]\n'));
    expect(f).toEqual([]);
  });
  it('finds a gap between numeric bands', () => {
    const f = findingsOf(rules('collect', '    - id: a\n      when: { order.amount_total: { gte: 0, lt: 10000 } }\n      allow: true\n    - id: b\n      when: { order.amount_total: { gte: 20000 } }\n      require: [{ role: boss }]\n'));
    const gap = f.find((x) => x.code === 'approval/band-gap');
    expect(at(gap)).toBe('a.yaml:11:7 approval/band-gap');
    expect(gap?.message).toContain('10,000');
    expect(gap?.message).toContain('20,000');
  });
  it('sees no gap in adjacent bands, whatever their bounds', () => {
    const f = findingsOf(rules('collect', '    - id: a\n      when: { order.amount_total: { lt: 10000 } }\n      allow: true\n    - id: b\n      when: { order.amount_total: { gte: 10000, lte: 20000 } }\n      require: [{ role: boss }]\n    - id: c\n      when: { order.amount_total: { gt: 20000 } }\n      require: [{ role: boss, count: 2 }]\n'));
    expect(f).toEqual([]);
  });
  it('finds a row whose condition contradicts itself', () => {
    const f = findingsOf(rules('collect', '    - id: a\n      when: { order.amount_total: { gt: 100, lt: 50 } }\n      allow: true\n'));
    expect(f.map((x) => x.code)).toContain('approval/never-matches');
  });
});

describe('suppressions', () => {
  const gapRows = (comment: string): string =>
    `    - id: a\n      when: { order.amount_total: { gte: 0, lt: 10000 } }\n      allow: true\n${comment}    - id: b\n      when: { order.amount_total: { gte: 20000 } }\n      require: [{ role: boss }]\n`;
  it('silences one finding when a reason is given', () => {
    const f = findingsOf({ 'd.yaml': DIRECTORY, 'a.yaml': MATRIX(gapRows('    # distrule-ignore approval/band-gap -- 10k–20k orders go through the key-account desk\n')).replace('first', 'collect') });
    const gap = f.find((x) => x.code === 'approval/band-gap');
    expect(gap?.suppressed?.reason).toContain('key-account desk');
    expect(f.filter((x) => !x.suppressed)).toEqual([]);
  });
  it('refuses a suppression without a reason', () => {
    const f = findingsOf({ 'd.yaml': DIRECTORY, 'a.yaml': MATRIX(gapRows('    # distrule-ignore approval/band-gap\n')).replace('first', 'collect') });
    expect(f.map((x) => x.code).sort()).toEqual(['approval/band-gap', 'suppress/missing-reason']);
    expect(f.every((x) => !x.suppressed)).toBe(true);
  });
});

describe('the validate command', () => {
  it('passes the example rule pack', () => {
    const r = runCli(['validate', 'rules']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  it('exits 1 on errors and prints file:line:col', () => {
    const dir = tempTree({ 'd.yaml': DIRECTORY, 'a.yaml': MATRIX('    - id: r1\n      require:\n        - role: ghost\n') });
    const r = runCli(['validate', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('a.yaml:10:17');
    expect(r.stdout).toContain('ref/unknown-role');
  });
  it('exits 1 on warnings only with --fail-on warning', () => {
    const dir = tempTree({ 'a.yaml': '' });
    expect(runCli(['validate', '.'], dir).code).toBe(0);
    expect(runCli(['validate', '.', '--fail-on', 'warning'], dir).code).toBe(1);
  });
  it('exits 2 with one clear line for a path that does not exist', () => {
    const r = runCli(['validate', 'no/such/place']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^distrule: path does not exist: no\/such\/place\n/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('exits 2 for a folder with no rule files', () => {
    const dir = tempTree({ 'README.md': '# nothing here\n' });
    const r = runCli(['validate', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no rule files');
  });
  it('exits 2 for an unknown format or option', () => {
    expect(runCli(['validate', 'rules', '--format', 'xml']).code).toBe(2);
    expect(runCli(['validate', 'rules', '--frobnicate']).code).toBe(2);
  });
  it('never prints a stack trace for any of the bad inputs', () => {
    const dir = tempTree({
      'tab.yaml': 'a:\n\tb: 1\n',
      'bin.yaml': Buffer.from([0, 1, 2, 3]),
      'empty.yaml': '',
      'list.yaml': '- just\n- a list\n',
      'scalar.yaml': 'hello\n',
      'nokind.yaml': 'apiVersion: distrule/v1\nmetadata: { name: x }\n',
    });
    const r = runCli(['validate', '.'], dir);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  });
});
