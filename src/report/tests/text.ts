/**
 * Human output of `distrule test`: ✔/✖ per case grouped by suite, the diff of a failed case
 * beneath it (expected in green, actual in red), a table of what no test exercised, and a
 * summary line with the coverage.
 */
import type { CaseResult, CoverageItem, TestReport } from '../../testing/types.js';
import { palette, terminalSafe, type Palette } from '../color.js';
import { coverageCounts, groupBySuite, percent } from './common.js';

export interface TextTestReportOptions {
  /** ANSI colour; the CLI decides from the TTY, NO_COLOR and FORCE_COLOR. Default false. */
  color?: boolean;
  /** The `--min-coverage` percentage, to flag coverage below it. */
  minCoverage?: number;
  /** Show how long each case took. Default true. */
  durations?: boolean;
}

const DIFF_INDENT = ' '.repeat(6);

/** One diff line, coloured: `+ …` (expected) / `- …` or `− …` (actual) lines, or `…: expected X, got Y`. */
export function paintDiffLine(line: string, p: Palette): string {
  const safe = terminalSafe(line);
  if (/^\+(\s|$)/.test(safe)) return p.green(safe);
  if (/^[-−](\s|$)/.test(safe)) return p.red(safe);
  const m = /^(.*?\bexpected )(.*), got (.*)$/s.exec(safe);
  if (m) return `${m[1]}${p.green(m[2]!)}, got ${p.red(m[3]!)}`;
  return safe;
}

function caseLines(c: CaseResult, p: Palette, durations: boolean): string[] {
  const mark = c.passed ? p.green('✔') : p.red('✖');
  const time = durations ? p.dim(` (${c.durationMs < 0.5 ? '<1' : Math.round(c.durationMs)} ms)`) : '';
  const where = c.passed ? '' : p.dim(`  ${terminalSafe(c.file)}:${c.line}`);
  const out = [`  ${mark} ${terminalSafe(c.case)}${time}${where}`];
  if (c.error !== undefined) {
    out.push(...terminalSafe(c.error).split('\n').map((l, i) => `${DIFF_INDENT}${i === 0 ? `${p.red('error:')} ${l}` : l}`));
  }
  for (const line of c.diff ?? []) {
    for (const part of line.split(/\r?\n/)) out.push(`${DIFF_INDENT}${paintDiffLine(part, p)}`);
  }
  return out;
}

function coverageTable(items: readonly CoverageItem[], p: Palette): string[] {
  const rows = items
    .filter((i) => !i.covered)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
    .map((i) => [`${terminalSafe(i.file)}:${i.line}`, terminalSafe(i.kind), terminalSafe(i.document), i.item === undefined ? '(whole policy)' : terminalSafe(i.item)]);
  if (rows.length === 0) return [];
  const header = ['location', 'kind', 'document', 'row / rule'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const render = (cells: string[]): string => `  ${cells.map((c, col) => (col === cells.length - 1 ? c : c.padEnd(widths[col]!))).join('  ')}`;
  return [
    p.yellow(`Not exercised by any test (${rows.length} of ${items.length}):`),
    p.dim(render(header)),
    ...rows.map(render),
  ];
}

export function formatTestReportText(report: TestReport, options: TextTestReportOptions = {}): string {
  const p = palette(options.color ?? false);
  const durations = options.durations ?? true;
  const out: string[] = [];

  for (const g of groupBySuite(report)) {
    if (out.length > 0) out.push('');
    out.push(`${p.bold(terminalSafe(g.suite))}  ${p.dim(terminalSafe(g.file))}`);
    for (const c of g.cases) out.push(...caseLines(c, p, durations));
  }

  const table = coverageTable(report.coverage.items, p);
  if (table.length > 0) {
    if (out.length > 0) out.push('');
    out.push(...table);
  }

  if (out.length > 0) out.push('');
  out.push(summaryLine(report, options, p));
  return out.join('\n') + '\n';
}

function summaryLine(report: TestReport, options: TextTestReportOptions, p: Palette): string {
  const total = report.passed + report.failed;
  const counts =
    report.failed > 0
      ? p.red(p.bold(`✖ ${report.failed} failed`)) + `, ${report.passed} passed`
      : p.green(p.bold(`✔ ${report.passed} passed`));
  const cases = `${total} case${total === 1 ? '' : 's'}`;
  const { covered, total: items } = coverageCounts(report);
  const below = options.minCoverage !== undefined && report.coverage.percent < options.minCoverage;
  let coverage = `coverage ${percent(report.coverage.percent)}`;
  if (items > 0) coverage += ` (${covered} of ${items})`;
  if (below) coverage = p.red(`${coverage}, below the minimum of ${percent(options.minCoverage!)}`);
  return `${counts} (${cases}) · ${coverage}`;
}
