/** Results of `distrule test`: per case pass/fail with a readable diff, and coverage. */
export interface CaseResult {
  /** RuleTest document name. */
  suite: string;
  file: string;
  line: number;
  case: string;
  target: { kind: string; name: string };
  passed: boolean;
  /** Lines of a readable expected/actual diff when the case failed. */
  diff?: string[];
  /** A case that could not run (e.g. its target did not compile). */
  error?: string;
  durationMs: number;
}

export interface CoverageItem {
  kind: string;
  document: string;
  /** Row or rule id; absent for a whole policy. */
  item?: string;
  file: string;
  line: number;
  covered: boolean;
}

export interface TestReport {
  cases: CaseResult[];
  coverage: {
    items: CoverageItem[];
    /** Percentage of rows / rules / policies touched by at least one passing or failing case. */
    percent: number;
  };
  passed: number;
  failed: number;
}
