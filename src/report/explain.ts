/** explain as text (for people) and json (for programs). */
import { OP_TEXT } from '../language/condition.js';
import type { TraceNode } from '../compile/evaluate.js';
import type { Explanation } from '../explain/explain.js';
import { palette, type Palette } from './color.js';

const MARK: Record<string, string> = { true: '✔', false: '✖', unknown: '?' };

export function explainJson(e: Explanation): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}

export function explainText(e: Explanation, options: { color: boolean }): string {
  const c = palette(options.color);
  const out: string[] = [`Facts for ${e.subject} (rules ${e.revision})`];
  if (e.missingFacts.length) out.push(c.yellow(`Missing facts (conditions on them are unknown; approvals fail closed): ${e.missingFacts.join(', ')}`));
  for (const d of e.documents) {
    out.push('', c.bold(`${d.kind} ${d.name}${d.kind === 'ApprovalMatrix' ? ` (hit policy: ${d.hitPolicy})` : ''}`));
    const rules = d.kind === 'ApprovalMatrix' ? d.rows : d.rules;
    for (const r of rules) {
      const head = `${r.fired ? c.green('FIRES') : r.truth === 'unknown' ? c.yellow('unknown') : c.dim('no')}  ${r.id} → ${r.outcome}`;
      out.push(`  ${head}${r.description ? c.dim(`  — ${r.description}`) : ''}`);
      out.push(...traceLines(r.trace, 4, c));
    }
    out.push('  Decision:');
    if (d.kind === 'ApprovalMatrix') {
      const dec = d.decision;
      out.push(`    outcome: ${dec.outcome === 'deny' ? c.red('deny') : dec.outcome === 'require' ? c.yellow('approval required') : c.green('allowed')}${dec.rows.length ? ` (rows: ${dec.rows.join(', ')})` : ''}`);
      for (const r of dec.denyReasons) out.push(`    denied: ${r}`);
      for (const s of dec.steps) {
        out.push(`    ${s.track} #${s.sequence}: ${s.role}${s.count > 1 ? ` ×${s.count} distinct` : ''} — approvers ${s.approvers.join(', ') || 'none'}${s.shortfall ? c.red(` (short by ${s.shortfall})`) : ''}${s.escalation ? `, escalation ${s.escalation}` : ''}`);
      }
      for (const h of dec.holds) out.push(`    hold ${h.step}: ${h.reason}${h.lifted ? ' (lifted)' : ''}`);
      if (dec.uncertainRows.length) out.push(c.yellow(`    fired on missing facts (fail closed): ${dec.uncertainRows.join(', ')} — missing ${dec.missingFacts.join(', ')}`));
      if (dec.requester) out.push(`    requester ${dec.requester} may not approve`);
    } else if (d.proposal) {
      const p = d.proposal;
      out.push(`    ${p.action} ${p.quantity} from ${p.vendor ?? 'no vendor'} (rule ${p.rule}): ${p.reason}${p.expedite ? c.red(' — EXPEDITE') : ''}`);
    } else {
      out.push('    no proposal');
    }
  }
  return `${out.join('\n')}\n`;
}

function traceLines(t: TraceNode, indent: number, c: Palette): string[] {
  const pad = ' '.repeat(indent);
  const mark = t.truth === 'true' ? c.green(MARK.true!) : t.truth === 'false' ? c.red(MARK.false!) : c.yellow(MARK.unknown!);
  if (t.type === 'always') return [`${pad}${mark} always`];
  if (t.leaf) {
    const l = t.leaf;
    const actual = l.missing ? c.yellow('missing') : JSON.stringify(l.actual);
    return [`${pad}${mark} ${l.fact} ${OP_TEXT[l.op]} ${JSON.stringify(l.expected)}  ${c.dim(`(value: ${actual})`)}`];
  }
  const children = (t.children ?? []).flatMap((ch) => traceLines(ch, indent + 2, c));
  return [`${pad}${mark} ${t.type}`, ...children];
}
