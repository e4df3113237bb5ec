/**
 * `distrule diff`, semantic half: rules at two revisions, what changed between them, and the
 * markdown a pull request comment shows. The json form is the RuleSetDiff itself.
 */
import { summarizeDiff, type DocumentDiff, type RuleSetDiff } from './semantic.js';

export {
  diffRuleSets,
  diffCondition,
  conditionLabel,
  summarizeDiff,
  formatValue,
  changePath,
  countNoun,
  type RuleSetDiff,
  type DocumentDiff,
  type DocumentChange,
  type Change,
  type ChangeType,
  type EntityType,
  type TallyEntry,
  type ConditionDelta,
} from './semantic.js';
export {
  loadRuleSetAt,
  resolveRevision,
  repositoryRoot,
  DiffError,
  type DiffErrorCode,
  type ResolvedRevision,
  type RevisionLoad,
  type RevisionLoadOptions,
} from './git.js';

export interface SemanticMarkdownOptions {
  /** Section heading (default `### Rule changes`); null for none. */
  heading?: string | null;
  /** Bullets shown per document before "… and N more" (default 50). */
  maxItemsPerDocument?: number;
}

/**
 * A markdown section for a PR comment: the one-line summary, then a bullet list per document.
 * Everything taken from the rules is escaped, so a row id or a deny reason cannot break the comment.
 */
export function renderSemanticMarkdown(diff: RuleSetDiff, options: SemanticMarkdownOptions = {}): string {
  const heading = options.heading === undefined ? '### Rule changes' : options.heading;
  const max = Math.max(1, options.maxItemsPerDocument ?? 50);
  const lines: string[] = [];
  if (heading) lines.push(heading, '');
  lines.push(escapeMarkdown(summarizeDiff(diff)));
  for (const doc of diff.documents) {
    lines.push('', documentHeading(doc));
    const shown = doc.items.slice(0, max);
    if (shown.length) lines.push('');
    for (const item of shown) lines.push(`- ${escapeMarkdown(item.summary)}`);
    if (doc.items.length > max) lines.push(`- … and ${doc.items.length - max} more`);
  }
  return `${lines.join('\n')}\n`;
}

const CHANGE_WORD: Record<DocumentDiff['change'], string> = { added: 'added', removed: 'removed', changed: 'changed' };

function documentHeading(doc: DocumentDiff): string {
  return `**${doc.kind}** ${codeSpan(doc.name)} — ${CHANGE_WORD[doc.change]}`;
}

/** A code span that survives backticks in its content. */
function codeSpan(s: string): string {
  const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * Escape what GitHub markdown would act on. Underscores inside words (order.amount_total) are
 * left alone: GFM does not treat them as emphasis, and the text stays readable.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*[\]<>|~#&$]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/\r?\n/g, ' ');
}
