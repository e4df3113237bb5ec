/**
 * Human output of `distrule validate`: findings grouped by file, one line each
 * (`file:line:col  severity  message  code`, clickable in terminals and editors), the hint
 * and rule path beneath, and a closing summary.
 */
import type { Finding, Severity } from '../../language/findings.js';
import { palette, terminalSafe, type Paint, type Palette } from '../color.js';
import { plural, sortFindings, summarize } from './common.js';

export interface TextFindingsOptions {
  /** ANSI colour; the CLI decides from the TTY, NO_COLOR and FORCE_COLOR. Default false. */
  color?: boolean;
  /** Also list findings silenced in-file, with the reason given. Default false. */
  showSuppressed?: boolean;
  /** How many files were checked, for the summary ("no problems in 12 files"). */
  files?: number;
}

const SEVERITY_WIDTH = 'warning'.length;

function severityPaint(p: Palette, severity: Severity): Paint {
  return severity === 'error' ? p.red : severity === 'warning' ? p.yellow : p.blue;
}

function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

export function formatFindingsText(findings: readonly Finding[], options: TextFindingsOptions = {}): string {
  const p = palette(options.color ?? false);
  const shown = sortFindings(findings).filter((f) => options.showSuppressed || !f.suppressed);
  const out: string[] = [];

  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
    const group = byFile.get(f.file);
    if (group) group.push(f);
    else byFile.set(f.file, [f]);
  }

  for (const [file, group] of byFile) {
    if (out.length > 0) out.push('');
    const safeFile = terminalSafe(file);
    const locations = group.map((f) => `${safeFile}:${f.start.line}:${f.start.col}`);
    const width = Math.max(...locations.map((l) => l.length));
    group.forEach((f, i) => {
      const location = locations[i]!;
      const locationPad = ' '.repeat(width - location.length);
      const labelPad = ' '.repeat(SEVERITY_WIDTH - f.severity.length);
      const paint = f.suppressed ? p.gray : severityPaint(p, f.severity);
      const indent = ' '.repeat(width + 2 + SEVERITY_WIDTH + 2);
      const message = indentLines(terminalSafe(f.message), indent);
      let line = `${p.underline(location)}${locationPad}  ${paint(f.severity)}${labelPad}  ${f.suppressed ? p.dim(message) : message}  ${p.dim(terminalSafe(f.code))}`;
      if (f.suppressed) line += `  ${p.gray(`(suppressed: ${indentLines(terminalSafe(f.suppressed.reason), indent)})`)}`;
      out.push(line);
      const sub = ' '.repeat(4);
      if (f.hint) out.push(`${sub}${p.cyan('hint:')} ${indentLines(terminalSafe(f.hint), `${sub}      `)}`);
      if (f.rulePath) out.push(`${sub}${p.dim(`at ${terminalSafe(f.rulePath)}`)}`);
    });
  }

  if (out.length > 0) out.push('');
  out.push(summaryLine(findings, options, p));
  return out.join('\n') + '\n';
}

function summaryLine(findings: readonly Finding[], options: TextFindingsOptions, p: Palette): string {
  const s = summarize(findings);
  const suppressed = s.suppressed > 0 ? p.dim(` (${s.suppressed} suppressed)`) : '';
  const total = s.errors + s.warnings + s.infos;
  if (total === 0) {
    const where = options.files !== undefined ? ` in ${plural(options.files, 'file')}` : '';
    return `${p.green('✔')} no problems${where}${suppressed}`;
  }
  const parts: string[] = [];
  if (s.errors > 0) parts.push(plural(s.errors, 'error'));
  if (s.warnings > 0) parts.push(plural(s.warnings, 'warning'));
  if (s.infos > 0) parts.push(`${s.infos} info`);
  const [mark, paint] = s.errors > 0 ? ['✖', p.red] : s.warnings > 0 ? ['✖', p.yellow] : ['ℹ', p.blue];
  return `${paint(p.bold(`${mark} ${parts.join(', ')} in ${plural(s.files, 'file')}`))}${suppressed}`;
}
