/**
 * Rules as they were at a git revision. The rule paths (and the distrule.yaml above them) are
 * copied out of the commit into a temporary folder laid out like the repository, loaded there
 * with the ordinary loader, and the folder is removed again: findings read `rules/x.yaml:12:3`,
 * exactly as they would in the working tree. git runs through execFileSync, never a shell.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { loadRuleSet, type LoadResult } from '../ruleset/load.js';
import { UsageError, type Finding } from '../language/findings.js';
import { CONFIG_FILE } from '../config/schema.js';

export type DiffErrorCode = 'not-a-repo' | 'unknown-revision' | 'paths-missing-at-revision' | 'rules-invalid-at-revision' | 'git-failed';

/** Why a revision's rules could not be loaded. A UsageError, so the CLI prints it and exits 2. */
export class DiffError extends UsageError {
  constructor(
    readonly code: DiffErrorCode,
    message: string,
    hint?: string,
    /** rules-invalid-at-revision: every finding of that revision, to print like `validate` does. */
    readonly findings: readonly Finding[] = [],
    /** The revision as given (null: the working tree). */
    readonly revision: string | null = null,
  ) {
    super(message, hint);
    this.name = 'DiffError';
  }
}

export interface ResolvedRevision {
  /** As given; null for the working tree. */
  ref: string | null;
  /** For messages and reports: `origin/main (1a2b3c4)` or `the working tree`. */
  label: string;
  commit: { sha: string; short: string } | null;
}

export interface RevisionLoad extends LoadResult {
  revision: ResolvedRevision;
}

export interface RevisionLoadOptions {
  cwd?: string;
  /** Raise rules-invalid-at-revision when the rules have errors (default true). */
  requireValid?: boolean;
}

const MAX_OUTPUT = 512 * 1024 * 1024;
const YAML_FILE = /\.ya?ml$/i;

interface GitFailure {
  status: number | null;
  stderr: string;
  missing: boolean;
}

function runGit(args: string[], cwd: string, input?: string): Buffer {
  return execFileSync('git', args, {
    cwd,
    ...(input !== undefined ? { input } : {}),
    maxBuffer: MAX_OUTPUT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
}

function failure(e: unknown): GitFailure {
  const err = e as { status?: number | null; stderr?: Buffer | string; code?: string };
  return { status: err.status ?? null, stderr: String(err.stderr ?? '').trim(), missing: err.code === 'ENOENT' };
}

function gitFailed(args: string[], f: GitFailure): DiffError {
  if (f.missing) return new DiffError('git-failed', 'git is not installed or not on PATH', 'Install git: `distrule diff` reads the base rules from the repository history.');
  return new DiffError('git-failed', `git ${args[0]} failed: ${f.stderr.split('\n')[0] || `exit code ${f.status}`}`);
}

/** Run git and return trimmed stdout; any failure becomes a DiffError. */
function git(args: string[], cwd: string): string {
  try {
    return runGit(args, cwd).toString('utf8').trim();
  } catch (e) {
    throw gitFailed(args, failure(e));
  }
}

/** The top of the work tree holding cwd. */
export function repositoryRoot(cwd: string): string {
  try {
    return realpathSync(runGit(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim());
  } catch (e) {
    const f = failure(e);
    if (f.missing) throw gitFailed(['rev-parse'], f);
    if (/dubious ownership/i.test(f.stderr)) {
      return notARepo(cwd, f, `git refuses a repository owned by someone else: run \`git config --global --add safe.directory ${cwd}\` (in CI containers, for the checkout folder).`);
    }
    return notARepo(cwd, f, '`distrule diff --base` compares against git history: run it inside the rule repository (a git checkout).');
  }
}

function notARepo(cwd: string, f: GitFailure, hint: string): never {
  const detail = f.stderr.split('\n')[0]?.replace(/^fatal:\s*/, '') ?? '';
  const extra = detail && !/not a git repository/i.test(detail) ? ` (${detail})` : '';
  throw new DiffError('not-a-repo', `${cwd} is not inside a git repository${extra}`, hint);
}

/** A revision as a commit: full and short sha. */
export function resolveRevision(rev: string, cwd: string): ResolvedRevision {
  repositoryRoot(cwd);
  const unknown = (): never => {
    throw new DiffError('unknown-revision', `unknown revision "${rev}": no such commit in this repository`, revisionHint(rev, cwd), [], rev);
  };
  if (rev.trim() === '' || rev.startsWith('-')) unknown();
  let sha: string;
  try {
    sha = runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd).toString('utf8').trim();
  } catch (e) {
    const f = failure(e);
    if (f.missing) throw gitFailed(['rev-parse'], f);
    return unknown();
  }
  if (!sha) return unknown();
  const short = git(['rev-parse', '--short', sha], cwd);
  return { ref: rev, label: rev === short || rev === sha ? short : `${rev} (${short})`, commit: { sha, short } };
}

function revisionHint(rev: string, cwd: string): string {
  const remote = /^(?:refs\/remotes\/)?([^/]+)\/(.+)$/.exec(rev);
  let shallow = false;
  try {
    shallow = runGit(['rev-parse', '--is-shallow-repository'], cwd).toString('utf8').trim() === 'true';
  } catch {
    // Best effort only: the hint is still useful without it.
  }
  const fetch = remote ? `git fetch ${remote[1]} ${remote[2]}` : `git fetch origin ${rev}`;
  const ci = shallow
    ? ' This clone is shallow: fetch more history (`git fetch --unshallow`), or check out with `fetch-depth: 0` in actions/checkout.'
    : ' In CI, check out with full history (`fetch-depth: 0` in actions/checkout).';
  return `Fetch the base branch first (\`${fetch}\`), or give a branch, tag or commit that exists here.${ci}`;
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

function listTree(sha: string, pathspecs: string[], root: string, recursive: boolean): TreeEntry[] {
  const out = git(['--literal-pathspecs', '-c', 'core.quotePath=false', 'ls-tree', ...(recursive ? ['-r'] : []), '-z', '--full-tree', sha, '--', ...pathspecs], root);
  return out
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', oid = ''] = line.slice(0, tab).split(' ');
      return { mode, type, oid, path: line.slice(tab + 1) };
    });
}

/** Blob contents for object ids, in one `git cat-file --batch` call. */
function readBlobs(oids: string[], root: string): Map<string, Buffer> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  if (unique.length === 0) return blobs;
  let buf: Buffer;
  try {
    buf = runGit(['cat-file', '--batch'], root, `${unique.join('\n')}\n`);
  } catch (e) {
    throw gitFailed(['cat-file'], failure(e));
  }
  let at = 0;
  for (const oid of unique) {
    const nl = buf.indexOf(0x0a, at);
    const header = buf.subarray(at, nl).toString('utf8').split(' ');
    if (header[1] === 'missing' || header.length < 3) throw new DiffError('git-failed', `git object ${oid} is missing from this clone`, 'Fetch the full history of the base revision.');
    const size = Number(header[2]);
    blobs.set(oid, buf.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return blobs;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Each given path relative to the repository root (posix), or an error if it lies outside. */
function repoPaths(paths: readonly string[], cwd: string, root: string, label: string, rev: string): string[] {
  const realCwd = realpathSync(cwd);
  return paths.map((p) => {
    const rel = toPosix(relative(root, resolve(realCwd, p)));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new DiffError('paths-missing-at-revision', `${p} is outside the git repository (${root}), so it has no version at ${label}`, 'Give rule paths inside the repository.', [], rev);
    }
    return rel;
  });
}

/**
 * The rule set at a revision (null: the working tree). Findings and files read relative to
 * `cwd`, as in the working tree. A revision whose rules have errors raises
 * `rules-invalid-at-revision` carrying every finding, unless `requireValid` is false.
 */
export function loadRuleSetAt(rev: string | null, paths: readonly string[], options: RevisionLoadOptions = {}): RevisionLoad {
  const cwd = options.cwd ?? process.cwd();
  const requireValid = options.requireValid ?? true;
  if (rev === null) {
    const revision: ResolvedRevision = { ref: null, label: 'the working tree', commit: null };
    return checked({ ...loadRuleSet(paths, { cwd }), revision }, requireValid);
  }
  const revision = resolveRevision(rev, cwd);
  const { sha } = revision.commit!;
  const root = repositoryRoot(cwd);
  const rels = repoPaths(paths, cwd, root, revision.label, rev);

  const entries = listTree(sha, rels.map((r) => r || '.'), root, true).filter((e) => e.type === 'blob' && e.mode !== '120000');
  const wanted = new Map<string, TreeEntry>();
  const missing: string[] = [];
  rels.forEach((rel, i) => {
    const exact = entries.find((e) => e.path === rel);
    if (exact) return void wanted.set(exact.path, exact);
    const under = entries.filter((e) => (rel === '' || e.path.startsWith(`${rel}/`)) && YAML_FILE.test(e.path));
    if (under.length === 0) missing.push(paths[i]!);
    for (const e of under) wanted.set(e.path, e);
  });
  if (missing.length) {
    throw new DiffError(
      'paths-missing-at-revision',
      `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no rule files at ${revision.label}`,
      'The rules may have been added or moved after that revision: diff against a later base, or give the paths they had then.',
      [],
      rev,
    );
  }
  const config = configAt(sha, rels[0] ?? '', wanted, root);
  if (config) wanted.set(config.path, config);

  const blobs = readBlobs([...wanted.values()].map((e) => e.oid), root);
  const tmp = mkdtempSync(join(tmpdir(), 'distrule-rev-'));
  try {
    for (const e of wanted.values()) {
      const file = join(tmp, ...e.path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, blobs.get(e.oid)!);
    }
    const tmpCwd = join(tmp, relative(root, realpathSync(cwd)));
    mkdirSync(tmpCwd, { recursive: true });
    const tmpPaths = paths.map((p, i) => (isAbsolute(p) ? join(tmp, ...rels[i]!.split('/')) : p));
    let loaded: LoadResult;
    try {
      loaded = loadRuleSet(tmpPaths, { cwd: tmpCwd });
    } catch (e) {
      if (e instanceof UsageError && !(e instanceof DiffError)) {
        throw new DiffError('paths-missing-at-revision', `at ${revision.label}: ${e.message}`, e.hint, [], rev);
      }
      throw e;
    }
    const result: RevisionLoad = {
      ...loaded,
      config: loaded.config ? { ...loaded.config, root: join(root, relative(tmp, loaded.config.root)) } : null,
      revision,
    };
    return checked(result, requireValid);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The nearest distrule.yaml at or above the first rule path, as the loader would find it. */
function configAt(sha: string, firstRel: string, wanted: Map<string, TreeEntry>, root: string): TreeEntry | null {
  let dir = wanted.has(firstRel) ? posix.dirname(firstRel) : firstRel;
  if (dir === '.') dir = '';
  const candidates: string[] = [];
  for (;;) {
    candidates.push(dir ? `${dir}/${CONFIG_FILE}` : CONFIG_FILE);
    if (!dir) break;
    const parent = posix.dirname(dir);
    dir = parent === '.' ? '' : parent;
  }
  const found = listTree(sha, candidates, root, false).filter((e) => e.type === 'blob');
  for (const c of candidates) {
    const hit = found.find((e) => e.path === c);
    if (hit) return hit;
  }
  return null;
}

function checked(result: RevisionLoad, requireValid: boolean): RevisionLoad {
  if (!requireValid) return result;
  const errors = result.findings.filter((f) => f.severity === 'error' && !f.suppressed);
  if (errors.length === 0) return result;
  const where = result.revision.label;
  throw new DiffError(
    'rules-invalid-at-revision',
    `the rules at ${where} do not validate (${errors.length} error${errors.length === 1 ? '' : 's'}), so they cannot be compared`,
    result.revision.commit
      ? `Diff against a revision whose rules validate, or look at them in a separate checkout (\`git worktree add ../base ${result.revision.commit.short}\`, then \`distrule validate\` there).`
      : 'Fix the findings (`distrule validate`) and run the diff again.',
    result.findings,
    result.revision.ref,
  );
}
