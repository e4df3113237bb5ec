/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` per finding, which
 * GitHub turns into annotations on the pull request. Suppressed findings are left out.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { Finding, Severity } from '../../language/findings.js';
import { messageWithHint, portablePath, sortFindings } from './common.js';

export interface GithubFindingsOptions {
  /** Prepended to every file path (e.g. the rule repository's folder inside the git repository). */
  pathPrefix?: string;
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the data (message) part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function joinPath(prefix: string | undefined, file: string): string {
  const p = portablePath(file);
  if (!prefix) return p;
  const base = portablePath(prefix).replace(/\/+$/, '');
  return base === '' || p.startsWith('/') ? p : `${base}/${p}`;
}

export function githubCommand(f: Finding, options: GithubFindingsOptions = {}): string {
  const props: [string, string | number][] = [
    ['file', joinPath(options.pathPrefix, f.file)],
    ['line', f.start.line],
    ['col', f.start.col],
  ];
  if (f.end) {
    // Finding.end is exclusive; GitHub's end is the last line/column covered. An end at the
    // first column of a later line really ends on the line before.
    let endLine = f.end.line;
    let endCol: number | undefined = f.end.col - 1;
    if (endLine > f.start.line && endCol < 1) {
      endLine -= 1;
      endCol = undefined;
    }
    endLine = Math.max(endLine, f.start.line);
    props.push(['endLine', endLine]);
    // Columns only mean something on a single-line annotation.
    if (endLine === f.start.line && endCol !== undefined) props.push(['endColumn', Math.max(endCol, f.start.col)]);
  }
  props.push(['title', f.code]);
  const rendered = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${rendered}::${escapeData(messageWithHint(f))}`;
}

export function formatFindingsGithub(findings: readonly Finding[], options: GithubFindingsOptions = {}): string {
  const lines = sortFindings(findings)
    .filter((f) => !f.suppressed)
    .map((f) => githubCommand(f, options));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
