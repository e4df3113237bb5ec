/** Small helpers every findings format shares. */
import { compareFindings, type Finding, type Severity } from '../../language/findings.js';

export interface FindingsSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings silenced by an in-file suppression (not counted above). */
  suppressed: number;
  /** Distinct files with at least one unsuppressed finding. */
  files: number;
}

export function summarize(findings: readonly Finding[]): FindingsSummary {
  const summary: FindingsSummary = { errors: 0, warnings: 0, infos: 0, suppressed: 0, files: 0 };
  const files = new Set<string>();
  for (const f of findings) {
    if (f.suppressed) {
      summary.suppressed++;
      continue;
    }
    files.add(f.file);
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  summary.files = files.size;
  return summary;
}

/** A sorted copy: file, line, column, code. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Forward slashes, no leading `./`. */
export function portablePath(file: string): string {
  let p = file.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

/** The message with its hint on a new line, for formats that have one text field. */
export function messageWithHint(f: Finding): string {
  return f.hint ? `${f.message}\nHint: ${f.hint}` : f.message;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
