/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps…): one
 * `<testsuite>` per file; in it one failing `<testcase>` per finding at or above the threshold
 * (so each finding is its own row, named by its code and position — most readers show only one
 * `<failure>` per test case), or a single passing test case when the file has none.
 * Suppressed findings, and findings below the threshold, are not failures.
 */
import { atLeast, type Finding, type Severity } from '../../language/findings.js';
import { XML_DECLARATION, xmlAttrs, xmlText } from '../xml.js';
import { portablePath, sortFindings } from './common.js';

export interface JunitFindingsOptions {
  /** Findings at or above this severity fail. Default `warning`. */
  failOn?: Severity;
  /** Every file that was checked, so clean files appear as passing suites. */
  checkedFiles?: readonly string[];
  /** How many files were checked (used when `checkedFiles` is not given and nothing failed). */
  files?: number;
  /** Name of the `<testsuites>` root. Default `distrule validate`. */
  name?: string;
}

function failureBody(f: Finding): string {
  const lines = [`${f.severity} at ${portablePath(f.file)}:${f.start.line}:${f.start.col}`, f.message];
  if (f.hint) lines.push(`Hint: ${f.hint}`);
  if (f.rulePath) lines.push(`Rule path: ${f.rulePath}`);
  return lines.join('\n');
}

export function formatFindingsJunit(findings: readonly Finding[], options: JunitFindingsOptions = {}): string {
  const failOn = options.failOn ?? 'warning';
  const failing = new Map<string, Finding[]>();
  for (const file of options.checkedFiles ?? []) failing.set(portablePath(file), []);
  for (const f of sortFindings(findings)) {
    const file = portablePath(f.file);
    const group = failing.get(file) ?? [];
    failing.set(file, group);
    if (!f.suppressed && atLeast(f.severity, failOn)) group.push(f);
  }

  const files = [...failing.keys()].sort((a, b) => a.localeCompare(b));
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const group = failing.get(file)!;
    const cases: string[] = [];
    if (group.length === 0) {
      cases.push(`    <testcase${xmlAttrs({ classname: file, name: 'validate', file, time: '0' })}/>`);
    } else {
      for (const f of group) {
        const name = `${f.code} at ${f.start.line}:${f.start.col}`;
        cases.push(
          `    <testcase${xmlAttrs({ classname: file, name, file, line: f.start.line, time: '0' })}>\n` +
            `      <failure${xmlAttrs({ message: f.message, type: f.code })}>${xmlText(failureBody(f))}</failure>\n` +
            `    </testcase>`,
        );
      }
    }
    const suiteTests = cases.length;
    tests += suiteTests;
    failures += group.length;
    suites.push(
      `  <testsuite${xmlAttrs({ name: file, tests: suiteTests, failures: group.length, errors: 0, skipped: 0, time: '0' })}>\n` +
        cases.join('\n') +
        `\n  </testsuite>`,
    );
  }

  if (suites.length === 0) {
    // Nothing to name file by file: one passing case, so the report is never empty.
    const name = options.files !== undefined ? `no problems in ${options.files} file${options.files === 1 ? '' : 's'}` : 'no problems';
    tests = 1;
    suites.push(
      `  <testsuite${xmlAttrs({ name: 'distrule validate', tests: 1, failures: 0, errors: 0, skipped: 0, time: '0' })}>\n` +
        `    <testcase${xmlAttrs({ classname: 'distrule validate', name, time: '0' })}/>\n` +
        `  </testsuite>`,
    );
  }

  const root = xmlAttrs({ name: options.name ?? 'distrule validate', tests, failures, errors: 0, time: '0' });
  return `${XML_DECLARATION}\n<testsuites${root}>\n${suites.join('\n')}\n</testsuites>\n`;
}
