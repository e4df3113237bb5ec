/**
 * A finding is one thing wrong (or worth a look) in a rule repository, located precisely.
 * Every checker — YAML parser, JSON Schema, semantic checks — speaks this one type, so every
 * output format (text, json, github, sarif, junit) renders all of them the same way.
 */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

export interface Finding {
  /** Stable, slug-like code, e.g. `approval/shadowed-row`. Never renamed once published. */
  code: string;
  severity: Severity;
  message: string;
  /** What to do about it, when we know. */
  hint?: string;
  /** File path as given / relative to the working directory. */
  file: string;
  /** Start of the offending node. */
  start: Position;
  /** End of the offending node (exclusive), when known. */
  end?: Position;
  /** Path inside the document, e.g. `ApprovalMatrix/sales-orders/spec.rows[3].require[0].count`. */
  rulePath?: string;
  /** Set when an in-file suppression silenced this finding; suppressed findings never fail a run. */
  suppressed?: { reason: string };
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.start.line - b.start.line ||
    a.start.col - b.start.col ||
    a.code.localeCompare(b.code)
  );
}

/** A user mistake that stops a command before it can produce findings (exit code 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
