/**
 * SARIF 2.1.0, for GitHub code scanning and any other SARIF viewer: one run, one rule
 * (reportingDescriptor) per distinct finding code, one result per finding. Suppressed
 * findings stay in as results carrying an in-source suppression.
 */
import { createHash } from 'node:crypto';
import { SEVERITY_RANK, type Finding, type Severity } from '../../language/findings.js';
import { messageWithHint, portablePath, sortFindings } from './common.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** Key of our entry in `partialFingerprints`; bump the version if the hash input ever changes. */
export const FINGERPRINT_KEY = 'distruleFindingHash/v1';

export interface SarifRuleDoc {
  /** One sentence on what the code means. */
  description: string;
  helpUri?: string;
}

export interface SarifFindingsOptions {
  /** distrule's version, for `tool.driver.version`. */
  toolVersion?: string;
  /** Default `https://distrule.dev/`. */
  informationUri?: string;
  /** Descriptions of finding codes; a code without one is described by its own name. */
  rules?: Readonly<Record<string, SarifRuleDoc>>;
  /** Absolute `file://` URI of the directory the relative paths are relative to (`%SRCROOT%`). */
  srcRoot?: string;
  /** Pretty-print with this indent; 0 for one line. Default 2. */
  indent?: number;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
}

export interface SarifReportingDescriptor {
  id: string;
  shortDescription: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: SarifRegion;
  };
  logicalLocations?: { fullyQualifiedName: string }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource'; justification: string }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: 'distrule';
          version?: string;
          informationUri: string;
          rules: SarifReportingDescriptor[];
        };
      };
      originalUriBaseIds?: Record<string, { uri: string }>;
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** `approval/shadowed-row` → `approval: shadowed row`. */
function describeCode(code: string): string {
  const [area, ...rest] = code.split('/');
  const name = rest.join('/').replace(/[-_]+/g, ' ');
  return name ? `${area}: ${name}` : code.replace(/[-_]+/g, ' ');
}

/** A relative path as a URI reference (each segment percent-encoded), or a file URI for an absolute one. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const p = portablePath(file);
  const encode = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(p)) return { uri: `file:///${p.slice(0, 2)}${encode(p.slice(2))}` };
  if (p.startsWith('/')) return { uri: `file://${encode(p)}` };
  return { uri: encode(p), uriBaseId: SRCROOT };
}

/**
 * Stable across runs and line moves: a hash of the code, the file and the rule path (not the
 * position). In a result it carries `:n`, the finding's occurrence among those with the same
 * hash (as GitHub's own `primaryLocationLineHash` does), so distinct findings never collide.
 */
export function findingFingerprint(f: Finding): string {
  return createHash('sha256')
    .update([f.code, portablePath(f.file), f.rulePath ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function region(f: Finding): SarifRegion {
  const r: SarifRegion = { startLine: f.start.line, startColumn: f.start.col };
  if (f.end) {
    // Finding.end is exclusive, as SARIF's endColumn is; never let the region run backwards.
    const endLine = Math.max(f.end.line, f.start.line);
    r.endLine = endLine;
    r.endColumn = endLine === f.start.line ? Math.max(f.end.col, f.start.col) : f.end.col;
  }
  return r;
}

export function findingsSarifLog(findings: readonly Finding[], options: SarifFindingsOptions = {}): SarifLog {
  const sorted = sortFindings(findings);

  const severityOf = new Map<string, Severity>();
  for (const f of sorted) {
    const seen = severityOf.get(f.code);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen]) severityOf.set(f.code, f.severity);
  }
  const codes = [...severityOf.keys()].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code): SarifReportingDescriptor => {
    const doc = options.rules?.[code];
    const rule: SarifReportingDescriptor = {
      id: code,
      shortDescription: { text: doc?.description ?? describeCode(code) },
      defaultConfiguration: { level: LEVEL[severityOf.get(code)!] },
    };
    if (doc?.helpUri) rule.helpUri = doc.helpUri;
    return rule;
  });

  const occurrences = new Map<string, number>();
  const results = sorted.map((f): SarifResult => {
    const hash = findingFingerprint(f);
    const occurrence = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, occurrence);
    const location: SarifLocation = {
      physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f) },
    };
    if (f.rulePath) location.logicalLocations = [{ fullyQualifiedName: f.rulePath }];
    const result: SarifResult = {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code)!,
      level: LEVEL[f.severity],
      message: { text: messageWithHint(f) },
      locations: [location],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
    };
    if (f.suppressed) result.suppressions = [{ kind: 'inSource', justification: f.suppressed.reason }];
    return result;
  });

  const driver: SarifLog['runs'][0]['tool']['driver'] = {
    name: 'distrule',
    ...(options.toolVersion ? { version: options.toolVersion } : {}),
    informationUri: options.informationUri ?? 'https://distrule.dev/',
    rules,
  };

  const srcRoot = options.srcRoot && (options.srcRoot.endsWith('/') ? options.srcRoot : `${options.srcRoot}/`);
  const run: SarifLog['runs'][0] = {
    tool: { driver },
    ...(srcRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: srcRoot } } } : {}),
    columnKind: 'utf16CodeUnits',
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function formatFindingsSarif(findings: readonly Finding[], options: SarifFindingsOptions = {}): string {
  return JSON.stringify(findingsSarifLog(findings, options), null, options.indent ?? 2) + '\n';
}
