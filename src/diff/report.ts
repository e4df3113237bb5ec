/**
 * The pull-request comment of `distrule diff`: a short summary first, the details folded.
 * And the json form, which carries everything with stable field names.
 */
import type { RuleSetDiff } from './semantic.js';
import { renderSemanticMarkdown, escapeMarkdown, summarizeDiff } from './index.js';
import type { DecisionImpact } from './impact.js';
import type { SimulationResult } from '../simulate/result.js';

export interface DiffReport {
  version: 1;
  base: string;
  head: string;
  rules: RuleSetDiff;
  impact: Omit<DecisionImpact, 'base' | 'head'> & { base: SimulationResult; head: SimulationResult };
}

export interface DiffMarkdownOptions {
  /** Odoo URL, to link example orders to their form view. */
  odooUrl?: string;
}

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
/** Before and after as percentages, with a second decimal when one would show no change. */
const pctMove = (before: number, after: number): [string, string] => {
  const digits = before !== after && pct(before) === pct(after) ? 2 : 1;
  return [pct(before, digits), pct(after, digits)];
};
const signed = (n: number, digits = 0): string => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;
const cell = (s: string): string => escapeMarkdown(s).replace(/\|/g, '\\|');

export function diffJson(r: DiffReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

export function diffMarkdown(r: DiffReport, options: DiffMarkdownOptions = {}): string {
  const { impact } = r;
  const b = impact.base;
  const h = impact.head;
  const out: string[] = [`## distrule diff: ${cell(r.base)} → ${cell(r.head)}`, ''];
  const headline: string[] = [];
  headline.push(`**${impact.changed.toLocaleString('en-US')} of ${impact.orders.toLocaleString('en-US')} orders** (${b.window.from} – ${b.window.to}) would get a different approval requirement.`);
  const roleDeltas = roleRows(b, h).filter((x) => x.delta !== 0);
  if (roleDeltas.length) headline.push(`Requests: ${roleDeltas.slice(0, 4).map((x) => `${cell(x.role)} ${signed(x.delta)}`).join(', ')}.`);
  const fillMoves = b.allocation.byTier
    .map((t) => ({ tier: t.tier, before: t.simulated.fillRate, after: h.allocation.byTier.find((x) => x.tier === t.tier)?.simulated.fillRate ?? t.simulated.fillRate }))
    .filter((t) => t.before !== t.after);
  if (fillMoves.length) headline.push(`Fill rate: ${fillMoves.map((t) => `${cell(t.tier)} ${pctMove(t.before, t.after).join(' → ')}`).join(', ')}.`);
  if (b.replenishment.proposals !== h.replenishment.proposals) headline.push(`Replenishment proposals ${b.replenishment.proposals} → ${h.replenishment.proposals}.`);
  out.push(headline.join(' '), '', `Rules: ${cell(summarizeDiff(r.rules))}`, '');

  out.push(fold(`Rule changes (${r.rules.documents.length} document${r.rules.documents.length === 1 ? '' : 's'})`, renderSemanticMarkdown(r.rules, { heading: null })));

  const changes: string[] = [];
  if (impact.changed === 0) changes.push('No order changes its approval requirement.');
  else {
    changes.push('| before | after | orders |', '|---|---|---:|');
    for (const t of impact.transitions.slice(0, 30)) changes.push(`| ${cell(t.before)} | ${cell(t.after)} | ${t.orders} |`);
    if (impact.slots.length) {
      changes.push('', '| role | track | orders that now need it | orders that no longer do |', '|---|---|---:|---:|');
      for (const s of impact.slots) changes.push(`| ${cell(s.role)} | ${cell(s.track)} | ${s.added} | ${s.removed} |`);
    }
    changes.push('', `Examples (first ${impact.examples.length} in time order):`, '', '| order | date | before | after | rows after |', '|---|---|---|---|---|');
    for (const e of impact.examples) {
      const name = options.odooUrl ? `[${cell(e.name)}](${options.odooUrl.replace(/\/$/, '')}/web#id=${e.id}&model=sale.order&view_type=form)` : cell(e.name);
      changes.push(`| ${name} | ${e.date} | ${cell(e.before)} | ${cell(e.after)} | ${cell(e.rowsAfter.join(', ') || '—')} |`);
    }
  }
  out.push(fold(`Approval requirement changes (${impact.changed} orders)`, changes.join('\n')));

  const queue = ['| role | requests before | after | Δ | per day before → after | median response h | escalations before → after |', '|---|---:|---:|---:|---|---:|---|'];
  for (const x of roleRows(b, h)) {
    queue.push(`| ${cell(x.role)} | ${x.before?.requests ?? 0} | ${x.after?.requests ?? 0} | ${signed(x.delta)} | ${x.before?.perDayAvg ?? 0} → ${x.after?.perDayAvg ?? 0} | ${x.after?.medianResponseHours ?? x.before?.medianResponseHours ?? 0} | ${x.before?.escalations ?? 0} → ${x.after?.escalations ?? 0} |`);
  }
  const maxOpen = (s: SimulationResult): number => Math.max(0, ...s.approvals.queue.map((q) => q.open));
  const maxAge = (s: SimulationResult): number => Math.max(0, ...s.approvals.queue.map((q) => q.oldestAgeHours));
  queue.push('', `Peak open requests ${maxOpen(b)} → ${maxOpen(h)}; oldest request ${maxAge(b)} → ${maxAge(h)} business hours.`);
  out.push(fold('Approval queue load', queue.join('\n')));

  const fill = ['| tier | fill rate before | after | backorder qty before → after | late lines before → after | actual fill rate |', '|---|---:|---:|---|---|---:|'];
  for (const t of b.allocation.byTier) {
    const a = h.allocation.byTier.find((x) => x.tier === t.tier);
    const [before, after] = pctMove(t.simulated.fillRate, a?.simulated.fillRate ?? t.simulated.fillRate);
    fill.push(`| ${cell(t.tier)} | ${before} | ${a ? after : '—'} | ${t.simulated.backorderQty} → ${a?.simulated.backorderQty ?? '—'} | ${t.simulated.lateLines} → ${a?.simulated.lateLines ?? '—'} | ${pct(t.actual.fillRate)} |`);
  }
  out.push(fold(`Allocation (${cell(b.allocation.policy ?? '—')} → ${cell(h.allocation.policy ?? '—')})`, fill.join('\n')));

  const rb = b.replenishment;
  const rh = h.replenishment;
  out.push(
    fold(
      'Replenishment',
      [
        '| | before | after |',
        '|---|---:|---:|',
        `| proposals | ${rb.proposals} | ${rh.proposals} |`,
        `| RFQs / alerts | ${rb.rfq} / ${rb.alerts} | ${rh.rfq} / ${rh.alerts} |`,
        `| expedites | ${rb.expedites} | ${rh.expedites} |`,
        `| stockout days | ${rb.stockoutDays.simulated} | ${rh.stockoutDays.simulated} |`,
        `| mean inventory value | ${rb.inventoryValue.simulated.toLocaleString('en-US')} | ${rh.inventoryValue.simulated.toLocaleString('en-US')} |`,
      ].join('\n'),
    ),
  );
  const assumptions = [...new Set([...b.assumptions, ...h.assumptions].map((a) => a.message))];
  if (assumptions.length) out.push(fold('Assumptions', assumptions.map((a) => `> - ${cell(a)}`).join('\n')));
  return `${out.join('\n')}\n`;
}

function fold(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body.trimEnd()}\n\n</details>\n`;
}

function roleRows(b: SimulationResult, h: SimulationResult): { role: string; before?: SimulationResult['approvals']['byRole'][number]; after?: SimulationResult['approvals']['byRole'][number]; delta: number }[] {
  const roles = [...new Set([...b.approvals.byRole.map((x) => x.role), ...h.approvals.byRole.map((x) => x.role)])];
  return roles
    .map((role) => {
      const before = b.approvals.byRole.find((x) => x.role === role);
      const after = h.approvals.byRole.find((x) => x.role === role);
      return { role, ...(before ? { before } : {}), ...(after ? { after } : {}), delta: (after?.requests ?? 0) - (before?.requests ?? 0) };
    })
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.role.localeCompare(y.role));
}
