/** Semantic diff: each kind of change between two small rule sets gets one exact, human line. */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../src/ruleset/load.js';
import type { RuleSet } from '../src/ruleset/types.js';
import { diffRuleSets, renderSemanticMarkdown, summarizeDiff, diffCondition, escapeMarkdown, type RuleSetDiff } from '../src/diff/index.js';
import { movedIds } from '../src/diff/semantic.js';
import { parseCondition } from '../src/language/condition.js';
import { tempTree } from './helpers/cli.js';

const HEAD = 'apiVersion: distrule/v1\n';

const BASE: Record<string, string> = {
  'directory.yaml': `${HEAD}kind: Directory
metadata: { name: staff }
spec:
  roles:
    - { name: sales-manager, members: [m.jansen, s.visser], escalatesTo: sales-director }
    - { name: sales-director, members: [p.bakker], escalatesTo: finance }
    - { name: finance, members: [r.deboer, k.mulder] }
    - { name: warehouse-lead, members: [h.hendriks] }
  delegations:
    - { from: p.bakker, to: m.jansen, start: 2026-08-01, end: 2026-08-15 }
`,
  'calendar.yaml': `${HEAD}kind: Calendar
metadata: { name: office }
spec:
  timezone: Europe/Amsterdam
  workingHours:
    mon: "08:30-17:00"
    tue: "08:30-17:00"
    wed: "08:30-17:00"
    thu: "08:30-17:00"
    fri: ["08:30-12:30", "13:00-16:00"]
  holidays:
    - { date: 2026-12-25, name: Christmas }
    - { date: 2026-04-27, name: Koningsdag }
---
${HEAD}kind: Calendar
metadata: { name: shifts }
spec:
  timezone: Europe/Amsterdam
  workingHours: { mon: "06:00-22:00", tue: "06:00-22:00" }
`,
  'escalation.yaml': `${HEAD}kind: EscalationPolicy
metadata: { name: standard }
spec:
  calendar: office
  steps:
    - { after: 4h, action: remind }
    - { after: 1d, action: escalate }
    - { after: 3d, action: expire, outcome: reject }
---
${HEAD}kind: EscalationPolicy
metadata: { name: credit }
spec:
  calendar: office
  steps:
    - { after: 2h, action: escalate, to: finance }
`,
  'matrix.yaml': `${HEAD}kind: ApprovalMatrix
metadata: { name: sales }
spec:
  model: sale.order
  hitPolicy: first
  escalation: standard
  rows:
    - id: on-hold
      when: { customer.tags: { contains: Credit Hold } }
      deny: Customer is on credit hold.
    - id: large-order
      when:
        order.amount_total: { gte: 50000 }
      require:
        - role: sales-director
        - role: finance
          track: financial
    - id: discount
      when:
        order.max_discount: { gt: 15 }
      require:
        - role: sales-manager
    - id: small
      allow: true
`,
  'allocation.yaml': `${HEAD}kind: AllocationPolicy
metadata: { name: scarce }
spec:
  priority:
    - key: customer.tier
      rank: [platinum, gold, silver]
    - key: order.commitment_date
      order: asc
  tieBreak: order.name
  partialFill:
    minFillPct: 25
    fillOrKill:
      customer.tags: { contains: Fill or Kill }
  caps:
    perCustomerPct: 60
`,
  'replenishment.yaml': `${HEAD}kind: ReplenishmentPolicy
metadata: { name: stock }
spec:
  action: rfq
  rules:
    - id: fasteners
      when:
        product.category: { matches: "^All / Fasteners" }
      minMax: { min: 500, max: 2500, multiple: 100 }
    - id: a-items
      when:
        product.abc: A
      daysOfCover: { days: 21, safetyDays: 5 }
    - id: default
      daysOfCover: { days: 30 }
`,
  'tests.yaml': `${HEAD}kind: RuleTest
metadata: { name: sales-tests }
spec:
  target: { kind: ApprovalMatrix, name: sales }
  cases:
    - name: small order passes
      facts: { order: { amount_total: 100, max_discount: 0 }, customer: { tags: [] } }
      expect: { outcome: approved }
`,
};

function load(files: Record<string, string>): RuleSet {
  const { ruleSet, findings } = loadRuleSet(['.'], { cwd: tempTree(files) });
  const errors = findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.file}:${f.start.line} ${f.code} ${f.message}`)).toEqual([]);
  return ruleSet;
}

type Patch = [file: string, from: string, to: string];

function patched(patches: Patch[]): Record<string, string> {
  const files = { ...BASE };
  for (const [file, from, to] of patches) {
    const text = files[file] ?? '';
    if (from === '') {
      files[file] = to;
      continue;
    }
    expect(text.includes(from), `${file} contains ${JSON.stringify(from)}`).toBe(true);
    files[file] = text.replace(from, to);
  }
  return files;
}

const base = load(BASE);

function diffWith(patches: Patch[]): RuleSetDiff {
  return diffRuleSets(base, load(patched(patches)));
}

function lines(diff: RuleSetDiff): string[] {
  return diff.documents.flatMap((d) => (d.change === 'changed' ? d.items.map((i) => `${d.kind} ${d.name}: ${i.summary}`) : [`${d.kind} ${d.name} ${d.change}`]));
}

const LARGE = 'order.amount_total: { gte: 50000 }';
const FINANCE_STEP = '        - role: finance\n          track: financial\n';

describe('diffRuleSets: one exact line per change', () => {
  const cases: { name: string; patches: Patch[]; expect: string[] }[] = [
    // ApprovalMatrix
    { name: 'threshold', patches: [['matrix.yaml', LARGE, 'order.amount_total: { gte: 40000 }']], expect: ['ApprovalMatrix sales: row large-order: order.amount_total ≥ 50,000 → ≥ 40,000'] },
    { name: 'operator and threshold', patches: [['matrix.yaml', LARGE, 'order.amount_total: { gt: 49999.5 }']], expect: ['ApprovalMatrix sales: row large-order: order.amount_total ≥ 50,000 → > 49,999.5'] },
    { name: 'hit policy', patches: [['matrix.yaml', 'hitPolicy: first', 'hitPolicy: collect']], expect: ['ApprovalMatrix sales: hit policy first → collect'] },
    {
      name: 'row added',
      patches: [['matrix.yaml', '    - id: small\n', '    - id: vip\n      when: { customer.tier: [gold, platinum] }\n      require: [{ role: sales-director }]\n    - id: small\n']],
      expect: ['ApprovalMatrix sales: row vip added at position 4: require sales-director when customer.tier in [gold, platinum]'],
    },
    {
      name: 'row removed',
      patches: [['matrix.yaml', '    - id: discount\n      when:\n        order.max_discount: { gt: 15 }\n      require:\n        - role: sales-manager\n', '']],
      expect: ['ApprovalMatrix sales: row discount removed (was position 3: require sales-manager when order.max_discount > 15)'],
    },
    {
      name: 'row moved (order decides under first)',
      patches: [
        ['matrix.yaml', '    - id: discount\n      when:\n        order.max_discount: { gt: 15 }\n      require:\n        - role: sales-manager\n', ''],
        ['matrix.yaml', '    - id: large-order\n', '    - id: discount\n      when:\n        order.max_discount: { gt: 15 }\n      require:\n        - role: sales-manager\n    - id: large-order\n'],
      ],
      expect: ['ApprovalMatrix sales: row large-order moved from position 2 to 3 (under hit policy first, the first matching row decides)'],
    },
    {
      name: 'condition shape changed: old → new text',
      patches: [['matrix.yaml', `when:\n        ${LARGE}`, 'when:\n        any:\n          - order.amount_total: { gte: 50000 }\n          - customer.credit_after_order: { lt: 0 }']],
      expect: ['ApprovalMatrix sales: row large-order: condition order.amount_total ≥ 50,000 → order.amount_total ≥ 50,000 or customer.credit_after_order < 0'],
    },
    {
      name: 'condition gains a part',
      patches: [['matrix.yaml', `        ${LARGE}\n`, `        ${LARGE}\n        customer.tags: { contains: Key Account }\n`]],
      expect: ['ApprovalMatrix sales: row large-order: condition adds customer.tags contains "Key Account"'],
    },
    { name: 'outcome require → deny', patches: [['matrix.yaml', '      require:\n        - role: sales-manager\n', '      deny: Too much discount.\n']], expect: ['ApprovalMatrix sales: row discount: require sales-manager → deny "Too much discount."'] },
    { name: 'deny reason', patches: [['matrix.yaml', 'deny: Customer is on credit hold.', 'deny: On hold.']], expect: ['ApprovalMatrix sales: row on-hold: deny reason "Customer is on credit hold." → "On hold."'] },
    { name: 'dual approval', patches: [['matrix.yaml', FINANCE_STEP, `${FINANCE_STEP}          count: 2\n`]], expect: ['ApprovalMatrix sales: row large-order: step finance count 1 → 2'] },
    { name: 'step track', patches: [['matrix.yaml', FINANCE_STEP, '        - role: finance\n']], expect: ['ApprovalMatrix sales: row large-order: step finance track financial → operational'] },
    {
      name: 'step added and removed',
      patches: [['matrix.yaml', '        - role: sales-director\n', '        - role: sales-manager\n']],
      expect: ['ApprovalMatrix sales: row large-order: step sales-manager added', 'ApprovalMatrix sales: row large-order: step sales-director removed'],
    },
    {
      name: 'step added to a track',
      patches: [['matrix.yaml', '      require:\n        - role: sales-manager\n', '      require:\n        - role: sales-manager\n        - role: sales-director\n']],
      expect: ['ApprovalMatrix sales: row discount: step sales-director added'],
    },
    {
      name: 'hold added',
      patches: [['matrix.yaml', FINANCE_STEP, `${FINANCE_STEP}      holds:\n        - { step: delivery, reason: Big order, until: { customer.credit_after_order: { gte: 0 } } }\n`]],
      expect: ['ApprovalMatrix sales: row large-order: now holds delivery (Big order) until customer.credit_after_order ≥ 0'],
    },
    { name: 'row escalation', patches: [['matrix.yaml', FINANCE_STEP, `${FINANCE_STEP}      escalation: credit\n`]], expect: ['ApprovalMatrix sales: row large-order: escalation standard → credit'] },
    { name: 'default escalation (steps follow it silently)', patches: [['matrix.yaml', 'escalation: standard', 'escalation: credit']], expect: ['ApprovalMatrix sales: default escalation standard → credit'] },
    // Directory
    {
      name: 'role added',
      patches: [['directory.yaml', '    - { name: warehouse-lead', '    - { name: cfo, members: [k.mulder] }\n    - { name: warehouse-lead']],
      expect: ['Directory staff: role cfo added (k.mulder)'],
    },
    { name: 'role removed', patches: [['directory.yaml', '    - { name: warehouse-lead, members: [h.hendriks] }\n', '']], expect: ['Directory staff: role warehouse-lead removed (was h.hendriks)'] },
    {
      name: 'members added and removed',
      patches: [['directory.yaml', 'members: [m.jansen, s.visser]', 'members: [m.jansen, a.peeters]']],
      expect: ['Directory staff: role sales-manager: member a.peeters added', 'Directory staff: role sales-manager: member s.visser removed'],
    },
    { name: 'escalatesTo', patches: [['directory.yaml', 'escalatesTo: finance }', '}']], expect: ['Directory staff: role sales-director: escalates to finance → none'] },
    { name: 'delegation changed', patches: [['directory.yaml', 'end: 2026-08-15', 'end: 2026-08-22']], expect: ['Directory staff: delegation from p.bakker: end 2026-08-15 → 2026-08-22'] },
    {
      name: 'delegation added',
      patches: [['directory.yaml', 'end: 2026-08-15 }\n', 'end: 2026-08-15 }\n    - { from: k.mulder, to: r.deboer, start: 2026-07-01, end: 2026-07-10, roles: [finance] }\n']],
      expect: ['Directory staff: delegation k.mulder → r.deboer, 2026-07-01 to 2026-07-10 (roles finance) added'],
    },
    // EscalationPolicy
    { name: 'escalation wait', patches: [['escalation.yaml', '{ after: 1d, action: escalate }', '{ after: 6h, action: escalate }']], expect: ['EscalationPolicy standard: escalate step: after 1d → 6h'] },
    {
      name: 'escalation target and outcome',
      patches: [
        ['escalation.yaml', '{ after: 1d, action: escalate }', '{ after: 1d, action: escalate, to: finance }'],
        ['escalation.yaml', 'outcome: reject', 'outcome: cancel'],
      ],
      expect: ["EscalationPolicy standard: escalate step: to the role's escalatesTo → finance", 'EscalationPolicy standard: expire step: outcome reject → cancel'],
    },
    {
      name: 'escalation step added, calendar changed',
      patches: [
        ['escalation.yaml', '    - { after: 3d, action: expire', '    - { after: 2d, action: notify, webhook: "https://hooks.example/x" }\n    - { after: 3d, action: expire'],
        ['escalation.yaml', 'calendar: office\n  steps:\n    - { after: 4h', 'calendar: shifts\n  steps:\n    - { after: 4h'],
      ],
      expect: ['EscalationPolicy standard: calendar office → shifts', 'EscalationPolicy standard: step added: notify after 2d (https://hooks.example/x)'],
    },
    // Calendar
    {
      name: 'calendar timezone, hours and holidays',
      patches: [
        ['calendar.yaml', 'timezone: Europe/Amsterdam\n  workingHours:\n    mon', 'timezone: Europe/Brussels\n  workingHours:\n    mon'],
        ['calendar.yaml', 'fri: ["08:30-12:30", "13:00-16:00"]', 'fri: ["08:30-12:30", "13:00-17:00"]\n    sat: "09:00-12:00"'],
        ['calendar.yaml', '    - { date: 2026-04-27, name: Koningsdag }\n', '    - { from: 2026-12-31, to: 2027-01-01, name: New Year }\n'],
      ],
      expect: [
        'Calendar office: timezone Europe/Amsterdam → Europe/Brussels',
        'Calendar office: fri 08:30–12:30, 13:00–16:00 → 08:30–12:30, 13:00–17:00',
        'Calendar office: sat closed → 09:00–12:00',
        'Calendar office: holiday 2026-12-31 to 2027-01-01 (New Year) added',
        'Calendar office: holiday 2026-04-27 (Koningsdag) removed',
      ],
    },
    { name: 'holiday moved', patches: [['calendar.yaml', '2026-12-25, name: Christmas', '2026-12-24, name: Christmas']], expect: ['Calendar office: holiday Christmas: 2026-12-25 → 2026-12-24'] },
    // AllocationPolicy
    {
      name: 'allocation keys',
      patches: [
        ['allocation.yaml', 'rank: [platinum, gold, silver]', 'rank: [platinum, gold, silver, bronze]'],
        ['allocation.yaml', 'order: asc', 'order: desc'],
      ],
      expect: ['AllocationPolicy scarce: priority key customer.tier: rank [platinum, gold, silver] → rank [platinum, gold, silver, bronze]', 'AllocationPolicy scarce: priority key order.commitment_date: asc → desc'],
    },
    {
      name: 'allocation key order',
      patches: [['allocation.yaml', '    - key: customer.tier\n      rank: [platinum, gold, silver]\n    - key: order.commitment_date\n      order: asc\n', '    - key: order.commitment_date\n      order: asc\n    - key: customer.tier\n      rank: [platinum, gold, silver]\n']],
      expect: ['AllocationPolicy scarce: priority order customer.tier, order.commitment_date → order.commitment_date, customer.tier'],
    },
    {
      name: 'allocation tie-break, fill, caps',
      patches: [
        ['allocation.yaml', 'tieBreak: order.name', 'tieBreak: order.date_order'],
        ['allocation.yaml', 'minFillPct: 25', 'minFillPct: 50'],
        ['allocation.yaml', 'Fill or Kill', 'FOK'],
        ['allocation.yaml', 'perCustomerPct: 60', 'perCustomerPct: 40'],
        ['allocation.yaml', '      order: asc\n', '      order: asc\n    - key: order.amount_total\n      order: desc\n'],
      ],
      expect: [
        'AllocationPolicy scarce: priority key order.amount_total desc added at position 3',
        'AllocationPolicy scarce: tie-break order.name → order.date_order',
        'AllocationPolicy scarce: minimum fill 25% → 50%',
        'AllocationPolicy scarce: fill-or-kill: customer.tags contains "Fill or Kill" → contains FOK',
        'AllocationPolicy scarce: per-customer cap 60% → 40%',
      ],
    },
    // ReplenishmentPolicy
    { name: 'min/max parameters', patches: [['replenishment.yaml', 'min: 500, max: 2500', 'min: 400, max: 2500']], expect: ['ReplenishmentPolicy stock: rule fasteners: min 500 → 400'] },
    {
      name: 'rule added and moved',
      patches: [
        ['replenishment.yaml', '    - id: fasteners\n      when:\n        product.category: { matches: "^All / Fasteners" }\n      minMax: { min: 500, max: 2500, multiple: 100 }\n', ''],
        ['replenishment.yaml', '    - id: default\n', '    - id: fasteners\n      when:\n        product.category: { matches: "^All / Fasteners" }\n      minMax: { min: 500, max: 2500, multiple: 100 }\n    - id: c-items\n      when: { product.abc: C }\n      action: alert\n      minMax: { min: 10, max: 20 }\n    - id: default\n'],
      ],
      expect: [
        'ReplenishmentPolicy stock: rule fasteners moved from position 1 to 2 (the first matching rule decides)',
        'ReplenishmentPolicy stock: rule c-items added at position 3: min/max 10–20, alert when product.abc = C',
      ],
    },
    {
      name: 'method and action',
      patches: [
        ['replenishment.yaml', 'daysOfCover: { days: 21, safetyDays: 5 }', 'minMax: { min: 10, max: 50 }\n      action: alert'],
        ['replenishment.yaml', 'daysOfCover: { days: 30 }', 'daysOfCover: { days: 30, leadDays: 14 }'],
      ],
      expect: [
        'ReplenishmentPolicy stock: rule a-items: action rfq → alert',
        'ReplenishmentPolicy stock: rule a-items: 21 days of cover + 5 safety days → min/max 10–50',
        'ReplenishmentPolicy stock: rule default: lead days none → 14',
      ],
    },
    { name: 'default action (rules follow it silently)', patches: [['replenishment.yaml', 'action: rfq', 'action: alert']], expect: ['ReplenishmentPolicy stock: default action rfq → alert'] },
    // Documents and tests
    { name: 'document added', patches: [['weekend.yaml', '', `${HEAD}kind: Calendar\nmetadata: { name: weekend }\nspec:\n  timezone: UTC\n  workingHours: { sat: "10:00-14:00" }\n`]], expect: ['Calendar weekend added'] },
    { name: 'document removed', patches: [['calendar.yaml', /---[\s\S]*$/.exec(BASE['calendar.yaml']!)![0], '']], expect: ['Calendar shifts removed'] },
    {
      name: 'test case added',
      patches: [['tests.yaml', '      expect: { outcome: approved }\n', '      expect: { outcome: approved }\n    - name: huge order\n      facts: { order: { amount_total: 90000 } }\n      expect: { outcome: pending }\n']],
      expect: ['RuleTest sales-tests: case "huge order" added'],
    },
    { name: 'nothing changed', patches: [['matrix.yaml', 'metadata: { name: sales }', 'metadata: { name: sales, description: only words changed }']], expect: [] },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(lines(diffWith(c.patches))).toEqual(c.expect);
    });
  }
});

describe('diff details', () => {
  it('describes an added document by its content, and counts it as one document', () => {
    const diff = diffWith([['weekend.yaml', '', `${HEAD}kind: Calendar\nmetadata: { name: weekend }\nspec:\n  timezone: UTC\n  workingHours: { sat: "10:00-14:00" }\n  holidays: [{ date: 2026-12-26 }]\n`]]);
    expect(diff.documents[0]!.items.map((i) => i.summary)).toEqual(['timezone UTC', 'sat 10:00–14:00', 'holiday 2026-12-26']);
    expect(diff.tally).toEqual([{ entity: 'Calendar', change: 'added', count: 1 }]);
    expect(summarizeDiff(diff)).toBe('1 document changed: 1 calendar added');
  });

  it('items carry paths and plain before/after values, and survive JSON', () => {
    const diff = diffWith([['matrix.yaml', LARGE, 'order.amount_total: { gte: 40000 }']]);
    const item = diff.documents[0]!.items[0]!;
    expect(item).toEqual({
      path: 'rows.large-order.when',
      summary: 'row large-order: order.amount_total ≥ 50,000 → ≥ 40,000',
      change: 'changed',
      entity: { type: 'row', id: 'large-order' },
      before: 'order.amount_total ≥ 50,000',
      after: 'order.amount_total ≥ 40,000',
    });
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
    expect(diff.base.revision).toBe(base.revision);
  });

  it('brackets path segments that are not plain names', () => {
    const diff = diffWith([['directory.yaml', 'end: 2026-08-15', 'end: 2026-08-22']]);
    expect(diff.documents[0]!.items[0]!.path).toBe('delegations["p.bakker"].end');
  });

  it('summarises per entity: several items of one row count once', () => {
    const diff = diffWith([
      ['matrix.yaml', LARGE, 'order.amount_total: { gte: 40000 }'],
      ['matrix.yaml', FINANCE_STEP, `${FINANCE_STEP}          count: 2\n`],
      ['matrix.yaml', 'order.max_discount: { gt: 15 }', 'order.max_discount: { gt: 20 }'],
      ['directory.yaml', '    - { name: warehouse-lead', '    - { name: cfo, members: [k.mulder] }\n    - { name: warehouse-lead'],
    ]);
    expect(summarizeDiff(diff)).toBe('2 documents changed: 2 rows changed, 1 role added');
  });

  it('reports nothing for identical rule sets', () => {
    const diff = diffRuleSets(base, load(BASE));
    expect(diff.documents).toEqual([]);
    expect(summarizeDiff(diff)).toBe('No rule changes.');
  });

  it('spells out between and exists leaves, and keeps number-like strings quoted', () => {
    const p = (raw: unknown) => parseCondition(raw, [], []);
    expect(diffCondition(p({ 'order.amount_total': { between: [1000, 5000] } }), p({ 'order.amount_total': { between: [1000, 7500] } })).map((d) => d.summary)).toEqual([
      'order.amount_total between 1,000 and 5,000 → between 1,000 and 7,500',
    ]);
    expect(diffCondition(p({ 'customer.credit_limit': { exists: false } }), p({ 'customer.credit_limit': { exists: true } })).map((d) => d.summary)).toEqual([
      'customer.credit_limit does not exist → exists',
    ]);
    expect(diffCondition(p({ 'order.team': 'A' }), p({ 'order.team': '5000' })).map((d) => d.summary)).toEqual(['order.team = A → = "5000"']);
    expect(diffCondition(p(undefined), p({ 'order.team': 'A' })).map((d) => d.summary)).toEqual(['condition always → order.team = A']);
    expect(diffCondition(p({ 'order.team': 'A', 'order.amount_total': { gte: 5 } }), p({ 'order.team': 'A' })).map((d) => d.summary)).toEqual(['condition drops order.amount_total ≥ 5']);
    expect(diffCondition(p({ 'order.team': 'A', 'order.amount_total': { gte: 5 } }), p({ 'order.amount_total': { gte: 5 }, 'order.team': 'A' }))).toEqual([]);
  });

  it('reports steps reordered within a track, and holds changed or removed', () => {
    const row = (steps: string, holds: string): Record<string, string> =>
      patched([['matrix.yaml', '      require:\n        - role: sales-manager\n', `      require:\n${steps}${holds}`]]);
    const before = load(row('        - role: sales-manager\n        - role: sales-director\n', '      holds:\n        - { step: invoicing, reason: Check }\n        - { step: delivery, reason: Stop, until: { order.has_shortage: false } }\n'));
    const after = load(row('        - role: sales-director\n        - role: sales-manager\n', '      holds:\n        - { step: delivery, reason: Stop, until: { order.has_shortage: true } }\n'));
    expect(lines(diffRuleSets(before, after))).toEqual([
      'ApprovalMatrix sales: row discount: operational track order sales-manager, sales-director → sales-director, sales-manager',
      'ApprovalMatrix sales: row discount: no longer holds invoicing (Check)',
      'ApprovalMatrix sales: row discount: delivery hold until: order.has_shortage = false → = true',
    ]);
  });

  it('finds moved items off a longest common subsequence', () => {
    expect([...movedIds(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'b'])]).toEqual(['b']);
    expect([...movedIds(['a', 'b', 'c'], ['x', 'a', 'b', 'c'])]).toEqual([]);
    expect([...movedIds(['a', 'b', 'c'], ['c', 'b', 'a'])].length).toBe(2);
  });
});

describe('renderSemanticMarkdown', () => {
  it('renders the summary line and a bullet list per document', () => {
    const diff = diffWith([
      ['matrix.yaml', LARGE, 'order.amount_total: { gte: 40000 }'],
      ['directory.yaml', '    - { name: warehouse-lead', '    - { name: cfo, members: [k.mulder] }\n    - { name: warehouse-lead'],
    ]);
    expect(renderSemanticMarkdown(diff)).toBe(
      [
        '### Rule changes',
        '',
        '2 documents changed: 1 row changed, 1 role added',
        '',
        '**ApprovalMatrix** `sales` — changed',
        '',
        '- row large-order: order.amount_total ≥ 50,000 → ≥ 40,000',
        '',
        '**Directory** `staff` — changed',
        '',
        '- role cfo added (k.mulder)',
        '',
      ].join('\n'),
    );
  });

  it('escapes what markdown would act on, and caps long lists', () => {
    expect(escapeMarkdown('deny "<b>*now*</b> | _x_" for order.amount_total')).toBe('deny "\\<b\\>\\*now\\*\\</b\\> \\| \\_x\\_" for order.amount_total');
    const diff = diffWith([['directory.yaml', 'members: [m.jansen, s.visser]', 'members: [m.jansen, a.a, b.b, c.c]'], ['directory.yaml', 'end: 2026-08-15', 'end: 2026-08-16']]);
    const md = renderSemanticMarkdown(diff, { heading: null, maxItemsPerDocument: 2 });
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toEqual(['- role sales-manager: members a.a, b.b, c.c added', '- role sales-manager: member s.visser removed', '- … and 1 more']);
    expect(md.startsWith('1 document changed: 1 role changed, 1 delegation changed')).toBe(true);
  });
});
