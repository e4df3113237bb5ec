/**
 * `distrule simulate --format markdown`: the text report's content as GitHub-flavoured
 * markdown (a PR comment, a wiki page). Assumptions are a blockquote list right under the
 * title; every table has one header, one alignment row and equal cell counts. The daily queue
 * sits in a collapsed `<details>` block so the comment stays short.
 */
import type { SimulationResult } from '../../simulate/result.js';
import {
  NO_VALUE,
  RESPONSE_SOURCE,
  dataQualityNotes,
  fmtHours,
  fmtInt,
  fmtNum,
  fmtPct,
  fmtPp,
  fmtRelative,
  fmtSigned,
  overallFill,
  plural,
  queuePeaks,
  rolesByLoad,
  share,
  totalEscalations,
} from './common.js';

export interface MarkdownSimulationOptions {
  /** Level of the report's title (1–4); sections are one level below. Default 2. */
  headingLevel?: number;
  /** Include the daily queue table (collapsed). Default true. */
  dailyQueue?: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Escapes user text for inline markdown (also inside a table cell): no formatting, links, HTML or cell breaks. */
export function mdText(text: string): string {
  return text
    .replace(CONTROL_RE, '')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '&' ? '&amp;' : `\\${ch}`));
}

/**
 * User text as inline code (an identifier such as a rule name): backticks cannot end it. Text
 * with a pipe or a backslash is escaped plain text instead, because inside a table a code span
 * cannot hold `\|` reliably (a backslash before it would turn the pipe into a cell break).
 */
export function mdCode(text: string): string {
  const clean = text.replace(CONTROL_RE, '').replace(/\r\n?|\n/g, ' ');
  if (/[|\\]/.test(clean) || clean.trim() === '') return mdText(clean);
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

type Align = 'l' | 'r';

export function mdTable(header: readonly string[], align: readonly Align[], rows: readonly (readonly string[])[]): string[] {
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : ':---'));
  const line = (cells: readonly string[]) => `| ${header.map((_, i) => cells[i] ?? '').join(' | ')} |`;
  return [line(header), `|${sep.join('|')}|`, ...rows.map(line)];
}

export function formatSimulationMarkdown(result: SimulationResult, options: MarkdownSimulationOptions = {}): string {
  const level = Math.min(4, Math.max(1, Math.trunc(options.headingLevel ?? 2)));
  const h = (depth: number, text: string) => `${'#'.repeat(level + depth)} ${text}`;
  const { window: w, snapshot: s, counts: n, approvals: a, allocation: al, replenishment: rp } = result;
  const out: string[] = [];

  out.push(h(0, `Simulation ${mdText(w.from)} → ${mdText(w.to)} (${plural(w.days, 'day')})`), '');
  out.push(
    `Rules ${mdCode(result.rules.revision)} · snapshot ${mdCode(s.path)} (Odoo ${mdText(s.odooVersion)}, ${mdText(s.since)} → ${mdText(s.until)}) · ` +
      `matrices ${result.rules.matrices.length ? result.rules.matrices.map(mdCode).join(', ') : 'none'} · ` +
      `allocation ${result.rules.allocation ? mdCode(result.rules.allocation) : 'none'} · ` +
      `replenishment ${result.rules.replenishment ? mdCode(result.rules.replenishment) : 'none'}`,
    '',
  );

  // Assumptions (and data-quality notes) as a blockquote list.
  const quality = dataQualityNotes(result);
  if (result.assumptions.length || quality.length) {
    out.push(`> **Assumptions (${result.assumptions.length})** — the figures below depend on them:`, '>');
    for (const as of result.assumptions) out.push(`> - ${mdCode(as.code)} — ${mdText(as.message)}`);
    for (const q of quality) out.push(`> - **data:** ${mdText(q)}`);
  } else {
    out.push('> **Assumptions:** none.');
  }
  out.push('');

  out.push(
    ...mdTable(
      ['orders', 'lines', 'receipts', 'deliveries', 'purchases', 'activities', 'skipped orders', 'bad snapshot lines'],
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      [[n.orders, n.lines, n.receipts, n.deliveries, n.purchases, n.activities, n.skippedOrders, n.badLines].map(fmtInt)],
    ),
    '',
  );

  // Approvals.
  out.push(h(1, 'Approvals'), '');
  out.push(`${plural(a.orders, 'order')} evaluated; ${RESPONSE_SOURCE[a.responseSource]}.`, '');
  out.push(
    ...mdTable(
      ['outcome', 'orders', 'share'],
      ['l', 'r', 'r'],
      [
        ['requiring approval', fmtInt(a.requiring), fmtPct(share(a.requiring, a.orders))],
        ['denied', fmtInt(a.denied), fmtPct(share(a.denied, a.orders))],
        ['allowed', fmtInt(a.allowed), fmtPct(share(a.allowed, a.orders))],
        ['uncertain (a row fired on a missing fact; fail closed)', fmtInt(a.uncertain), fmtPct(share(a.uncertain, a.orders))],
      ],
    ),
    '',
  );
  out.push(h(2, 'Load per role'), '');
  if (a.byRole.length) {
    out.push(
      ...mdTable(
        ['role', 'requests', 'per day avg', 'per day max', 'median response', 'p90 response', 'escalations'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        rolesByLoad(a.byRole).map((r) => [
          mdCode(r.role),
          fmtInt(r.requests),
          fmtNum(r.perDayAvg, 1),
          fmtInt(r.perDayMax),
          fmtHours(r.medianResponseHours),
          fmtHours(r.p90ResponseHours),
          fmtInt(r.escalations),
        ]),
      ),
      '',
      '_Response times are business hours from request to decision._',
      '',
    );
  } else {
    out.push('_No approval requests in the window._', '');
  }

  const peaks = queuePeaks(a.queue);
  out.push(h(2, 'Queue'), '');
  if (peaks.open && peaks.oldest) {
    out.push(
      `Peak **${fmtInt(peaks.open.open)}** open requests on ${mdText(peaks.open.date)} (mean ${fmtNum(peaks.meanOpen, 1)} per day); ` +
        `the oldest open request reached **${fmtHours(peaks.oldest.oldestAgeHours)}** (business) on ${mdText(peaks.oldest.date)}.`,
      '',
    );
    if (options.dailyQueue ?? true) {
      out.push(
        `<details><summary>Daily queue (${plural(a.queue.length, 'day')})</summary>`,
        '',
        ...mdTable(
          ['date', 'open', 'oldest (business h)'],
          ['l', 'r', 'r'],
          a.queue.map((q) => [mdText(q.date), fmtInt(q.open), fmtNum(q.oldestAgeHours, 1)]),
        ),
        '',
        '</details>',
        '',
      );
    }
  } else {
    out.push('_No queue data._', '');
  }

  if (a.escalations.length) {
    out.push(h(2, `Escalations (${fmtInt(totalEscalations(result))} steps taken)`), '');
    out.push(
      ...mdTable(
        ['policy', 'step', 'action', 'after', 'count'],
        ['l', 'r', 'l', 'l', 'r'],
        a.escalations.map((e) => [mdCode(e.policy), fmtInt(e.step), mdText(e.action), mdText(e.after), fmtInt(e.count)]),
      ),
      '',
    );
  }
  if (a.byRow.length) {
    out.push(h(2, 'Rows fired'), '');
    out.push(
      ...mdTable(
        ['matrix', 'row', 'fired'],
        ['l', 'l', 'r'],
        [...a.byRow].sort((x, y) => y.fired - x.fired).map((r) => [mdCode(r.matrix), mdCode(r.row), fmtInt(r.fired)]),
      ),
      '',
    );
  }

  // Allocation.
  out.push(h(1, 'Allocation'), '');
  out.push(`Policy ${al.policy ? mdCode(al.policy) : '_none_'} · ${plural(al.shortageEvents, 'shortage event')}.`, '');
  if (al.byTier.length) {
    const all = overallFill(al.byTier);
    const sum = (k: 'simulated' | 'actual', f: 'backorderQty' | 'lateLines') => al.byTier.reduce((x, t) => x + t[k][f], 0);
    const rows = al.byTier.map((t) => [
      mdText(t.tier),
      fmtInt(t.orderedQty),
      fmtInt(t.lines),
      fmtPct(t.simulated.fillRate),
      fmtPct(t.actual.fillRate),
      fmtPp(t.simulated.fillRate - t.actual.fillRate),
      fmtInt(t.simulated.backorderQty),
      fmtInt(t.actual.backorderQty),
      `${fmtInt(t.simulated.lateLines)} / ${fmtInt(t.actual.lateLines)}`,
      `${fmtNum(t.simulated.avgLateDays, 1)} / ${fmtNum(t.actual.avgLateDays, 1)}`,
    ]);
    if (al.byTier.length > 1) {
      rows.push([
        '**all tiers**',
        fmtInt(all.orderedQty),
        fmtInt(all.lines),
        fmtPct(all.simulated),
        fmtPct(all.actual),
        all.simulated !== null && all.actual !== null ? fmtPp(all.simulated - all.actual) : NO_VALUE,
        fmtInt(sum('simulated', 'backorderQty')),
        fmtInt(sum('actual', 'backorderQty')),
        `${fmtInt(sum('simulated', 'lateLines'))} / ${fmtInt(sum('actual', 'lateLines'))}`,
        '',
      ]);
    }
    out.push(
      ...mdTable(
        ['tier', 'ordered qty', 'lines', 'fill rate sim', 'fill rate actual', 'difference', 'backorder sim', 'backorder actual', 'late lines sim / actual', 'avg days late sim / actual'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        rows,
      ),
      '',
    );
  } else {
    out.push('_No order lines to allocate._', '');
  }

  // Replenishment.
  out.push(h(1, 'Replenishment'), '');
  out.push(
    `Policy ${rp.policy ? mdCode(rp.policy) : '_none_'} · ${plural(rp.proposals, 'proposal')} (${fmtInt(rp.rfq)} RFQ, ${plural(rp.alerts, 'alert')}) · ${plural(rp.expedites, 'expedite')}.`,
    '',
  );
  const so = rp.stockoutDays;
  const iv = rp.inventoryValue;
  out.push(
    ...mdTable(
      ['', 'simulated', 'actual', 'difference'],
      ['l', 'r', 'r', 'r'],
      [
        ['stockout days', fmtInt(so.simulated), fmtInt(so.actual), fmtSigned(so.simulated - so.actual)],
        ['inventory value (mean, cost)', fmtInt(iv.simulated), fmtInt(iv.actual), `${fmtSigned(iv.simulated - iv.actual)} (${fmtRelative(iv.simulated, iv.actual)})`],
      ],
    ),
    '',
  );
  if (rp.products.length) {
    out.push(h(2, 'Most affected products'), '');
    out.push(
      ...mdTable(
        ['product', 'warehouse', 'stockout days sim', 'stockout days actual', 'difference', 'proposals'],
        ['l', 'l', 'r', 'r', 'r', 'r'],
        rp.products.map((p) => [
          mdText(p.product),
          mdText(p.warehouse),
          fmtInt(p.simulatedStockoutDays),
          fmtInt(p.actualStockoutDays),
          fmtSigned(p.simulatedStockoutDays - p.actualStockoutDays),
          fmtInt(p.proposals),
        ]),
      ),
      '',
    );
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
