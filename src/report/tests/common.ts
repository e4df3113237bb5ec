/** Helpers the test-report formats share. */
import type { CaseResult, TestReport } from '../../testing/types.js';

export interface SuiteGroup {
  suite: string;
  file: string;
  cases: CaseResult[];
}

/** Cases grouped by suite (RuleTest document), in the order suites first appear. */
export function groupBySuite(report: TestReport): SuiteGroup[] {
  const groups = new Map<string, SuiteGroup>();
  for (const c of report.cases) {
    const key = `${c.file}\u0000${c.suite}`;
    let g = groups.get(key);
    if (!g) {
      g = { suite: c.suite, file: c.file, cases: [] };
      groups.set(key, g);
    }
    g.cases.push(c);
  }
  return [...groups.values()];
}

/** `75%`, `83.3%` (rounded down: never claim more coverage than there is). */
export function percent(value: number): string {
  const rounded = Math.floor(value * 10 + 1e-9) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

export function coverageCounts(report: TestReport): { covered: number; total: number } {
  const total = report.coverage.items.length;
  return { covered: report.coverage.items.filter((i) => i.covered).length, total };
}
