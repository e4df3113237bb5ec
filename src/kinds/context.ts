/**
 * What a kind's compiler gets: its document, and a way to report findings at a path inside
 * it. Kinds never compute line numbers themselves.
 */
import type { Finding, Severity } from '../language/findings.js';
import { formatPath, type DocPath, type SourceDocument } from '../language/source.js';
import { parseCondition, type ConditionNode, type ConditionProblem } from '../language/condition.js';
import { lookupFact, type FactType, type Subject } from '../facts/model.js';
import { compileCondition, type CompiledCondition } from '../compile/evaluate.js';

export interface ReportOptions {
  hint?: string;
  /** Point at the key of a mapping entry rather than its value. */
  at?: 'key' | 'value';
}

export class DocumentContext {
  constructor(
    readonly doc: SourceDocument,
    readonly kind: string,
    readonly name: string,
    private readonly sink: Finding[],
  ) {}

  report(code: string, severity: Severity, message: string, path: DocPath, opts: ReportOptions = {}): void {
    const { start, end } = this.doc.locate(path, opts.at);
    this.sink.push({
      code,
      severity,
      message,
      ...(opts.hint ? { hint: opts.hint } : {}),
      file: this.doc.file,
      start,
      end,
      rulePath: `${this.kind}/${this.name}${path.length ? `/${formatPath(path)}` : ''}`,
    });
  }

  /** Parse a condition, check it against the fact model, and compile it for both backends. */
  condition(raw: unknown, path: DocPath, subject: Subject, id: string): CompiledCondition {
    const problems: ConditionProblem[] = [];
    const node = parseCondition(raw, path, problems);
    for (const p of problems) this.report(p.code, 'error', p.message, p.path, { ...(p.hint ? { hint: p.hint } : {}), at: p.at ?? 'value' });
    this.checkFacts(node, subject);
    return compileCondition(`${this.kind}/${this.name}/${id}`, node);
  }

  private checkFacts(node: ConditionNode, subject: Subject): void {
    if (node.type === 'all' || node.type === 'any') return node.items.forEach((i) => this.checkFacts(i, subject));
    if (node.type === 'not') return this.checkFacts(node.item, subject);
    if (node.type !== 'leaf') return;
    const found = lookupFact(subject, node.fact);
    if (found.kind === 'unknown') {
      const leafKeyPath = node.path.length && typeof node.path[node.path.length - 1] === 'string' && node.path[node.path.length - 1] !== node.fact
        ? node.path.slice(0, -1)
        : node.path;
      this.report('fact/unknown', 'error', `unknown fact \`${node.fact}\` for ${subject} rules`, leafKeyPath, {
        at: 'key',
        hint: found.suggestions.length ? `Did you mean ${found.suggestions.map((s) => `\`${s}\``).join(' or ')}?` : 'See the fact model in the README.',
      });
      return;
    }
    if (found.kind === 'generic') return;
    const problem = operatorProblem(found.def.type, node.op, node.value);
    if (problem) this.report(problem.code, 'error', `\`${node.fact}\` (${found.def.type}): ${problem.message}`, node.path, problem.hint ? { hint: problem.hint } : {});
  }
}

const OPS_BY_TYPE: Record<FactType, readonly string[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn', 'exists'],
  string: ['eq', 'ne', 'in', 'notIn', 'contains', 'notContains', 'matches', 'exists'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'],
  datetime: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'],
  boolean: ['eq', 'ne', 'exists'],
  'string[]': ['contains', 'notContains', 'containsAny', 'exists'],
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

function operatorProblem(type: FactType, op: string, value: unknown): { code: string; message: string; hint?: string } | null {
  if (!OPS_BY_TYPE[type].includes(op)) {
    return { code: 'condition/operator-type', message: `operator \`${op}\` does not apply`, hint: `Use one of: ${OPS_BY_TYPE[type].join(', ')}.` };
  }
  if (op === 'exists' || op === 'matches') return null;
  const values = Array.isArray(value) ? value : [value];
  const want = type === 'string[]' ? 'string' : type === 'date' || type === 'datetime' ? 'string' : type;
  for (const v of values) {
    if (typeof v !== want) {
      return {
        code: 'condition/value-type',
        message: `compared with ${JSON.stringify(v)} (${typeof v}); it would never match as expected`,
        hint: want === 'number' ? 'Write the number without quotes, e.g. 5000 rather than "5000".' : `Give a ${want} value.`,
      };
    }
    if ((type === 'date' || type === 'datetime') && !ISO_DATE.test(String(v))) {
      return { code: 'condition/value-type', message: `${JSON.stringify(v)} is not an ISO date`, hint: 'Write dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.' };
    }
  }
  return null;
}
