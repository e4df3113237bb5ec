/**
 * Machine output of `distrule test`. Versioned, with stable field names: optional fields are
 * present as `null` rather than missing.
 */
import type { TestReport } from '../../testing/types.js';
import { coverageCounts } from './common.js';

export interface JsonTestReportOptions {
  /** The `--min-coverage` percentage, echoed in the summary with whether it was met. */
  minCoverage?: number;
  /** Pretty-print with this indent; 0 for one line. Default 2. */
  indent?: number;
}

export interface JsonTestCase {
  suite: string;
  file: string;
  line: number;
  case: string;
  target: { kind: string; name: string };
  passed: boolean;
  diff: string[] | null;
  error: string | null;
  durationMs: number;
}

export interface JsonCoverageItem {
  kind: string;
  document: string;
  item: string | null;
  file: string;
  line: number;
  covered: boolean;
}

export interface JsonTestReport {
  version: 1;
  summary: {
    total: number;
    passed: number;
    failed: number;
    coverage: number;
    covered: number;
    coverageItems: number;
    minCoverage: number | null;
    coverageMet: boolean | null;
  };
  cases: JsonTestCase[];
  coverage: { percent: number; items: JsonCoverageItem[] };
}

export function testJsonReport(report: TestReport, options: JsonTestReportOptions = {}): JsonTestReport {
  const { covered, total } = coverageCounts(report);
  return {
    version: 1,
    summary: {
      total: report.passed + report.failed,
      passed: report.passed,
      failed: report.failed,
      coverage: report.coverage.percent,
      covered,
      coverageItems: total,
      minCoverage: options.minCoverage ?? null,
      coverageMet: options.minCoverage === undefined ? null : report.coverage.percent >= options.minCoverage,
    },
    cases: report.cases.map((c) => ({
      suite: c.suite,
      file: c.file,
      line: c.line,
      case: c.case,
      target: { kind: c.target.kind, name: c.target.name },
      passed: c.passed,
      diff: c.diff ? [...c.diff] : null,
      error: c.error ?? null,
      durationMs: Math.round(c.durationMs * 1000) / 1000,
    })),
    coverage: {
      percent: report.coverage.percent,
      items: report.coverage.items.map((i) => ({
        kind: i.kind,
        document: i.document,
        item: i.item ?? null,
        file: i.file,
        line: i.line,
        covered: i.covered,
      })),
    },
  };
}

export function formatTestReportJson(report: TestReport, options: JsonTestReportOptions = {}): string {
  return JSON.stringify(testJsonReport(report, options), null, options.indent ?? 2) + '\n';
}
