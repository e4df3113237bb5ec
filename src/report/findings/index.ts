/** Output formats of `distrule validate`: pick one by name. */
import type { Finding } from '../../language/findings.js';
import { formatFindingsGithub, type GithubFindingsOptions } from './github.js';
import { formatFindingsJson, type JsonFindingsOptions } from './json.js';
import { formatFindingsJunit, type JunitFindingsOptions } from './junit.js';
import { formatFindingsSarif, type SarifFindingsOptions } from './sarif.js';
import { formatFindingsText, type TextFindingsOptions } from './text.js';

export const FINDING_FORMATS = ['text', 'json', 'github', 'sarif', 'junit'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

export function isFindingFormat(name: string): name is FindingFormat {
  return (FINDING_FORMATS as readonly string[]).includes(name);
}

/** Every format's options; each format reads the ones it knows. */
export type FindingsFormatOptions = TextFindingsOptions &
  JsonFindingsOptions &
  GithubFindingsOptions &
  SarifFindingsOptions &
  JunitFindingsOptions;

export function formatFindings(format: FindingFormat, findings: readonly Finding[], options: FindingsFormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatFindingsText(findings, options);
    case 'json':
      return formatFindingsJson(findings, options);
    case 'github':
      return formatFindingsGithub(findings, options);
    case 'sarif':
      return formatFindingsSarif(findings, options);
    case 'junit':
      return formatFindingsJunit(findings, options);
  }
}

export { summarize, type FindingsSummary } from './common.js';
export { formatFindingsText, type TextFindingsOptions } from './text.js';
export { formatFindingsJson, findingsJsonReport, type JsonFindingsOptions, type JsonFindingsReport, type JsonFinding } from './json.js';
export { formatFindingsGithub, escapeData, escapeProperty, type GithubFindingsOptions } from './github.js';
export { formatFindingsSarif, findingsSarifLog, findingFingerprint, type SarifFindingsOptions, type SarifLog, type SarifRuleDoc } from './sarif.js';
export { formatFindingsJunit, type JunitFindingsOptions } from './junit.js';
