/**
 * JUnit XML of `distrule test`: one `<testsuite>` per RuleTest document, one `<testcase>` per
 * case, a `<failure>` holding the diff of a failed case or an `<error>` for a case that could
 * not run; times in seconds. With a minimum coverage, a `coverage` suite passes or fails on it.
 */
import type { CaseResult, TestReport } from '../../testing/types.js';
import { XML_DECLARATION, seconds, xmlAttrs, xmlText } from '../xml.js';
import { coverageCounts, groupBySuite, percent } from './common.js';

export interface JunitTestReportOptions {
  /** The `--min-coverage` percentage; when set, a `coverage` suite reports whether it was met. */
  minCoverage?: number;
  /** Name of the `<testsuites>` root. Default `distrule test`. */
  name?: string;
}

function testcase(c: CaseResult, classname: string): string {
  const attrs = xmlAttrs({ classname, name: c.case, file: c.file, line: c.line, time: seconds(c.durationMs) });
  if (c.passed) return `    <testcase${attrs}/>`;
  const children: string[] = [];
  if (c.error !== undefined) {
    children.push(`      <error${xmlAttrs({ message: c.error, type: 'error' })}>${xmlText(c.error)}</error>`);
  } else {
    const diff = c.diff ?? [];
    const message = diff.length > 0 ? diff[0]! : 'the decision differs from what the case expects';
    children.push(`      <failure${xmlAttrs({ message, type: 'assertion' })}>${xmlText(diff.join('\n'))}</failure>`);
  }
  return `    <testcase${attrs}>\n${children.join('\n')}\n    </testcase>`;
}

export function formatTestReportJunit(report: TestReport, options: JunitTestReportOptions = {}): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let totalMs = 0;
  const suites: string[] = [];

  for (const g of groupBySuite(report)) {
    const suiteFailures = g.cases.filter((c) => !c.passed && c.error === undefined).length;
    const suiteErrors = g.cases.filter((c) => !c.passed && c.error !== undefined).length;
    const suiteMs = g.cases.reduce((sum, c) => sum + c.durationMs, 0);
    tests += g.cases.length;
    failures += suiteFailures;
    errors += suiteErrors;
    totalMs += suiteMs;
    const attrs = xmlAttrs({ name: g.suite, file: g.file, tests: g.cases.length, failures: suiteFailures, errors: suiteErrors, skipped: 0, time: seconds(suiteMs) });
    suites.push(`  <testsuite${attrs}>\n${g.cases.map((c) => testcase(c, g.suite)).join('\n')}\n  </testsuite>`);
  }

  if (options.minCoverage !== undefined) {
    const min = options.minCoverage;
    const met = report.coverage.percent >= min;
    const { covered, total } = coverageCounts(report);
    const name = `coverage is at least ${percent(min)}`;
    const attrs = xmlAttrs({ classname: 'coverage', name, time: '0' });
    const uncovered = report.coverage.items
      .filter((i) => !i.covered)
      .map((i) => `${i.file}:${i.line} ${i.kind} ${i.document}${i.item === undefined ? '' : ` ${i.item}`}`);
    const body = met
      ? `    <testcase${attrs}/>`
      : `    <testcase${attrs}>\n      <failure${xmlAttrs({ message: `coverage ${percent(report.coverage.percent)} (${covered} of ${total}) is below ${percent(min)}`, type: 'coverage' })}>${xmlText(['Not exercised by any test:', ...uncovered].join('\n'))}</failure>\n    </testcase>`;
    tests += 1;
    if (!met) failures += 1;
    suites.push(`  <testsuite${xmlAttrs({ name: 'coverage', tests: 1, failures: met ? 0 : 1, errors: 0, skipped: 0, time: '0' })}>\n${body}\n  </testsuite>`);
  }

  const root = xmlAttrs({ name: options.name ?? 'distrule test', tests, failures, errors, time: seconds(totalMs) });
  const body = suites.length > 0 ? `<testsuites${root}>\n${suites.join('\n')}\n</testsuites>` : `<testsuites${root}/>`;
  return `${XML_DECLARATION}\n${body}\n`;
}
