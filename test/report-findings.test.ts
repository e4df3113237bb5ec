import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import type { Finding } from '../src/language/findings.js';
import { stripAnsi } from '../src/report/color.js';
import {
  FINDING_FORMATS,
  escapeData,
  escapeProperty,
  findingFingerprint,
  formatFindings,
  formatFindingsGithub,
  formatFindingsJson,
  formatFindingsJunit,
  formatFindingsSarif,
  formatFindingsText,
  isFindingFormat,
  type JsonFindingsReport,
  type SarifLog,
} from '../src/report/findings/index.js';

const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const NASTY = 'Discount > 50% for "VIP" & <others>\nsecond line, with: colon';

const findings: Finding[] = [
  {
    code: 'approval/unused-role',
    severity: 'warning',
    message: 'role "buyer" is never required',
    file: 'rules/sales.yaml',
    start: { line: 3, col: 1 },
    end: { line: 5, col: 1 },
  },
  {
    code: 'approval/shadowed-row',
    severity: 'error',
    message: NASTY,
    hint: "move row 3 above row 1 (it's 100% shadowed)",
    file: 'rules/sales.yaml',
    start: { line: 12, col: 5 },
    end: { line: 12, col: 20 },
    rulePath: 'ApprovalMatrix/sales-orders/spec.rows[3]',
  },
  {
    code: 'replenishment/no-vendor',
    severity: 'info',
    message: 'bell \u0007 and escape \u001b[31m inside',
    file: 'rules/a,b:c.yaml',
    start: { line: 7, col: 3 },
    rulePath: 'ReplenishmentPolicy/main/spec.rules[0]',
  },
  {
    code: 'approval/shadowed-row',
    severity: 'warning',
    message: 'row 9 is shadowed by row 2',
    file: 'rules/a,b:c.yaml',
    start: { line: 20, col: 1 },
    rulePath: 'ApprovalMatrix/purchase/spec.rows[9]',
    suppressed: { reason: 'kept for the audit trail' },
  },
];

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

describe('xml checker (self-test)', () => {
  it('rejects what is not well-formed', () => {
    const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
    expect(() => parseXml(`${decl}<a><b></a></b>`)).toThrow();
    expect(() => parseXml(`${decl}<a>x & y</a>`)).toThrow();
    expect(() => parseXml(`${decl}<a x="1" x="2"/>`)).toThrow();
    expect(() => parseXml(`${decl}<a>\u0001</a>`)).toThrow();
    expect(() => parseXml(`${decl}<a/><b/>`)).toThrow();
    expect(parseXml(`${decl}<a q="&quot;&#10;"><b/>t &amp; u</a>`)).toMatchObject({ name: 'a', attrs: { q: '"\n' }, text: 't & u' });
  });
});

// --- formats ------------------------------------------------------------------------------------

describe('index', () => {
  it('lists the formats and dispatches to each', () => {
    expect(FINDING_FORMATS).toEqual(['text', 'json', 'github', 'sarif', 'junit']);
    expect(isFindingFormat('sarif')).toBe(true);
    expect(isFindingFormat('xml')).toBe(false);
    expect(formatFindings('text', findings)).toBe(formatFindingsText(findings));
    expect(formatFindings('json', findings, { files: 3 })).toBe(formatFindingsJson(findings, { files: 3 }));
    expect(formatFindings('github', findings)).toBe(formatFindingsGithub(findings));
    expect(formatFindings('sarif', findings, { toolVersion: '1.2.3' })).toBe(formatFindingsSarif(findings, { toolVersion: '1.2.3' }));
    expect(formatFindings('junit', findings, { failOn: 'error' })).toBe(formatFindingsJunit(findings, { failOn: 'error' }));
  });
});

describe('text', () => {
  it('groups by file, one line per finding, hint and rule path beneath, summary last', () => {
    const out = formatFindingsText(findings, { files: 12 });
    expect(out).not.toContain('\u001b');
    const lines = out.split('\n');
    expect(lines).toEqual([
      'rules/a,b:c.yaml:7:3  info     bell \\x07 and escape \\x1b[31m inside  replenishment/no-vendor',
      '    at ReplenishmentPolicy/main/spec.rules[0]',
      '',
      'rules/sales.yaml:3:1   warning  role "buyer" is never required  approval/unused-role',
      'rules/sales.yaml:12:5  error    Discount > 50% for "VIP" & <others>',
      '                                second line, with: colon  approval/shadowed-row',
      "    hint: move row 3 above row 1 (it's 100% shadowed)",
      '    at ApprovalMatrix/sales-orders/spec.rows[3]',
      '',
      '✖ 1 error, 1 warning, 1 info in 2 files (1 suppressed)',
      '',
    ]);
  });

  it('shows suppressed findings with their reason on request', () => {
    const out = formatFindingsText(findings, { showSuppressed: true });
    expect(out).toContain('rules/a,b:c.yaml:20:1  warning  row 9 is shadowed by row 2  approval/shadowed-row  (suppressed: kept for the audit trail)');
    expect(formatFindingsText(findings)).not.toContain('row 9');
  });

  it('colours only when asked, and the colour is only decoration', () => {
    const plain = formatFindingsText(findings, { files: 12 });
    const coloured = formatFindingsText(findings, { files: 12, color: true });
    expect(coloured).toContain('\u001b[31merror');
    expect(coloured).toContain('\u001b[2mat ApprovalMatrix/sales-orders/spec.rows[3]');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('summarises a clean run and warnings-only runs', () => {
    expect(formatFindingsText([], { files: 12 })).toBe('✔ no problems in 12 files\n');
    expect(formatFindingsText([], { files: 1 })).toBe('✔ no problems in 1 file\n');
    expect(formatFindingsText([findings[3]!], { files: 2 })).toBe('✔ no problems in 2 files (1 suppressed)\n');
    expect(formatFindingsText([findings[0]!]).trimEnd().split('\n').pop()).toBe('✖ 1 warning in 1 file');
  });
});

describe('json', () => {
  it('is versioned, summarised and has stable field names', () => {
    const report = JSON.parse(formatFindingsJson(findings, { files: 12 })) as JsonFindingsReport;
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ errors: 1, warnings: 1, infos: 1, suppressed: 1, files: 12 });
    expect(report.findings).toHaveLength(4);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(['code', 'severity', 'message', 'hint', 'file', 'start', 'end', 'rulePath', 'suppressed']);
    }
    expect(report.findings.map((f) => `${f.file}:${f.start.line}`)).toEqual([
      'rules/a,b:c.yaml:7',
      'rules/a,b:c.yaml:20',
      'rules/sales.yaml:3',
      'rules/sales.yaml:12',
    ]);
    expect(report.findings[0]).toMatchObject({ hint: null, end: null, suppressed: null });
    expect(report.findings[1]!.suppressed).toEqual({ reason: 'kept for the audit trail' });
    expect(report.findings[3]!.message).toBe(NASTY);
    expect(report.findings[3]!.end).toEqual({ line: 12, col: 20 });
  });

  it('counts files with findings when the file count is not given', () => {
    const report = JSON.parse(formatFindingsJson(findings)) as JsonFindingsReport;
    expect(report.summary.files).toBe(2);
  });
});

describe('github', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab:c,d');
    expect(escapeProperty('100% a\r\nb:c,d')).toBe('100%25 a%0D%0Ab%3Ac%2Cd');
  });

  it('writes one workflow command per unsuppressed finding', () => {
    const out = formatFindingsGithub(findings);
    expect(out.split('\n')).toEqual([
      '::notice file=rules/a%2Cb%3Ac.yaml,line=7,col=3,title=replenishment/no-vendor::bell \u0007 and escape \u001b[31m inside',
      '::warning file=rules/sales.yaml,line=3,col=1,endLine=4,title=approval/unused-role::role "buyer" is never required',
      "::error file=rules/sales.yaml,line=12,col=5,endLine=12,endColumn=19,title=approval/shadowed-row::Discount > 50%25 for \"VIP\" & <others>%0Asecond line, with: colon%0AHint: move row 3 above row 1 (it's 100%25 shadowed)",
      '',
    ]);
    for (const line of out.trimEnd().split('\n')) expect(line).not.toMatch(/[\r\n]/);
  });

  it('normalises paths and writes nothing for a clean run', () => {
    const f: Finding = { code: 'x/y', severity: 'error', message: 'm', file: '.\\rules\\win.yaml', start: { line: 1, col: 1 } };
    expect(formatFindingsGithub([f], { pathPrefix: 'governance/' })).toBe('::error file=governance/rules/win.yaml,line=1,col=1,title=x/y::m\n');
    expect(formatFindingsGithub([])).toBe('');
    expect(formatFindingsGithub([findings[3]!])).toBe('');
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/sarif-2.1.0.schema.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
  // The official file's language-tag pattern (`…{2}]?$`) is not a valid `u`-flag regular
  // expression; JSON Schema patterns are ECMA-262 ones, so compile them without the flag.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  function check(text: string): SarifLog {
    const log = JSON.parse(text) as SarifLog;
    const ok = validate(log);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    return log;
  }

  it('the schema fixture is the official SARIF 2.1.0 schema and rejects a broken log', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    check(formatFindingsSarif(findings, { toolVersion: '0.1.0', srcRoot: 'file:///home/ci/repo' }));
    check(formatFindingsSarif([], { toolVersion: '0.1.0' }));
    check(formatFindingsSarif([{ ...findings[0]!, file: '/abs/path with space/r.yaml' }, { ...findings[1]!, file: 'C:\\work\\r.yaml' }]));
  });

  it('describes one rule per code and points every result at its rule', () => {
    const log = check(formatFindingsSarif(findings, { toolVersion: '0.1.0', rules: { 'approval/unused-role': { description: 'A role no row requires.', helpUri: 'https://distrule.dev/codes/unused-role' } } }));
    const run = log.runs[0];
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'distrule', version: '0.1.0', informationUri: 'https://distrule.dev/' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['approval/shadowed-row', 'approval/unused-role', 'replenishment/no-vendor']);
    expect(run.tool.driver.rules[0]).toEqual({ id: 'approval/shadowed-row', shortDescription: { text: 'approval: shadowed row' }, defaultConfiguration: { level: 'error' } });
    expect(run.tool.driver.rules[1]).toMatchObject({ shortDescription: { text: 'A role no row requires.' }, helpUri: 'https://distrule.dev/codes/unused-role' });
    expect(run.results).toHaveLength(4);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run.results.map((r) => r.level)).toEqual(['note', 'warning', 'warning', 'error']);
  });

  it('locates results relative to %SRCROOT% with the region, and appends the hint', () => {
    const log = check(formatFindingsSarif(findings));
    const error = log.runs[0].results[3]!;
    expect(error.message.text).toBe(`${NASTY}\nHint: move row 3 above row 1 (it's 100% shadowed)`);
    expect(error.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'rules/sales.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 20 },
      },
      logicalLocations: [{ fullyQualifiedName: 'ApprovalMatrix/sales-orders/spec.rows[3]' }],
    });
    const info = log.runs[0].results[0]!;
    expect(info.locations[0]!.physicalLocation.artifactLocation.uri).toBe('rules/a%2Cb%3Ac.yaml');
    expect(info.locations[0]!.physicalLocation.region).toEqual({ startLine: 7, startColumn: 3 });
    const abs = check(formatFindingsSarif([{ ...findings[0]!, file: '/abs/path with space/r.yaml' }])).runs[0].results[0]!;
    expect(abs.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'file:///abs/path%20with%20space/r.yaml' });
  });

  it('keeps suppressed findings as results with an in-source suppression', () => {
    const log = check(formatFindingsSarif(findings));
    const suppressed = log.runs[0].results.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]!.suppressions).toEqual([{ kind: 'inSource', justification: 'kept for the audit trail' }]);
  });

  it('fingerprints are stable across runs and line moves, distinct across findings', () => {
    const a = check(formatFindingsSarif(findings)).runs[0].results.map((r) => r.partialFingerprints);
    const b = check(formatFindingsSarif([...findings].reverse())).runs[0].results.map((r) => r.partialFingerprints);
    expect(a).toEqual(b);
    const moved = { ...findings[1]!, start: { line: 40, col: 1 }, end: { line: 40, col: 9 } };
    expect(findingFingerprint(moved)).toBe(findingFingerprint(findings[1]!));
    expect(findingFingerprint({ ...findings[1]!, file: 'rules\\sales.yaml' })).toBe(findingFingerprint(findings[1]!));
    expect(new Set(a.map((p) => Object.values(p)[0])).size).toBe(4);
    expect(Object.values(a[0]!)[0]).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it('numbers findings that share code, file and rule path so they never collide', () => {
    const twin = (line: number): Finding => ({ code: 'yaml/duplicate-key', severity: 'error', message: `duplicate key at ${line}`, file: 'r.yaml', start: { line, col: 1 } });
    const prints = check(formatFindingsSarif([twin(9), twin(2)])).runs[0].results.map((r) => Object.values(r.partialFingerprints)[0]!);
    const hash = findingFingerprint(twin(2));
    expect(prints).toEqual([`${hash}:1`, `${hash}:2`]);
  });
});

describe('junit', () => {
  it('is well-formed: a suite per file, a failing case per finding at or above the threshold', () => {
    const xml = formatFindingsJunit(findings, { checkedFiles: ['rules/sales.yaml', 'rules/a,b:c.yaml', './rules/clean.yaml'] });
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const suites = all(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['rules/a,b:c.yaml', 'rules/clean.yaml', 'rules/sales.yaml']);
    // a,b:c has an info (below the default `warning` threshold) and a suppressed warning: passes.
    expect(suites.map((s) => [s.attrs.tests, s.attrs.failures])).toEqual([
      ['1', '0'],
      ['1', '0'],
      ['2', '2'],
    ]);
    expect(root.attrs).toMatchObject({ tests: '4', failures: '2', errors: '0' });
    expect(all(root, 'testcase')).toHaveLength(4);
    const failures = all(root, 'failure');
    expect(failures).toHaveLength(2);
    const shadowed = failures.find((f) => f.attrs.type === 'approval/shadowed-row')!;
    expect(shadowed.attrs.message).toBe(NASTY);
    expect(shadowed.text).toBe(
      `error at rules/sales.yaml:12:5\n${NASTY}\nHint: move row 3 above row 1 (it's 100% shadowed)\nRule path: ApprovalMatrix/sales-orders/spec.rows[3]`,
    );
    expect(xml).toContain('&lt;others&gt;');
    expect(xml).toContain('&quot;VIP&quot;');
  });

  it('honours the threshold and strips control characters', () => {
    const root = parseXml(formatFindingsJunit(findings, { failOn: 'info' }));
    expect(root.attrs).toMatchObject({ tests: '3', failures: '3' });
    const info = all(root, 'failure').find((f) => f.attrs.type === 'replenishment/no-vendor')!;
    expect(info.attrs.message).toBe('bell  and escape [31m inside');
    const errorsOnly = parseXml(formatFindingsJunit(findings, { failOn: 'error' }));
    expect(errorsOnly.attrs).toMatchObject({ tests: '2', failures: '1' });
  });

  it('reports a clean run as one passing case', () => {
    const root = parseXml(formatFindingsJunit([], { files: 12 }));
    expect(root.attrs).toMatchObject({ tests: '1', failures: '0' });
    expect(all(root, 'testcase')[0]!.attrs.name).toBe('no problems in 12 files');
  });
});
