/**
 * Machine output of `distrule validate`. The shape is versioned and its field names are
 * stable: optional fields are present as `null` rather than missing, so consumers (jq, CI
 * scripts) never have to guess. Suppressed findings are included, marked by `suppressed`.
 */
import type { Finding, Severity } from '../../language/findings.js';
import { sortFindings, summarize } from './common.js';

export interface JsonFindingsOptions {
  /** How many files were checked; defaults to the number of files with a finding. */
  files?: number;
  /** Pretty-print with this indent; 0 for one line. Default 2. */
  indent?: number;
}

export interface JsonPosition {
  line: number;
  col: number;
}

export interface JsonFinding {
  code: string;
  severity: Severity;
  message: string;
  hint: string | null;
  file: string;
  start: JsonPosition;
  end: JsonPosition | null;
  rulePath: string | null;
  suppressed: { reason: string } | null;
}

export interface JsonFindingsReport {
  version: 1;
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    suppressed: number;
    files: number;
  };
  findings: JsonFinding[];
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    hint: f.hint ?? null,
    file: f.file,
    start: { line: f.start.line, col: f.start.col },
    end: f.end ? { line: f.end.line, col: f.end.col } : null,
    rulePath: f.rulePath ?? null,
    suppressed: f.suppressed ? { reason: f.suppressed.reason } : null,
  };
}

export function findingsJsonReport(findings: readonly Finding[], options: JsonFindingsOptions = {}): JsonFindingsReport {
  const s = summarize(findings);
  const filesWithFindings = new Set(findings.map((f) => f.file)).size;
  return {
    version: 1,
    summary: {
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      suppressed: s.suppressed,
      files: options.files ?? filesWithFindings,
    },
    findings: sortFindings(findings).map(toJsonFinding),
  };
}

export function formatFindingsJson(findings: readonly Finding[], options: JsonFindingsOptions = {}): string {
  return JSON.stringify(findingsJsonReport(findings, options), null, options.indent ?? 2) + '\n';
}
