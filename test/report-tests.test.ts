import { describe, expect, it } from 'vitest';
import type { TestReport } from '../src/testing/types.js';
import { palette, stripAnsi } from '../src/report/color.js';
import {
  TEST_FORMATS,
  formatTestReport,
  formatTestReportJson,
  formatTestReportJunit,
  formatTestReportText,
  isTestFormat,
  paintDiffLine,
  type JsonTestReport,
} from '../src/report/tests/index.js';

const target = { kind: 'ApprovalMatrix', name: 'sales-orders' };

const report: TestReport = {
  cases: [
    { suite: 'sales-tests', file: 'rules/sales.test.yaml', line: 6, case: 'small order needs nothing', target, passed: true, durationMs: 1.4 },
    {
      suite: 'sales-tests',
      file: 'rules/sales.test.yaml',
      line: 14,
      case: 'big discount <50%> & "VIP"',
      target,
      passed: false,
      diff: ['required[0].role: expected "sales-manager", got "finance"', '+ expected: approve', '- actual: deny'],
      durationMs: 12.3456,
    },
    {
      suite: 'stock-tests',
      file: 'rules/stock.test.yaml',
      line: 3,
      case: 'scarce stock',
      target: { kind: 'AllocationPolicy', name: 'scarce' },
      passed: false,
      error: 'AllocationPolicy "scarce" is not defined \u0007 <here>',
      durationMs: 0.2,
    },
  ],
  coverage: {
    items: [
      { kind: 'ApprovalMatrix', document: 'sales-orders', item: 'small', file: 'rules/sales.yaml', line: 10, covered: true },
      { kind: 'ApprovalMatrix', document: 'sales-orders', item: 'big-discount', file: 'rules/sales.yaml', line: 20, covered: false },
      { kind: 'AllocationPolicy', document: 'scarce', file: 'rules/alloc.yaml', line: 1, covered: false },
      { kind: 'ReplenishmentPolicy', document: 'main', item: 'min-max', file: 'rules/repl.yaml', line: 4, covered: true },
    ],
    percent: 50,
  },
  passed: 1,
  failed: 2,
};

const green: TestReport = {
  cases: [report.cases[0]!],
  coverage: { items: [report.coverage.items[0]!], percent: 100 },
  passed: 1,
  failed: 0,
};

// --- a tiny XML well-formedness checker (tag balance, quoting, entities, characters) ---------

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decodeEntities(text: string): string {
  const bad = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.exec(text);
  if (bad) throw new Error(`bare & at ${bad.index}`);
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) throw new Error('character not allowed in XML');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (body === xml) throw new Error('missing XML declaration');
  const doc: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [doc];
  const token = /<\/([A-Za-z_][\w.-]*)>|<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let pos = 0;
  for (let m = token.exec(body); m; m = token.exec(body)) {
    if (m.index !== pos) throw new Error(`malformed markup at ${pos}: ${body.slice(pos, pos + 30)}`);
    pos = token.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1]) {
      if (stack.length === 1 || top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const el: XmlElement = { name: m[2], attrs: {}, children: [], text: '' };
      for (const a of (m[3] ?? '').matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]}`);
        el.attrs[a[1]!] = decodeEntities(a[2]!);
      }
      if (stack.length === 1 && doc.children.length > 0) throw new Error('more than one root element');
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else {
      const text = m[5]!;
      if (stack.length === 1 && text.trim() !== '') throw new Error('text outside the root element');
      top.text += decodeEntities(text);
    }
  }
  if (pos !== body.length) throw new Error(`malformed markup at ${pos}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> never closed`);
  if (doc.children.length !== 1) throw new Error('no root element');
  return doc.children[0]!;
}

function all(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => (c.name === name ? [c, ...all(c, name)] : all(c, name)));
}

// --- formats ------------------------------------------------------------------------------------

describe('index', () => {
  it('lists the formats and dispatches to each', () => {
    expect(TEST_FORMATS).toEqual(['text', 'json', 'junit']);
    expect(isTestFormat('junit')).toBe(true);
    expect(isTestFormat('sarif')).toBe(false);
    expect(formatTestReport('text', report, { minCoverage: 80 })).toBe(formatTestReportText(report, { minCoverage: 80 }));
    expect(formatTestReport('json', report)).toBe(formatTestReportJson(report));
    expect(formatTestReport('junit', report, { minCoverage: 80 })).toBe(formatTestReportJunit(report, { minCoverage: 80 }));
  });
});

describe('text', () => {
  it('marks each case under its suite, indents the diff, lists what no test touched, sums up', () => {
    const out = formatTestReportText(report);
    expect(out).not.toContain('\u001b');
    expect(out.split('\n')).toEqual([
      'sales-tests  rules/sales.test.yaml',
      '  ✔ small order needs nothing (1 ms)',
      '  ✖ big discount <50%> & "VIP" (12 ms)  rules/sales.test.yaml:14',
      '      required[0].role: expected "sales-manager", got "finance"',
      '      + expected: approve',
      '      - actual: deny',
      '',
      'stock-tests  rules/stock.test.yaml',
      '  ✖ scarce stock (<1 ms)  rules/stock.test.yaml:3',
      '      error: AllocationPolicy "scarce" is not defined \\x07 <here>',
      '',
      'Not exercised by any test (2 of 4):',
      '  location             kind              document      row / rule',
      '  rules/alloc.yaml:1   AllocationPolicy  scarce        (whole policy)',
      '  rules/sales.yaml:20  ApprovalMatrix    sales-orders  big-discount',
      '',
      '✖ 2 failed, 1 passed (3 cases) · coverage 50% (2 of 4)',
      '',
    ]);
  });

  it('colours expected green and actual red, and the colour is only decoration', () => {
    const coloured = formatTestReportText(report, { color: true });
    const p = palette(true);
    expect(coloured).toContain(`      ${p.green('+ expected: approve')}`);
    expect(coloured).toContain(`      ${p.red('- actual: deny')}`);
    expect(coloured).toContain(`expected ${p.green('"sales-manager"')}, got ${p.red('"finance"')}`);
    expect(stripAnsi(coloured)).toBe(formatTestReportText(report));
    expect(paintDiffLine('− actual (minus sign)', p)).toBe(p.red('− actual (minus sign)'));
    expect(paintDiffLine('plain context', p)).toBe('plain context');
    expect(paintDiffLine('  - a yaml list item', p)).toBe('  - a yaml list item');
  });

  it('flags coverage under the minimum, and says little when all is well', () => {
    expect(formatTestReportText(report, { minCoverage: 80 }).trimEnd().split('\n').pop()).toBe(
      '✖ 2 failed, 1 passed (3 cases) · coverage 50% (2 of 4), below the minimum of 80%',
    );
    expect(formatTestReportText(green, { durations: false })).toBe(
      'sales-tests  rules/sales.test.yaml\n  ✔ small order needs nothing\n\n✔ 1 passed (1 case) · coverage 100% (1 of 1)\n',
    );
    expect(formatTestReportText({ ...green, coverage: { items: [], percent: 83.33 } }, { durations: false }).trimEnd().split('\n').pop()).toBe(
      '✔ 1 passed (1 case) · coverage 83.3%',
    );
  });
});

describe('json', () => {
  it('is versioned, summarised and has stable field names', () => {
    const json = JSON.parse(formatTestReportJson(report, { minCoverage: 40 })) as JsonTestReport;
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ total: 3, passed: 1, failed: 2, coverage: 50, covered: 2, coverageItems: 4, minCoverage: 40, coverageMet: true });
    for (const c of json.cases) {
      expect(Object.keys(c)).toEqual(['suite', 'file', 'line', 'case', 'target', 'passed', 'diff', 'error', 'durationMs']);
    }
    expect(json.cases[0]).toMatchObject({ diff: null, error: null, durationMs: 1.4 });
    expect(json.cases[1]!.diff).toHaveLength(3);
    expect(json.cases[1]!.durationMs).toBe(12.346);
    expect(json.coverage.items[2]).toEqual({ kind: 'AllocationPolicy', document: 'scarce', item: null, file: 'rules/alloc.yaml', line: 1, covered: false });
    const noMin = JSON.parse(formatTestReportJson(report)) as JsonTestReport;
    expect(noMin.summary).toMatchObject({ minCoverage: null, coverageMet: null });
  });
});

describe('junit', () => {
  it('is well-formed: a suite per RuleTest, a case per test case, the diff in the failure', () => {
    const xml = formatTestReportJunit(report);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({ name: 'distrule test', tests: '3', failures: '1', errors: '1', time: '0.014' });
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.time])).toEqual([
      ['sales-tests', '2', '1', '0', '0.014'],
      ['stock-tests', '1', '0', '1', '0.000'],
    ]);
    const cases = all(root, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['small order needs nothing', 'big discount <50%> & "VIP"', 'scarce stock']);
    expect(cases[1]!.attrs).toMatchObject({ classname: 'sales-tests', file: 'rules/sales.test.yaml', line: '14', time: '0.012' });
    const failure = all(root, 'failure')[0]!;
    expect(failure.text).toBe(report.cases[1]!.diff!.join('\n'));
    expect(failure.attrs.message).toBe('required[0].role: expected "sales-manager", got "finance"');
    const error = all(root, 'error')[0]!;
    expect(error.text).toBe('AllocationPolicy "scarce" is not defined  <here>');
  });

  it('adds a coverage suite when a minimum is set', () => {
    const below = parseXml(formatTestReportJunit(report, { minCoverage: 80 }));
    expect(below.attrs).toMatchObject({ tests: '4', failures: '2' });
    const coverage = all(below, 'testsuite').find((s) => s.attrs.name === 'coverage')!;
    expect(coverage.attrs).toMatchObject({ tests: '1', failures: '1' });
    expect(all(coverage, 'failure')[0]!.text).toBe(
      'Not exercised by any test:\nrules/sales.yaml:20 ApprovalMatrix sales-orders big-discount\nrules/alloc.yaml:1 AllocationPolicy scarce',
    );
    const met = parseXml(formatTestReportJunit(green, { minCoverage: 80 }));
    expect(met.attrs).toMatchObject({ tests: '2', failures: '0' });
  });

  it('stays well-formed with no cases at all', () => {
    const root = parseXml(formatTestReportJunit({ cases: [], coverage: { items: [], percent: 100 }, passed: 0, failed: 0 }));
    expect(root.attrs).toMatchObject({ tests: '0', failures: '0' });
  });
});
