/**
 * `distrule simulate --format html`: one self-contained page that opens offline — inline CSS,
 * inline SVG charts (charts.ts), no script, no font, no image, and a Content-Security-Policy
 * that forbids loading anything. Every chart has a table with its numbers underneath, so the
 * page is accessible and prints completely. All user text is escaped.
 */
import type { SimulationResult } from '../../simulate/result.js';
import { CHART_COLORS, MAX_STOCK_PANELS, dayNumber, fillRateChart, queueChart, rolesChart, stockChart } from './charts.js';
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
  verdict,
  type Verdict,
} from './common.js';
import { escapeHtml as esc } from './escape.js';

export interface HtmlSimulationOptions {
  /** The page title; defaults to "distrule simulate — <window>". */
  title?: string;
}

const C = CHART_COLORS;

const CSS = `
:root{--ink:${C.ink};--muted:${C.muted};--line:#dde2e8;--bg:#f4f6f8;--card:#fff;--sim:${C.simulated};--act:${C.actual};--warn:#8a5a00;--warn-bg:#fff8e8;--warn-line:#e8c36a;--better:${C.better};--worse:${C.worse}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1180px;margin:0 auto;padding:28px 32px 48px}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:26px;font-weight:650;letter-spacing:-.01em}
h1 .days{font-size:16px;font-weight:500;color:var(--muted);margin-left:8px}
h2{font-size:19px;font-weight:650;margin-bottom:4px}
h3{font-size:15px;font-weight:650;margin:26px 0 6px}
p{margin:4px 0 10px}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#eef1f4;border-radius:4px;padding:1px 5px;overflow-wrap:anywhere}
.eyebrow{font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--sim);margin-bottom:4px}
.page-header{padding-bottom:16px;border-bottom:1px solid var(--line);margin-bottom:18px}
.meta{display:flex;flex-wrap:wrap;gap:6px 22px;margin:12px 0 0;padding:0}
.meta div{display:flex;gap:6px;align-items:baseline}
.meta dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.meta dd{margin:0}
.assumptions{background:var(--warn-bg);border:1px solid var(--warn-line);border-left:5px solid #d49b22;border-radius:8px;padding:14px 18px;margin-bottom:18px}
.assumptions h2{font-size:15px;color:var(--warn)}
.assumptions ul{margin:6px 0 0;padding-left:20px}
.assumptions li{margin:3px 0}
.assumptions code{background:#fbecc6}
.assumptions .quality{margin-top:8px;padding-top:8px;border-top:1px dashed var(--warn-line)}
.assumptions.none{background:var(--card);border-color:var(--line);border-left-color:var(--better)}
.assumptions.none h2{color:var(--better)}
.tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px;margin-bottom:18px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px 13px}
.tile .label{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.tile .value{font-size:27px;font-weight:650;line-height:1.2;margin:3px 0 2px;font-variant-numeric:tabular-nums}
.tile .unit{font-size:14px;font-weight:500;color:var(--muted);margin-left:4px}
.tile .sub{font-size:12.5px;color:var(--muted)}
.better{color:var(--better)}
.worse{color:var(--worse)}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:20px 24px 22px;margin-bottom:18px}
.card>p.lead{color:var(--muted)}
figure{margin:8px 0 0}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg.chart text{font-family:inherit}
svg.chart :where(text:not([fill])){fill:var(--ink)}
svg.chart .tick-label{font-size:11.5px}
svg.chart :where(.tick-label:not([fill])){fill:var(--muted)}
svg.chart .legend-label{font-size:12.5px}
svg.chart .axis-title{font-size:11.5px;font-weight:600}
svg.chart .annotation{font-size:11.5px;font-weight:600}
svg.chart .value-label{font-size:12px;font-weight:600;font-variant-numeric:tabular-nums}
svg.chart .value-sub{font-weight:400;fill:var(--muted)}
svg.chart .category-label{font-size:13px;font-weight:600}
svg.chart .delta-label{font-size:12px;font-weight:600}
svg.chart .panel-bg{fill:#fbfcfd;stroke:var(--line)}
svg.chart .panel-title{font-size:13px;font-weight:650}
svg.chart .panel-sub{font-size:11.5px;fill:var(--muted)}
svg.chart .grid{stroke:#e6e9ee;stroke-width:1}
svg.chart .axis,svg.chart .grid.zero{stroke:#9aa5b1;stroke-width:1}
svg.chart .tick{stroke:#9aa5b1}
svg.chart .hover{fill:transparent}
svg.chart .hover:hover{fill:rgba(29,78,137,.06)}
figcaption{font-size:12.5px;color:var(--muted);margin-top:6px}
.no-data{border:1px dashed var(--line);border-radius:8px;padding:26px;text-align:center;color:var(--muted);background:#fafbfc;margin:8px 0}
.table-wrap{overflow-x:auto;margin-top:12px}
.scroll .table-wrap{margin-top:0;overflow:visible}
table.data{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
table.data caption{text-align:left;font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;padding-bottom:4px}
table.data th,table.data td{padding:5px 10px;border-bottom:1px solid #e9ecf0;text-align:left;vertical-align:top}
table.data thead th{font-size:12px;font-weight:600;color:var(--muted);border-bottom:1px solid #cfd6de;background:#f8f9fb;position:sticky;top:0;vertical-align:bottom}
table.data thead th.group{text-align:center;border-bottom:1px solid #dfe4ea;padding-bottom:2px}
table.data tbody th{font-weight:600}
table.data.plain-rows tbody th{font-weight:400}
table.data.nowrap-first tbody th{white-space:nowrap}
table.data td.num,table.data th.num{text-align:right;white-space:nowrap}
table.data tr.total td{font-weight:650;border-top:1px solid #cfd6de}
table.data tbody tr:hover td{background:#f7f9fb}
.scroll{max-height:300px;max-width:640px;overflow:auto;border:1px solid #e9ecf0;border-radius:6px;margin-top:12px}
.cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:28px}
.outcomes{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:10px 0 6px;background:#eef1f4}
.outcomes span{display:block;height:100%}
.keys{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;color:var(--muted)}
.keys b{color:var(--ink);font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
footer{color:var(--muted);font-size:12px;margin-top:24px}
@media (max-width:900px){.tiles{grid-template-columns:repeat(2,minmax(0,1fr))}.cols{grid-template-columns:1fr}main{padding:18px}}
@media print{
  body{background:#fff;font-size:12px}
  main{max-width:none;padding:0}
  .card,.tile,.assumptions{break-inside:avoid-page}
  .card{border-color:#ccd3db;padding:12px 14px;margin-bottom:12px}
  .card.long{break-inside:auto}
  figure,tr{break-inside:avoid}
  h2,h3{break-after:avoid}
  .scroll{max-height:none;overflow:visible;border:0}
  .table-wrap{overflow:visible}
  table.data thead th{position:static}
  .tiles{grid-template-columns:repeat(4,minmax(0,1fr))}
}
`
  .trim()
  .replace(/\n\s*/g, '');

// ---------------------------------------------------------------------------------------------
// Small builders

type Align = 'l' | 'r';
interface Cell {
  html: string;
  cls?: string;
}

type Head = string | { group: string; cols: readonly string[] };

/**
 * A data table; a header may group columns (`Fill rate: sim | actual | diff`) into a two-row
 * head. Cell content is HTML: callers escape user text with `esc` (numbers need nothing).
 */
function dataTable(
  caption: string,
  head: readonly Head[],
  align: readonly Align[],
  rows: readonly (readonly (Cell | string)[])[],
  total?: readonly (Cell | string)[],
  cls = '',
): string {
  const grouped = head.some((h) => typeof h !== 'string');
  let col = 0;
  const top: string[] = [];
  const sub: string[] = [];
  for (const h of head) {
    if (typeof h === 'string') {
      top.push(`<th scope="col"${grouped ? ' rowspan="2"' : ''}${align[col] === 'r' ? ' class="num"' : ''}>${h}</th>`);
      col += 1;
    } else {
      top.push(`<th scope="colgroup" colspan="${h.cols.length}" class="group">${h.group}</th>`);
      for (const c of h.cols) {
        sub.push(`<th scope="col"${align[col] === 'r' ? ' class="num"' : ''}>${c}</th>`);
        col += 1;
      }
    }
  }
  const thead = `<thead><tr>${top.join('')}</tr>${grouped ? `<tr>${sub.join('')}</tr>` : ''}</thead>`;
  const tr = (row: readonly (Cell | string)[], rowCls?: string) =>
    `<tr${rowCls ? ` class="${rowCls}"` : ''}>${row
      .map((c, i) => {
        const cell = typeof c === 'string' ? { html: c } : c;
        const classes = [align[i] === 'r' ? 'num' : '', cell.cls ?? ''].filter(Boolean).join(' ');
        return i === 0 ? `<th scope="row"${classes ? ` class="${classes}"` : ''}>${cell.html}</th>` : `<td${classes ? ` class="${classes}"` : ''}>${cell.html}</td>`;
      })
      .join('')}</tr>`;
  return `<div class="table-wrap"><table class="data${cls ? ` ${cls}` : ''}"><caption>${caption}</caption>${thead}<tbody>${rows.map((r) => tr(r)).join('')}${total ? tr(total, 'total') : ''}</tbody></table></div>`;
}

function verdictClass(v: Verdict): string | undefined {
  return v === 'same' ? undefined : v;
}

function noData(message: string): string {
  return `<p class="no-data" role="note">${esc(message)}</p>`;
}

function figure(chart: string | null, empty: string, caption: string): string {
  return chart === null ? noData(empty) : `<figure>${chart}<figcaption>${caption}</figcaption></figure>`;
}

function tile(label: string, value: string, sub: string, unit = ''): string {
  return `<div class="tile"><div class="label">${label}</div><div class="value">${value}${unit ? `<span class="unit">${unit}</span>` : ''}</div><div class="sub">${sub}</div></div>`;
}

function longDate(iso: string): string {
  const d = dayNumber(iso);
  if (d === null) return esc(iso);
  const dt = new Date(d * 86_400_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${dt.getUTCDate()} ${months[dt.getUTCMonth()]} ${dt.getUTCFullYear()}`;
}

function diffSpan(text: string, v: Verdict): string {
  const cls = verdictClass(v);
  return cls ? `<span class="${cls}">${esc(text)}</span>` : esc(text);
}

// ---------------------------------------------------------------------------------------------
// Sections

function header(r: SimulationResult): string {
  const matrices = r.rules.matrices.length ? r.rules.matrices.map((m) => `<code>${esc(m)}</code>`).join(' ') : 'none';
  const item = (dt: string, dd: string) => `<div><dt>${dt}</dt><dd>${dd}</dd></div>`;
  return (
    `<header class="page-header"><div class="eyebrow">distrule simulate</div>` +
    `<h1>${longDate(r.window.from)} – ${longDate(r.window.to)}<span class="days">${esc(plural(r.window.days, 'day'))}</span></h1>` +
    `<dl class="meta">` +
    item('Rules revision', `<code>${esc(r.rules.revision)}</code>`) +
    item('Window', `${esc(r.window.from)} → ${esc(r.window.to)}`) +
    item('Snapshot', `<code>${esc(r.snapshot.path)}</code> · Odoo ${esc(r.snapshot.odooVersion)} · ${esc(r.snapshot.since)} → ${esc(r.snapshot.until)}`) +
    item('Matrices', matrices) +
    item('Allocation', r.rules.allocation ? `<code>${esc(r.rules.allocation)}</code>` : 'none') +
    item('Replenishment', r.rules.replenishment ? `<code>${esc(r.rules.replenishment)}</code>` : 'none') +
    `</dl></header>`
  );
}

function assumptions(r: SimulationResult): string {
  const quality = dataQualityNotes(r);
  if (r.assumptions.length === 0 && quality.length === 0) {
    return `<section class="assumptions none" aria-labelledby="assumptions-h"><h2 id="assumptions-h">No assumptions</h2><p>Every figure below comes straight from the snapshot's history; nothing had to be modelled or defaulted.</p></section>`;
  }
  const items = r.assumptions.map((a) => `<li><code>${esc(a.code)}</code> ${esc(a.message)}</li>`).join('');
  return (
    `<section class="assumptions" aria-labelledby="assumptions-h"><h2 id="assumptions-h">⚠ Assumptions (${r.assumptions.length})</h2>` +
    `<p>The figures below depend on ${r.assumptions.length === 1 ? 'this assumption' : 'these assumptions'}; read them before trusting a difference.</p>` +
    (items ? `<ul>${items}</ul>` : '') +
    (quality.length ? `<div class="quality"><strong>Data quality:</strong><ul>${quality.map((q) => `<li>${esc(q)}</li>`).join('')}</ul></div>` : '') +
    `</section>`
  );
}

function tiles(r: SimulationResult): string {
  const a = r.approvals;
  const peaks = queuePeaks(a.queue);
  const fill = overallFill(r.allocation.byTier);
  const so = r.replenishment.stockoutDays;
  const iv = r.replenishment.inventoryValue;
  const topEscalation = a.escalations.reduce<(typeof a.escalations)[number] | null>((best, e) => (!best || e.count > best.count ? e : best), null);
  const fillVerdict = fill.simulated !== null && fill.actual !== null ? verdict(fill.simulated, fill.actual, true, 5e-4) : 'same';
  const out = [
    tile('Orders replayed', fmtInt(r.counts.orders), esc(`${plural(r.counts.lines, 'line')} · ${fmtInt(r.counts.skippedOrders)} skipped`)),
    tile(
      'Need approval',
      fmtInt(a.requiring),
      esc(`${fmtPct(share(a.requiring, a.orders))} of orders · ${fmtInt(a.denied)} denied · ${fmtInt(a.uncertain)} uncertain`),
    ),
    tile(
      'Peak approval queue',
      peaks.open ? fmtInt(peaks.open.open) : NO_VALUE,
      peaks.open && peaks.oldest ? esc(`on ${peaks.open.date} · oldest ${fmtHours(peaks.oldest.oldestAgeHours)}`) : 'no queue data',
      peaks.open ? 'open' : '',
    ),
    tile('Escalation steps', fmtInt(totalEscalations(r)), esc(topEscalation ? `most: ${topEscalation.policy} #${topEscalation.step} ${topEscalation.action} after ${topEscalation.after} (${fmtInt(topEscalation.count)})` : 'none taken')),
    tile(
      'Fill rate, all tiers',
      fmtPct(fill.simulated),
      fill.simulated !== null && fill.actual !== null ? `vs ${esc(fmtPct(fill.actual))} actual · ${diffSpan(fmtPp(fill.simulated - fill.actual), fillVerdict)}` : 'nothing ordered',
    ),
    tile('Stockout days', fmtInt(so.simulated), `vs ${esc(fmtInt(so.actual))} actual · ${diffSpan(fmtSigned(so.simulated - so.actual), verdict(so.simulated, so.actual, false))}`),
    tile('Mean inventory value', fmtInt(iv.simulated), `vs ${esc(fmtInt(iv.actual))} actual · ${diffSpan(fmtRelative(iv.simulated, iv.actual), verdict(iv.simulated, iv.actual, false, 0.5))}`),
    tile(
      'Replenishment proposals',
      fmtInt(r.replenishment.proposals),
      esc(`${fmtInt(r.replenishment.rfq)} RFQ · ${plural(r.replenishment.alerts, 'alert')} · ${plural(r.replenishment.expedites, 'expedite')}`),
    ),
  ];
  return `<section class="tiles" aria-label="Key figures">${out.join('')}</section>`;
}

function approvals(r: SimulationResult): string {
  const a = r.approvals;
  const parts: string[] = [`<section class="card long" id="approvals" aria-labelledby="approvals-h"><h2 id="approvals-h">Approvals</h2>`];
  parts.push(`<p class="lead">${esc(`${plural(a.orders, 'order')} evaluated against ${plural(r.rules.matrices.length, 'matrix', 'matrices')}; ${RESPONSE_SOURCE[a.responseSource]}. Response times are business hours.`)}</p>`);

  const outcomes = [
    { key: 'requiring approval', n: a.requiring, color: C.simulated },
    { key: 'denied', n: a.denied, color: C.worse },
    { key: 'allowed', n: a.allowed, color: '#c9d3de' },
  ];
  const total = outcomes.reduce((x, o) => x + o.n, 0);
  if (total > 0) {
    parts.push(
      `<div class="outcomes" role="img" aria-label="${esc(outcomes.map((o) => `${o.key} ${fmtInt(o.n)}`).join(', '))}">${outcomes
        .map((o) => `<span style="width:${((o.n / total) * 100).toFixed(3)}%;background:${o.color}"></span>`)
        .join('')}</div>`,
    );
  }
  parts.push(
    `<div class="keys">${outcomes
      .map((o) => `<span><i class="swatch" style="background:${o.color}"></i>${esc(o.key)} <b>${fmtInt(o.n)}</b> (${esc(fmtPct(share(o.n, a.orders)))})</span>`)
      .join('')}<span>uncertain, fired on a missing fact (fail closed) <b>${fmtInt(a.uncertain)}</b></span></div>`,
  );

  // (a) queue
  const peaks = queuePeaks(a.queue);
  parts.push(`<h3>Approval queue</h3>`);
  parts.push(
    figure(
      queueChart(a.queue),
      'No approval queue data: no request was open during the window.',
      peaks.open && peaks.oldest
        ? esc(`Open requests at the end of each day. Peak ${fmtInt(peaks.open.open)} on ${peaks.open.date}, mean ${fmtNum(peaks.meanOpen, 1)}; the oldest open request reached ${fmtHours(peaks.oldest.oldestAgeHours)} on ${peaks.oldest.date}.`)
        : '',
    ),
  );
  if (a.queue.length) {
    parts.push(
      `<div class="scroll">${dataTable(
        'Daily queue',
        ['Date', 'Open requests', 'Oldest open request (business h)'],
        ['l', 'r', 'r'],
        a.queue.map((q) => [esc(q.date), fmtInt(q.open), esc(fmtNum(q.oldestAgeHours, 1))]),
        undefined,
        'plain-rows',
      )}</div>`,
    );
  }

  // (d) roles
  const roles = rolesByLoad(a.byRole);
  parts.push(`<h3>Requests per role</h3>`);
  parts.push(figure(rolesChart(roles), 'No data: no approval request was raised in the window.', 'Approval requests each role received over the window, busiest first, with the escalations each role caused.'));
  if (roles.length) {
    parts.push(
      dataTable(
        'Load per role',
        ['Role', 'Requests', { group: 'Per day', cols: ['Average', 'Max'] }, { group: 'Response (business h)', cols: ['Median', 'p90'] }, 'Escalations'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        roles.map((x) => [esc(x.role), fmtInt(x.requests), esc(fmtNum(x.perDayAvg, 1)), fmtInt(x.perDayMax), esc(fmtHours(x.medianResponseHours)), esc(fmtHours(x.p90ResponseHours)), fmtInt(x.escalations)]),
      ),
    );
  }

  const esc1 = a.escalations.length
    ? dataTable(
        `Escalation steps taken (${fmtInt(totalEscalations(r))})`,
        ['Policy', 'Step', 'Action', 'After', 'Count'],
        ['l', 'r', 'l', 'l', 'r'],
        a.escalations.map((e) => [`<code>${esc(e.policy)}</code>`, fmtInt(e.step), esc(e.action), esc(e.after), fmtInt(e.count)]),
      )
    : noData('No escalation step was taken.');
  const rows = a.byRow.length
    ? dataTable(
        'Rows fired',
        ['Matrix', 'Row', 'Fired'],
        ['l', 'l', 'r'],
        [...a.byRow].sort((x, y) => y.fired - x.fired).map((b) => [`<code>${esc(b.matrix)}</code>`, `<code>${esc(b.row)}</code>`, fmtInt(b.fired)]),
      )
    : noData('No matrix row fired.');
  parts.push(`<h3>Escalations and rows</h3><div class="cols"><div>${esc1}</div><div>${rows}</div></div>`);
  parts.push(`</section>`);
  return parts.join('');
}

function allocation(r: SimulationResult): string {
  const al = r.allocation;
  const parts: string[] = [`<section class="card" id="allocation" aria-labelledby="allocation-h"><h2 id="allocation-h">Allocation</h2>`];
  parts.push(
    `<p class="lead">Policy ${al.policy ? `<code>${esc(al.policy)}</code>` : 'none'} · ${esc(plural(al.shortageEvents, 'shortage event'))}. Fill rate is the share of ordered quantity delivered by the promised date.</p>`,
  );
  parts.push(`<h3>Fill rate per tier</h3>`);
  parts.push(figure(fillRateChart(al.byTier), 'No data: no order line fell in the window.', 'Simulated (these rules) next to actual (history) per customer tier; the difference in percentage points under each tier.'));
  if (al.byTier.length) {
    const all = overallFill(al.byTier);
    const sum = (k: 'simulated' | 'actual', f: 'backorderQty' | 'lateLines') => al.byTier.reduce((x, t) => x + t[k][f], 0);
    const ppCell = (sim: number | null, act: number | null): Cell =>
      sim === null || act === null ? { html: NO_VALUE } : { html: esc(fmtPp(sim - act)), cls: verdictClass(verdict(sim, act, true, 5e-4)) ?? '' };
    parts.push(
      dataTable(
        'Fill rate, backorders and late lines per tier',
        [
          'Tier',
          'Ordered qty',
          'Lines',
          { group: 'Fill rate', cols: ['Simulated', 'Actual', 'Difference'] },
          { group: 'Backorder qty', cols: ['Simulated', 'Actual'] },
          { group: 'Late lines', cols: ['Simulated', 'Actual'] },
          { group: 'Avg days late', cols: ['Simulated', 'Actual'] },
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        al.byTier.map((t) => [
          esc(t.tier),
          fmtInt(t.orderedQty),
          fmtInt(t.lines),
          esc(fmtPct(t.simulated.fillRate)),
          esc(fmtPct(t.actual.fillRate)),
          ppCell(t.simulated.fillRate, t.actual.fillRate),
          fmtInt(t.simulated.backorderQty),
          fmtInt(t.actual.backorderQty),
          fmtInt(t.simulated.lateLines),
          fmtInt(t.actual.lateLines),
          esc(fmtNum(t.simulated.avgLateDays, 1)),
          esc(fmtNum(t.actual.avgLateDays, 1)),
        ]),
        al.byTier.length > 1
          ? [
              'All tiers',
              fmtInt(all.orderedQty),
              fmtInt(all.lines),
              esc(fmtPct(all.simulated)),
              esc(fmtPct(all.actual)),
              ppCell(all.simulated, all.actual),
              fmtInt(sum('simulated', 'backorderQty')),
              fmtInt(sum('actual', 'backorderQty')),
              fmtInt(sum('simulated', 'lateLines')),
              fmtInt(sum('actual', 'lateLines')),
              '',
              '',
            ]
          : undefined,
        'nowrap-first',
      ),
    );
  }
  parts.push(`</section>`);
  return parts.join('');
}

function replenishment(r: SimulationResult): string {
  const rp = r.replenishment;
  const so = rp.stockoutDays;
  const iv = rp.inventoryValue;
  const parts: string[] = [`<section class="card long" id="replenishment" aria-labelledby="replenishment-h"><h2 id="replenishment-h">Replenishment</h2>`];
  parts.push(
    `<p class="lead">Policy ${rp.policy ? `<code>${esc(rp.policy)}</code>` : 'none'} · ${esc(
      `${plural(rp.proposals, 'proposal')} (${fmtInt(rp.rfq)} draft RFQ, ${plural(rp.alerts, 'alert')}) · ${plural(rp.expedites, 'expedite')}`,
    )}.</p>`,
  );
  parts.push(
    dataTable(
      'Simulated vs actual',
      ['', 'Simulated', 'Actual', 'Difference', 'Change'],
      ['l', 'r', 'r', 'r', 'r'],
      [
        ['Stockout days', fmtInt(so.simulated), fmtInt(so.actual), { html: esc(fmtSigned(so.simulated - so.actual)), cls: verdictClass(verdict(so.simulated, so.actual, false)) ?? '' }, esc(fmtRelative(so.simulated, so.actual))],
        [
          'Mean inventory value (cost)',
          fmtInt(iv.simulated),
          fmtInt(iv.actual),
          { html: esc(fmtSigned(iv.simulated - iv.actual)), cls: verdictClass(verdict(iv.simulated, iv.actual, false, 0.5)) ?? '' },
          esc(fmtRelative(iv.simulated, iv.actual)),
        ],
      ],
    ),
  );
  parts.push(`<h3>Stock over time, most affected products</h3>`);
  const more = rp.products.length > MAX_STOCK_PANELS ? ` The chart shows the first ${MAX_STOCK_PANELS} of ${rp.products.length}; the table lists all.` : '';
  parts.push(
    figure(
      stockChart(rp.products),
      'No data: no product stock series in the result (no replenishment policy, or no product was affected).',
      `On-hand quantity per day, simulated (solid) and actual (dashed). Shaded columns are stockout days: red when simulated, hatched grey when actual. Each panel has its own scale.${more}`,
    ),
  );
  if (rp.products.length) {
    parts.push(
      dataTable(
        'Most affected products',
        [
          'Product',
          'Warehouse',
          { group: 'Stockout days', cols: ['Simulated', 'Actual', 'Difference'] },
          'Proposals',
          { group: 'Lowest stock', cols: ['Simulated', 'Actual'] },
          { group: 'Stock at end', cols: ['Simulated', 'Actual'] },
        ],
        ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        rp.products.map((p) => {
          const last = p.series[p.series.length - 1];
          const min = (k: 'simulated' | 'actual') => (p.series.length ? Math.min(...p.series.map((s) => s[k])) : Number.NaN);
          return [
            esc(p.product),
            esc(p.warehouse),
            fmtInt(p.simulatedStockoutDays),
            fmtInt(p.actualStockoutDays),
            { html: esc(fmtSigned(p.simulatedStockoutDays - p.actualStockoutDays)), cls: verdictClass(verdict(p.simulatedStockoutDays, p.actualStockoutDays, false)) ?? '' },
            fmtInt(p.proposals),
            esc(fmtNum(min('simulated'))),
            esc(fmtNum(min('actual'))),
            esc(fmtNum(last?.simulated)),
            esc(fmtNum(last?.actual)),
          ];
        }),
      ),
    );
  }
  parts.push(`</section>`);
  return parts.join('');
}

export function formatSimulationHtml(result: SimulationResult, options: HtmlSimulationOptions = {}): string {
  const title = options.title ?? `distrule simulate — ${result.window.from} to ${result.window.to}`;
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return (
    [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="generator" content="distrule">',
      `<title>${esc(title)}</title>`,
      `<style>${CSS}</style>`,
      '</head>',
      '<body>',
      '<main>',
      header(result),
      assumptions(result),
      tiles(result),
      approvals(result),
      allocation(result),
      replenishment(result),
      `<footer>Generated by distrule from rules revision <code>${esc(result.rules.revision)}</code>. Numbers are the simulation result's (<code>--format json</code> has them all); nothing on this page is loaded from the network.</footer>`,
      '</main>',
      '</body>',
      '</html>',
    ].join('\n') + '\n'
  );
}
