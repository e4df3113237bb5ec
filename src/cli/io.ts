/** What every command shares: where output goes, colour, and how user errors are shown. */
import { existsSync, writeFileSync } from 'node:fs';
import { UsageError } from '../language/findings.js';
import { loadRuleSet, type LoadResult } from '../ruleset/load.js';
import { formatFindings } from '../report/findings/index.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Colour on stdout: a TTY, unless NO_COLOR; FORCE_COLOR forces it. */
  color: boolean;
  /** Progress lines on stderr: only when stderr is a terminal. */
  progress: boolean;
  cwd: string;
}

export function processIo(): Io {
  const env = process.env;
  const color = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0' ? true : !env['NO_COLOR'] && Boolean(process.stdout.isTTY);
  return { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), color, progress: Boolean(process.stderr.isTTY), cwd: process.cwd() };
}

/** Write to --output when given (no colour), else stdout. */
export function emit(io: Io, text: string, output?: string): void {
  if (output) writeFileSync(output, text);
  else io.stdout(text);
}

/** Default rule paths: the argument, else distrule.yaml's `rules`, else ./rules, else the folder. */
export function rulePaths(given: string[], cwd: string): string[] {
  if (given.length) return given;
  return existsSync(`${cwd}/rules`) ? ['rules'] : ['.'];
}

export function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/**
 * Rules for a command that decides with them: loaded, and only if they validate. Otherwise
 * their errors are printed (as `validate` would) and the command ends with exit code 1.
 */
export function loadValidRules(io: Io, paths: string[], command: string): LoadResult | null {
  const loaded = loadRuleSet(rulePaths(paths, io.cwd), { cwd: io.cwd });
  const errors = loaded.findings.filter((f) => f.severity === 'error' && !f.suppressed);
  if (errors.length === 0) return loaded;
  io.stderr(formatFindings('text', errors, { color: io.color, files: loaded.files.length, showSuppressed: false, failOn: 'error' }));
  io.stderr(`distrule ${command}: the rules do not validate; fix the errors above first.\n`);
  return null;
}
