import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../src/simulate/result.js';
import { stripAnsi } from '../src/report/color.js';
import {
  SIMULATE_FORMATS,
  canonicalSimulation,
  dateTicks,
  escapeHtml,
  formatSimulation,
  formatSimulationHtml,
  formatSimulationJson,
  formatSimulationMarkdown,
  formatSimulationText,
  isSimulateFormat,
  niceScale,
} from '../src/report/simulate/index.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/simulation-result.json', import.meta.url));
const fixtureText = readFileSync(FIXTURE, 'utf8');

function load(): SimulationResult {
  return JSON.parse(fixtureText) as SimulationResult;
}

/** A result with nothing to chart: no queue, no tiers, no roles, no products. */
function empty(): SimulationResult {
  const r = load();
  r.assumptions = [];
  r.counts.badLines = 0;
  r.counts.skippedOrders = 0;
  r.approvals = { ...r.approvals, orders: 0, allowed: 0, requiring: 0, denied: 0, uncertain: 0, byRole: [], byRow: [], escalations: [], queue: [] };
  r.allocation = { policy: null, shortageEvents: 0, byTier: [] };
  r.replenishment = { ...r.replenishment, policy: null, proposals: 0, rfq: 0, alerts: 0, expedites: 0, products: [] };
  return r;
}

const HOSTILE = '<script>alert(1)</script>';

function hostile(): SimulationResult {
  const r = load();
  r.replenishment.products[0]!.product = HOSTILE;
  r.replenishment.products[1]!.warehouse = '"><img src=x onerror=alert(2)>';
  r.allocation.byTier[0]!.tier = `gold' onmouseover='alert(3)`;
  r.approvals.byRole[0]!.role = '</title></svg><script>alert(4)</script>';
  r.rules.revision = '<b>rev</b>';
  r.assumptions[0]!.message = 'see https://example.com/x and <iframe src="//evil">';
  return r;
}

describe('simulate formats', () => {
  it('lists the four formats and dispatches to each', () => {
    expect(SIMULATE_FORMATS).toEqual(['text', 'json', 'markdown', 'html']);
    expect(isSimulateFormat('html')).toBe(true);
    expect(isSimulateFormat('sarif')).toBe(false);
    const r = load();
    expect(formatSimulation('text', r, { color: false })).toBe(formatSimulationText(r));
    expect(formatSimulation('json', r)).toBe(formatSimulationJson(r));
    expect(formatSimulation('markdown', r)).toBe(formatSimulationMarkdown(r));
    expect(formatSimulation('html', r)).toBe(formatSimulationHtml(r));
  });

  it('never prints NaN, Infinity or undefined, even for an empty result', () => {
    for (const r of [load(), empty()]) {
      for (const f of SIMULATE_FORMATS) expect(formatSimulation(f, r)).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});

describe('text', () => {
  const r = load();
  const text = formatSimulationText(r);

  it('is a compact summary with the key figures', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(text).toContain('2025-01-06 → 2025-03-16 (70 days)');
    expect(text).toContain('rules 3f9c2e1');
    expect(text).toContain('1,284 orders, 4,127 lines');
    expect(text).toContain('3 orders were skipped');
    // approvals
    expect(text).toContain('348 requiring approval (27.1%)');
    expect(text).toContain('19 denied (1.5%)');
    expect(text).toContain('917 allowed (71.4%)');
    expect(text).toContain('12 uncertain');
    const row = lines.find((l) => l.trim().startsWith('sales-manager'));
    expect(row?.trim().split(/\s{2,}/)).toEqual(['sales-manager', '214', '3.1', '11', '2.4 h', '9.8 h', '11']);
    for (const role of r.approvals.byRole) expect(text).toContain(role.role);
    expect(text).toMatch(/queue: peak 22 open on 2025-02-11/);
    // allocation
    const gold = lines.find((l) => l.trim().startsWith('gold'));
    expect(gold?.trim().split(/\s{2,}/)).toEqual(['gold', '18,420', '1,206', '98.2%', '91.4%', '+6.8 pp', '96 / 412']);
    expect(lines.find((l) => l.trim().startsWith('bronze'))).toContain('-2.9 pp');
    expect(lines.find((l) => l.trim().startsWith('all tiers'))).toContain('+2.4 pp');
    // replenishment
    expect(text).toContain('64 proposals (51 RFQ, 13 alerts), 6 expedites');
    expect(lines.find((l) => l.trim().startsWith('stockout days'))?.trim().split(/\s{2,}/)).toEqual(['stockout days', '12', '140', '-128']);
    expect(lines.find((l) => l.trim().startsWith('inventory value'))?.trim().split(/\s{2,}/)).toEqual(['inventory value (mean)', '184,250', '203,919', '-19,668 (-9.6%)']);
    expect(text).toContain('[HF-220] Hydraulic filter 220 µm');
  });

  it('shows every assumption on its own marked line', () => {
    const lines = text.split('\n');
    for (const a of r.assumptions) {
      const line = lines.find((l) => l.includes(a.code));
      expect(line).toBe(`  ! ${a.code}: ${a.message}`);
    }
    const many = load();
    many.assumptions = Array.from({ length: 12 }, (_, i) => ({ code: `x/a${i}`, message: `assumption number ${i}` }));
    const out = formatSimulationText(many);
    for (const a of many.assumptions) expect(out).toContain(`! ${a.code}: ${a.message}`);
    const none = load();
    none.assumptions = [];
    expect(formatSimulationText(none)).toContain('ASSUMPTIONS  none');
  });

  it('colours on request only, and the colours carry no extra text', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = formatSimulationText(r, { color: true });
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(text);
  });

  it('caps long role lists and neutralises control characters', () => {
    const big = load();
    big.approvals.byRole = Array.from({ length: 12 }, (_, i) => ({ ...r.approvals.byRole[0]!, role: `role-${i}\u001b[2J`, requests: 100 - i }));
    const out = formatSimulationText(big);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('role-0\\x1b[2J');
    expect(out).not.toContain('role-11');
    expect(out).toMatch(/… and \d+ more roles/);
    expect(out.trimEnd().split('\n').length).toBe(40);
    expect(formatSimulationText(big, { maxRoles: 2 })).toContain('… and 10 more roles');
    // Long tier lists are shortened too; the busiest roles stay.
    big.allocation.byTier = Array.from({ length: 9 }, (_, i) => ({ ...r.allocation.byTier[0]!, tier: `tier-${i}` }));
    const both = formatSimulationText(big);
    expect(both.trimEnd().split('\n').length).toBeLessThanOrEqual(40);
    expect(both).toContain('role-0');
    expect(both).toContain('tier-0');
    expect(both).toMatch(/… and \d+ more tiers/);
    expect(formatSimulationText(big, { maxLines: 1000 })).toContain('role-11');
  });

  it('says so when there is nothing to report', () => {
    const out = formatSimulationText(empty());
    expect(out).toContain('no approval requests');
    expect(out).toContain('no allocation policy');
    expect(out).toContain('no order lines to allocate');
    expect(out).toContain('no replenishment policy');
  });
});

describe('json', () => {
  it('round-trips and matches the fixture byte for byte (keys in the type order)', () => {
    const r = load();
    const out = formatSimulationJson(r);
    expect(JSON.parse(out)).toEqual(r);
    expect(out).toBe(fixtureText);
    expect(formatSimulationJson(r, { indent: 0 })).toBe(`${JSON.stringify(r)}\n`);
  });

  it('puts keys in the declared order whatever order the object was built in', () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
    const shuffled = reverse(load()) as SimulationResult;
    expect(Object.keys(shuffled)[0]).toBe('replenishment');
    expect(formatSimulationJson(shuffled)).toBe(fixtureText);
    expect(Object.keys(JSON.parse(formatSimulationJson(shuffled)) as object)).toEqual([
      'version',
      'snapshot',
      'window',
      'rules',
      'counts',
      'assumptions',
      'approvals',
      'allocation',
      'replenishment',
    ]);
  });

  it('leaves out fields the type does not declare', () => {
    const r = load() as SimulationResult & { extra?: number };
    r.extra = 1;
    expect(canonicalSimulation(r)).not.toHaveProperty('extra');
  });
});

/** Splits a table row on unescaped pipes. */
function cells(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      cur += ch + line[i + 1]!;
      i++;
    } else if (ch === '|') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.slice(1, -1).map((c) => c.trim());
}

function tables(md: string): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) cur.push(line);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

describe('markdown', () => {
  const r = load();
  const md = formatSimulationMarkdown(r);

  it('has well-formed tables', () => {
    const ts = tables(md);
    expect(ts.length).toBeGreaterThanOrEqual(8);
    for (const t of ts) {
      expect(t.length).toBeGreaterThanOrEqual(3);
      const width = cells(t[0]!).length;
      expect(t[1]).toMatch(/^\|(:?-{3,}:?\|)+$/);
      for (const line of t) {
        expect(line.endsWith('|')).toBe(true);
        expect(cells(line)).toHaveLength(width);
      }
    }
  });

  it('carries the same figures as the text report', () => {
    expect(md).toMatch(/^## Simulation 2025-01-06 → 2025-03-16 \(70 days\)$/m);
    expect(md).toContain('| requiring approval | 348 | 27.1% |');
    expect(md).toContain('| `sales-manager` | 214 | 3.1 | 11 | 2.4 h | 9.8 h | 11 |');
    expect(md).toContain('| gold | 18,420 | 1,206 | 98.2% | 91.4% | +6.8 pp | 96 | 412 | 21 / 88 | 1.8 / 4.2 |');
    expect(md).toContain('| stockout days | 12 | 140 | -128 |');
    expect(md).toContain('<details><summary>Daily queue (70 days)</summary>');
    expect(md).toContain('| 2025-02-11 | 22 |');
  });

  it('lists the assumptions as a blockquote', () => {
    for (const a of r.assumptions) expect(md).toContain(`> - \`${a.code}\` — ${a.message}`);
    expect(md).toContain('> - **data:** 3 orders were skipped');
  });

  it('escapes user text so it cannot break a table or inject HTML', () => {
    const h = hostile();
    h.replenishment.products[2]!.product = 'pipe | and *stars* `tick`';
    const out = formatSimulationMarkdown(h);
    // Code spans show their content literally; everywhere else angle brackets are entities.
    expect(out.replace(/(`+)[^`]*?\1/g, '')).not.toMatch(/<script|<img|<iframe/i);
    expect(out).toContain('`</title></svg><script>alert(4)</script>`');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('pipe \\| and \\*stars\\* \\`tick\\`');
    for (const t of tables(out)) {
      const width = cells(t[0]!).length;
      for (const line of t) expect(cells(line)).toHaveLength(width);
    }
  });

  it('honours the heading level', () => {
    expect(formatSimulationMarkdown(r, { headingLevel: 3 })).toMatch(/^### Simulation/);
    expect(formatSimulationMarkdown(r, { headingLevel: 3 })).toContain('\n#### Approvals\n');
    expect(formatSimulationMarkdown(r, { dailyQueue: false })).not.toContain('<details>');
  });
});

describe('html', () => {
  const r = load();
  const html = formatSimulationHtml(r);

  it('is one self-contained document', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import/i);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed/i);
  });

  it('has the header, assumptions, key figures and four accessible charts with legends', () => {
    expect(html).toContain('<code>3f9c2e1</code>');
    expect(html).toContain('2025-01-06 → 2025-03-16');
    expect(html).toContain('Assumptions (4)');
    for (const a of r.assumptions) expect(html).toContain(escapeHtml(a.message));
    expect(html.match(/class="tile"/g)).toHaveLength(8);
    for (const name of ['queue', 'fill-rate', 'stock', 'roles']) {
      const m = new RegExp(`<svg [^>]*data-chart="${name}"[^>]*>([\\s\\S]*?)</svg>`).exec(html);
      expect(m, name).not.toBeNull();
      expect(m![0]).toMatch(/^<svg [^>]*role="img"/);
      expect(m![0]).toMatch(/^<svg [^>]*aria-label="[^"]{20,}"/);
      expect(m![1]).toMatch(/^<title[^>]*>[^<]+<\/title>/);
      expect(m![1]).toContain('<g class="legend">');
    }
    expect(html.match(/<svg /g)).toHaveLength(4);
  });

  it('puts a table with the numbers under each chart', () => {
    expect(html).toContain('<caption>Daily queue</caption>');
    expect(html).toContain('<caption>Load per role</caption>');
    expect(html).toContain('<caption>Fill rate, backorders and late lines per tier</caption>');
    expect(html).toContain('<caption>Most affected products</caption>');
    expect(html).toContain(`<th scope="row">2025-02-11</th><td class="num">22</td><td class="num">${fmtOldest(r, '2025-02-11')}</td>`);
    expect(html).toContain('<td class="num better">+6.8 pp</td>');
    expect(html).toContain('<td class="num worse">-2.9 pp</td>');
  });

  it('escapes every piece of user text', () => {
    const out = formatSimulationHtml(hostile());
    expect(out).not.toMatch(/<script|<img|<iframe/i);
    expect(out).not.toContain(`' onmouseover='`);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(out).toContain('gold&#39; onmouseover=&#39;alert(3)');
    expect(out).toContain('&lt;/title&gt;&lt;/svg&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
    expect(out).toContain('<code>&lt;b&gt;rev&lt;/b&gt;</code>');
    // A URL in user text stays text: no tag of the page has a src or href attribute.
    for (const tag of out.matchAll(/<[a-z][^>]*>/gi)) {
      const names = [...tag[0].replace(/="[^"]*"/g, '').matchAll(/\s([^\s=/>]+)/g)].map((m) => m[1]!.toLowerCase());
      for (const name of names) expect(name).not.toMatch(/^(src|href|on\w+)$/);
    }
    expect(out.match(/<svg /g)).toHaveLength(4);
  });

  it('shows a clear note instead of a broken chart when there is no data', () => {
    const out = formatSimulationHtml(empty());
    expect(out).not.toContain('<svg');
    expect(out.match(/class="no-data"/g)?.length).toBeGreaterThanOrEqual(4);
    expect(out).toContain('No approval queue data');
    expect(out).toContain('No data: no product stock series');
    expect(out).toContain('No assumptions');
  });

  it('draws degenerate series without breaking (one day, all zero)', () => {
    const one = load();
    one.approvals.queue = [{ date: '2025-01-06', open: 0, oldestAgeHours: 0 }];
    one.replenishment.products = [{ ...one.replenishment.products[0]!, series: [{ date: '2025-01-06', simulated: 0, actual: 0 }] }];
    one.allocation.byTier = [{ ...one.allocation.byTier[0]!, orderedQty: 0, simulated: { ...one.allocation.byTier[0]!.simulated, fillRate: 0 } }];
    const out = formatSimulationHtml(one);
    expect(out.match(/<svg /g)).toHaveLength(4);
    expect(out).not.toMatch(/NaN|Infinity/);
  });
});

function fmtOldest(r: SimulationResult, date: string): string {
  return r.approvals.queue.find((q) => q.date === date)!.oldestAgeHours.toFixed(1);
}

describe('chart scales', () => {
  it('picks round value ticks', () => {
    expect(niceScale(0, 22, 5, true).ticks).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceScale(0, 0, 5, true).ticks.length).toBeGreaterThan(1);
    expect(niceScale(-3, 7, 5).min).toBeLessThanOrEqual(-3);
  });

  it('picks weekly date ticks on Mondays for a quarter, monthly for a year', () => {
    const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const weekly = dateTicks(day('2025-01-06'), day('2025-03-16'), 10).map(iso);
    expect(weekly[0]).toBe('2025-01-06');
    expect(weekly.every((d) => new Date(d).getUTCDay() === 1)).toBe(true);
    const monthly = dateTicks(day('2024-01-10'), day('2024-12-20'), 8).map(iso);
    expect(monthly.every((d) => d.endsWith('-01'))).toBe(true);
    expect(monthly.length).toBeLessThanOrEqual(8);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated results: every format stays well-formed whatever the names and numbers.

const BASE_DAY = Date.UTC(2025, 0, 6) / 86_400_000;
const anyText = fc
  .oneof(fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 16 }), fc.constantFrom('<script>x</script>', 'a|b', '`x`', 'x\\', '\\|', '"\'&', ''))
  .filter((t) => !/NaN|Infinity|undefined/.test(t));
const count = fc.oneof(fc.constant(0), fc.nat(50), fc.nat(1_000_000));
const amount = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }));
const share01 = fc.double({ min: 0, max: 1, noNaN: true });
const date = fc.integer({ min: 0, max: 500 }).map((d) => new Date((BASE_DAY + d) * 86_400_000).toISOString().slice(0, 10));
const fillFigures = fc.record({ fillRate: share01, backorderQty: count, lateLines: count, avgLateDays: amount });

const arbResult: fc.Arbitrary<SimulationResult> = fc
  .record({
    revision: anyText,
    matrices: fc.array(anyText, { maxLength: 3 }),
    assumptions: fc.array(fc.record({ code: anyText, message: anyText }), { maxLength: 6 }),
    counts: fc.record({ orders: count, lines: count, receipts: count, deliveries: count, purchases: count, activities: count, cancelledDeliveries: count, badLines: count, skippedOrders: count }),
    approvals: fc.record({
      orders: count,
      allowed: count,
      requiring: count,
      denied: count,
      uncertain: count,
      byRole: fc.array(
        fc.record({ role: anyText, requests: count, perDayAvg: amount, perDayMax: count, medianResponseHours: amount, p90ResponseHours: amount, escalations: count }),
        { maxLength: 12 },
      ),
      byRow: fc.array(fc.record({ matrix: anyText, row: anyText, fired: count }), { maxLength: 5 }),
      escalations: fc.array(fc.record({ policy: anyText, step: fc.nat(5), action: anyText, after: anyText, count }), { maxLength: 5 }),
      queue: fc.array(fc.record({ date, open: count, oldestAgeHours: amount }), { maxLength: 40 }),
      responseSource: fc.constantFrom('history' as const, 'model' as const, 'mixed' as const),
      missingFacts: fc.array(fc.record({ fact: anyText, orders: count, rows: fc.array(anyText, { maxLength: 3 }) }), { maxLength: 4 }),
    }),
    byTier: fc.array(fc.record({ tier: anyText, orderedQty: count, lines: count, simulated: fillFigures, actual: fillFigures }), { maxLength: 8 }),
    products: fc.array(
      fc.record({
        product: anyText,
        warehouse: anyText,
        simulatedStockoutDays: count,
        actualStockoutDays: count,
        proposals: count,
        series: fc.array(fc.record({ date, simulated: amount, actual: amount }), { maxLength: 30 }),
      }),
      { maxLength: 5 },
    ),
    policy: fc.option(anyText, { nil: null }),
    numbers: fc.tuple(count, count, count, count, count, amount, amount),
  })
  .map((g) => ({
    version: 1 as const,
    snapshot: { path: 'snap', odooVersion: '17.0', since: '2025-01-01', until: '2025-06-30' },
    window: { from: '2025-01-06', to: '2025-03-16', days: 70 },
    rules: { revision: g.revision, matrices: g.matrices, allocation: g.policy, replenishment: g.policy },
    counts: g.counts,
    assumptions: g.assumptions,
    approvals: g.approvals,
    allocation: { policy: g.policy, shortageEvents: g.numbers[0], byTier: g.byTier },
    replenishment: {
      policy: g.policy,
      proposals: g.numbers[1],
      rfq: g.numbers[2],
      alerts: g.numbers[3],
      expedites: g.numbers[4],
      stockoutDays: { simulated: g.numbers[0], actual: g.numbers[1] },
      inventoryValue: { simulated: g.numbers[5], actual: g.numbers[6] },
      products: g.products,
    },
  }));

describe('generated results', () => {
  it('every format stays well-formed', () => {
    fc.assert(
      fc.property(arbResult, (r) => {
        const text = formatSimulationText(r);
        expect(text).not.toMatch(/NaN|Infinity|undefined|\u001b/);
        expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(Math.max(40, 31 + r.assumptions.length));

        expect(JSON.parse(formatSimulationJson(r))).toEqual(r);

        const md = formatSimulationMarkdown(r);
        expect(md).not.toMatch(/NaN|Infinity|undefined/);
        for (const t of tables(md)) {
          const width = cells(t[0]!).length;
          expect(t[1]).toMatch(/^\|(:?-{3,}:?\|)+$/);
          for (const line of t) expect(cells(line)).toHaveLength(width);
        }

        const html = formatSimulationHtml(r);
        expect(html).not.toMatch(/NaN|Infinity|undefined|<script/);
        expect((html.match(/<svg /g) ?? []).length).toBeLessThanOrEqual(4);
        for (const tag of html.matchAll(/<[a-z][^>]*>/gi)) {
          const names = [...tag[0].replace(/="[^"]*"/g, '').matchAll(/\s([^\s=/>]+)/g)].map((m) => m[1]!.toLowerCase());
          for (const name of names) expect(name).not.toMatch(/^(src|href|on\w+)$/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
