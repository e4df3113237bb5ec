/**
 * Load a rule repository: find its files, parse them with positions, validate every document
 * against its kind's schema, compile the valid ones, then check what only the whole set can
 * tell (references, duplicate names, decision tables). One function, used by every command.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { compareFindings, UsageError, type Finding } from '../language/findings.js';
import { parseSourceFile, type SourceDocument } from '../language/source.js';
import { schemaFindings } from '../language/schemas.js';
import { applySuppressions, findSuppressions } from '../language/suppress.js';
import { DocumentContext } from '../kinds/context.js';
import { isDocumentKind, KINDS, RULE_KINDS, type DocumentKind } from '../kinds/registry.js';
import { compileApprovalMatrix } from '../kinds/approval/matrix.js';
import { analyseMatrix } from '../kinds/approval/analysis.js';
import { checkDirectoryReferences, compileDirectory, Directory } from '../kinds/directory/directory.js';
import { compileEscalation } from '../kinds/escalation/escalation.js';
import { compileCalendar } from '../kinds/calendar/calendar.js';
import { compileAllocation } from '../kinds/allocation/policy.js';
import { compileReplenishment } from '../kinds/replenishment/policy.js';
import { CONFIG_FILE, type DistruleConfig } from '../config/schema.js';
import { loadConfig } from '../config/load.js';
import type { RuleSet, RuleTestDocument } from './types.js';

const IGNORED_DIRS = new Set(['node_modules', 'dist', 'coverage']);
const YAML_FILE = /\.ya?ml$/i;

export interface LoadOptions {
  /** Working directory paths are shown relative to. */
  cwd?: string;
}

export interface LoadResult {
  ruleSet: RuleSet;
  findings: Finding[];
  files: string[];
  config: DistruleConfig | null;
}

/** Every rule file under the given paths (files as given; folders walked, dot-folders skipped). */
export function discoverRuleFiles(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`path does not exist: ${p}`, 'Give a rule file or a folder of rule files.');
    const st = statSync(abs);
    if (st.isFile()) {
      out.push(abs);
      continue;
    }
    const before = out.length;
    walk(abs, out);
    if (out.length === before) {
      throw new UsageError(`no rule files (*.yaml, *.yml) found under ${p}`, 'Point at the folder that holds your rules, e.g. `distrule validate rules`.');
    }
  }
  return [...new Set(out)].sort();
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || IGNORED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && YAML_FILE.test(entry.name) && entry.name !== CONFIG_FILE) out.push(full);
  }
}

/** The nearest distrule.yaml at or above the first path, if any. */
export function findConfigFile(paths: readonly string[], cwd: string): string | null {
  let dir = resolve(cwd, paths[0] ?? '.');
  if (existsSync(dir) && statSync(dir).isFile()) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function loadRuleSet(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const findings: Finding[] = [];
  const configFile = findConfigFile(paths, cwd);
  let config: DistruleConfig | null = null;
  if (configFile) {
    const loaded = loadConfig(configFile, cwd);
    config = loaded.config;
    findings.push(...loaded.findings);
  }
  const files = discoverRuleFiles(paths, cwd);
  const suppressions: ReturnType<typeof findSuppressions>['suppressions'] = [];
  const hash = createHash('sha256');
  const contexts: { ctx: DocumentContext; kind: DocumentKind; spec: unknown }[] = [];

  for (const abs of files) {
    const shown = relative(cwd, abs) || abs;
    const bytes = readFileSync(abs);
    hash.update(shown).update('\0').update(bytes).update('\0');
    const source = parseSourceFile(shown, bytes);
    findings.push(...source.findings);
    const s = findSuppressions(shown, source.text);
    suppressions.push(...s.suppressions);
    findings.push(...s.findings);
    for (const doc of source.documents) {
      const accepted = checkEnvelope(doc, findings);
      if (accepted) contexts.push({ ...accepted, ctx: new DocumentContext(doc, accepted.kind, accepted.name, findings) });
    }
  }

  const ruleSet = compileAll(contexts);
  ruleSet.revision = hash.digest('hex').slice(0, 16);
  const all = applySuppressions(findings, suppressions).sort(compareFindings);
  return { ruleSet, findings: all, files: files.map((f) => relative(cwd, f) || f), config };
}

/** Kind, name and schema; a document failing its schema is not compiled (its findings say why). */
function checkEnvelope(doc: SourceDocument, findings: Finding[]): { kind: DocumentKind; name: string; spec: unknown } | null {
  const v = doc.value;
  if (v === null || v === undefined) return null;
  const at = (path: (string | number)[], key = false): Pick<Finding, 'file' | 'start' | 'end'> => ({ file: doc.file, ...doc.locate(path, key ? 'key' : 'value') });
  if (typeof v !== 'object' || Array.isArray(v)) {
    findings.push({ code: 'schema/not-a-document', severity: 'error', message: 'a rule document must be a mapping with apiVersion, kind, metadata and spec', ...at([]) });
    return null;
  }
  const obj = v as Record<string, unknown>;
  if (obj['kind'] === undefined) {
    findings.push({ code: 'schema/missing-kind', severity: 'error', message: 'document has no `kind`', hint: `One of: ${RULE_KINDS.join(', ')}, RuleTest.`, ...at([]) });
    return null;
  }
  if (!isDocumentKind(obj['kind'])) {
    findings.push({
      code: 'schema/unknown-kind',
      severity: 'error',
      message: `unknown kind ${JSON.stringify(obj['kind'])}`,
      hint: `One of: ${RULE_KINDS.join(', ')}, RuleTest.`,
      ...at(['kind']),
    });
    return null;
  }
  const kind = obj['kind'];
  const meta = obj['metadata'] as Record<string, unknown> | undefined;
  const name = typeof meta?.['name'] === 'string' ? meta['name'] : `#${doc.index + 1}`;
  const schemaErrors = schemaFindings(doc, KINDS[kind].file, `${kind}/${name}`);
  if (schemaErrors.length) {
    findings.push(...schemaErrors);
    return null;
  }
  return { kind, name, spec: obj['spec'] };
}

function emptyRuleSet(): RuleSet {
  return {
    matrices: new Map(),
    directory: new Directory(),
    escalations: new Map(),
    calendars: new Map(),
    allocations: new Map(),
    replenishments: new Map(),
    tests: [],
    revision: '',
  };
}

// Specs reach the compilers only after their schema accepted them, so the casts below are safe.
type Spec<F> = F extends (spec: infer S, ctx: DocumentContext) => unknown ? S : never;

function compileAll(docs: { ctx: DocumentContext; kind: DocumentKind; spec: unknown }[]): RuleSet {
  const rs = emptyRuleSet();
  const firstOf = new Map<string, DocumentContext>();
  for (const { ctx, kind, spec } of docs) {
    const key = `${kind}/${ctx.name}`;
    const prior = firstOf.get(key);
    if (prior) {
      ctx.report('ref/duplicate-name', 'error', `${kind} "${ctx.name}" is defined twice`, ['metadata', 'name'], {
        hint: `The first is in ${prior.doc.file}:${prior.doc.start.line}. Names are unique per kind; rename one.`,
      });
      continue;
    }
    firstOf.set(key, ctx);
    switch (kind) {
      case 'ApprovalMatrix':
        rs.matrices.set(ctx.name, compileApprovalMatrix(spec as Spec<typeof compileApprovalMatrix>, ctx));
        break;
      case 'Directory':
        rs.directory.add(compileDirectory(spec as Spec<typeof compileDirectory>, ctx));
        break;
      case 'EscalationPolicy':
        rs.escalations.set(ctx.name, compileEscalation(spec as Spec<typeof compileEscalation>, ctx));
        break;
      case 'Calendar':
        rs.calendars.set(ctx.name, compileCalendar(spec as Spec<typeof compileCalendar>, ctx));
        break;
      case 'AllocationPolicy':
        rs.allocations.set(ctx.name, compileAllocation(spec as Spec<typeof compileAllocation>, ctx));
        break;
      case 'ReplenishmentPolicy':
        rs.replenishments.set(ctx.name, compileReplenishment(spec as Spec<typeof compileReplenishment>, ctx));
        break;
      case 'RuleTest':
        rs.tests.push({ name: ctx.name, spec: spec as RuleTestDocument['spec'], ctx });
        break;
    }
  }
  checkReferences(rs);
  for (const m of rs.matrices.values()) analyseMatrix(m);
  return rs;
}

function checkReferences(rs: RuleSet): void {
  checkDirectoryReferences(rs.directory);
  const roleHint = `Known roles: ${[...rs.directory.roles.keys()].join(', ') || 'none (add a Directory document)'}.`;
  for (const m of rs.matrices.values()) {
    if (m.escalation && !rs.escalations.has(m.escalation)) {
      m.ctx.report('ref/unknown-escalation', 'error', `unknown EscalationPolicy "${m.escalation}"`, ['spec', 'escalation'], { hint: known('EscalationPolicy', rs.escalations) });
    }
    const rawRows = (m.ctx.doc.value as { spec: { rows: { escalation?: string; require?: { escalation?: string }[] }[] } }).spec.rows;
    for (const row of m.rows) {
      const rowPath = ['spec', 'rows', row.index];
      const raw = rawRows[row.index]!;
      const escalationRefs: [string | undefined, (string | number)[]][] = [
        [raw.escalation, [...rowPath, 'escalation']],
        ...(raw.require ?? []).map((st, i): [string | undefined, (string | number)[]] => [st.escalation, [...rowPath, 'require', i, 'escalation']]),
      ];
      for (const [ref, path] of escalationRefs) {
        if (ref && !rs.escalations.has(ref)) m.ctx.report('ref/unknown-escalation', 'error', `unknown EscalationPolicy "${ref}"`, path, { hint: known('EscalationPolicy', rs.escalations) });
      }
      if (row.outcome.type !== 'require') continue;
      row.outcome.steps.forEach((s, i) => {
        const stepPath = [...rowPath, 'require', i];
        const role = rs.directory.roles.get(s.role);
        if (!role) {
          m.ctx.report('ref/unknown-role', 'error', `unknown role "${s.role}"`, [...stepPath, 'role'], { hint: roleHint });
        } else if (role.members.length > 0 && role.members.length < s.count) {
          m.ctx.report('approval/count-exceeds-members', 'error', `step needs ${s.count} distinct approvers but role "${s.role}" has ${role.members.length} member(s)`, [...stepPath, 'count'], {
            hint: 'Dual approval needs distinct people: add members or lower the count.',
          });
        }
      });
    }
  }
  for (const p of rs.escalations.values()) {
    if (!rs.calendars.has(p.calendar)) {
      p.ctx.report('ref/unknown-calendar', 'error', `unknown Calendar "${p.calendar}"`, ['spec', 'calendar'], { hint: known('Calendar', rs.calendars) });
    }
    p.steps.forEach((s, i) => {
      if (s.action === 'escalate' && s.to && !rs.directory.roles.has(s.to)) {
        p.ctx.report('ref/unknown-role', 'error', `escalates to unknown role "${s.to}"`, ['spec', 'steps', i, 'to'], { hint: roleHint });
      }
    });
  }
  for (const t of rs.tests) {
    const { kind, name } = t.spec.target;
    const table = kind === 'ApprovalMatrix' ? rs.matrices : kind === 'AllocationPolicy' ? rs.allocations : rs.replenishments;
    if (!table.has(name)) {
      t.ctx.report('ref/unknown-test-target', 'error', `test targets unknown ${kind} "${name}"`, ['spec', 'target', 'name'], { hint: known(kind, table) });
    }
  }
}

function known(kind: string, table: Map<string, unknown>): string {
  return table.size ? `Known ${kind} names: ${[...table.keys()].join(', ')}.` : `No ${kind} is defined.`;
}

