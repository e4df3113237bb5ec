/**
 * In-file suppression of one finding, with a required reason:
 *
 *   # distrule-ignore approval/band-gap -- orders between 10k and 20k never occur in this channel
 *   - id: large
 *
 * A comment alone on its line covers the next non-comment line; a trailing comment covers its
 * own line. A suppression without a reason does not apply and is itself an error; one that
 * silences nothing is a warning, so stale suppressions do not pile up.
 */
import type { Finding } from './findings.js';

interface Suppression {
  file: string;
  line: number;
  covers: number;
  codes: string[];
  reason: string;
  used: boolean;
}

const MARK = /#\s*distrule-ignore\b(.*)$/;

export function findSuppressions(file: string, text: string): { suppressions: Suppression[]; findings: Finding[] } {
  const lines = text.split(/\r?\n/);
  const suppressions: Suppression[] = [];
  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    const m = MARK.exec(line);
    if (!m) return;
    const col = line.indexOf('#') + 1;
    const [codesPart, ...reasonParts] = m[1]!.split('--');
    const codes = (codesPart ?? '').split(/[\s,]+/).filter(Boolean);
    const reason = reasonParts.join('--').trim();
    const at = { file, start: { line: i + 1, col } };
    if (codes.length === 0) {
      findings.push({ code: 'suppress/missing-code', severity: 'error', message: 'distrule-ignore names no finding code', hint: 'Write `# distrule-ignore <code> -- <reason>`.', ...at });
      return;
    }
    if (!reason) {
      findings.push({
        code: 'suppress/missing-reason',
        severity: 'error',
        message: `suppression of ${codes.join(', ')} gives no reason, so it does not apply`,
        hint: 'Add the reason after `--`: `# distrule-ignore <code> -- <why this is fine>`.',
        ...at,
      });
      return;
    }
    const standalone = line.trimStart().startsWith('#');
    let covers = i + 1;
    if (standalone) {
      let j = i + 1;
      while (j < lines.length && (lines[j]!.trim() === '' || lines[j]!.trimStart().startsWith('#'))) j++;
      covers = j + 1;
    }
    suppressions.push({ file, line: i + 1, covers, codes, reason, used: false });
  });
  return { suppressions, findings };
}

/** Mark findings covered by a suppression; report suppressions that covered nothing. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  for (const f of findings) {
    const s = suppressions.find((x) => x.file === f.file && x.covers === f.start.line && x.codes.includes(f.code));
    if (s) {
      f.suppressed = { reason: s.reason };
      s.used = true;
    }
  }
  const unused: Finding[] = suppressions
    .filter((s) => !s.used)
    .map((s) => ({
      code: 'suppress/unused',
      severity: 'warning',
      message: `suppression of ${s.codes.join(', ')} matches no finding on line ${s.covers}`,
      hint: 'Remove it, or move it directly above the line the finding points at.',
      file: s.file,
      start: { line: s.line, col: 1 },
    }));
  return [...findings, ...unused];
}
