/**
 * `distrule simulate` for a terminal: a compact summary (about 35 lines for a typical run).
 * Assumptions are never hidden: each one gets its own marked line. Long lists are capped (the
 * busiest roles, the first tiers); the json and html reports carry everything.
 */
import type { SimulationResult } from '../../simulate/result.js';
import { palette, terminalSafe, type Paint, type Palette } from '../color.js';
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

export interface TextSimulationOptions {
  /** ANSI colour (the CLI decides from the TTY, NO_COLOR and FORCE_COLOR). Default false. */
  color?: boolean;
  /**
   * Line budget (default 40). Role, tier and product lists are shortened (busiest roles first,
   * never below 3 rows) until the summary fits; assumptions are never cut, so a run with many
   * of them can exceed it.
   */
  maxLines?: number;
  /** At most this many roles in the per-role table (the busiest). Default: as many as fit. */
  maxRoles?: number;
  /** At most this many tiers in the fill-rate table. Default: as many as fit. */
  maxTiers?: number;
}

interface Caps {
  roles: number;
  tiers: number;
  products: number;
}

const MIN_ROWS = 3;

/** Lowers one cap by one row (roles first, then tiers, then products); false when nothing can shrink. */
function shrink(caps: Caps, result: SimulationResult): boolean {
  const roles = Math.min(caps.roles, result.approvals.byRole.length);
  const tiers = Math.min(caps.tiers, result.allocation.byTier.length);
  const products = Math.min(caps.products, result.replenishment.products.length);
  if (roles > MIN_ROWS) caps.roles = roles - 1;
  else if (tiers > MIN_ROWS) caps.tiers = tiers - 1;
  else if (products > 1) caps.products = products - 1;
  else return false;
  return true;
}

type Align = 'l' | 'r';
interface Cell {
  text: string;
  paint?: Paint;
}

/** Lays out rows in columns; widths are measured on the plain text, colour is applied after padding. */
function table(rows: readonly (readonly (Cell | string)[])[], align: readonly Align[], indent = '  ', gap = '  '): string[] {
  const cells = rows.map((row) => row.map((c) => (typeof c === 'string' ? { text: c } : c)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c.text].length)));
  return cells.map((row) =>
    (
      indent +
      row
        .map((c, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - [...c.text].length);
          const padded = align[i] === 'r' ? pad + c.text : c.text + pad;
          return c.paint ? (align[i] === 'r' ? pad + c.paint(c.text) : c.paint(c.text) + pad) : padded;
        })
        .join(gap)
    ).trimEnd(),
  );
}

/** User text for one line of a terminal: control characters made visible, long names cut. */
function clean(text: string, max = 28): string {
  const safe = terminalSafe(text).replace(/\n/g, ' ');
  const chars = [...safe];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : safe;
}

function paintVerdict(c: Palette, v: Verdict): Paint {
  return v === 'better' ? c.green : v === 'worse' ? c.red : (t) => t;
}

export function formatSimulationText(result: SimulationResult, options: TextSimulationOptions = {}): string {
  const budget = options.maxLines ?? 40;
  const caps: Caps = { roles: Math.max(1, options.maxRoles ?? Infinity), tiers: Math.max(1, options.maxTiers ?? Infinity), products: 3 };
  for (;;) {
    const lines = render(result, options.color ?? false, caps);
    if (lines.length <= budget || !shrink(caps, result)) return `${lines.join('\n')}\n`;
  }
}

function render(result: SimulationResult, color: boolean, caps: Caps): string[] {
  const c = palette(color);
  const maxRoles = caps.roles;
  const maxTiers = caps.tiers;
  const out: string[] = [];
  const { window: w, snapshot: s, counts: n, approvals: a, allocation: al, replenishment: rp } = result;

  // Header.
  out.push(
    `${c.bold('distrule simulate')}  ${clean(w.from, 10)} → ${clean(w.to, 10)} (${plural(w.days, 'day')})  rules ${c.cyan(clean(result.rules.revision, 16))}`,
  );
  out.push(c.dim(`snapshot ${clean(s.path, 48)} · Odoo ${clean(s.odooVersion, 12)} · ${clean(s.since, 10)} → ${clean(s.until, 10)}`));
  out.push(
    `replayed ${plural(n.orders, 'order')}, ${plural(n.lines, 'line')}, ${plural(n.receipts, 'receipt')}, ${plural(n.deliveries, 'delivery', 'deliveries')}, ${plural(n.purchases, 'purchase')}, ${plural(n.activities, 'activity', 'activities')}`,
  );
  const quality = dataQualityNotes(result);
  if (quality.length) out.push(c.yellow(`! ${quality.join('; ')}`));

  // Assumptions: all of them, always.
  out.push('');
  if (result.assumptions.length === 0) {
    out.push(`${c.bold('ASSUMPTIONS')}  none`);
  } else {
    out.push(c.bold(`ASSUMPTIONS (${result.assumptions.length})`));
    for (const as of result.assumptions) out.push(`  ${c.yellow('!')} ${c.yellow(clean(as.code, Infinity))}: ${clean(as.message, Infinity)}`);
  }

  // Approvals.
  out.push('');
  const matrices = result.rules.matrices.length ? result.rules.matrices.map((m) => clean(m)).join(', ') : 'no matrices';
  out.push(`${c.bold('APPROVALS')}  ${matrices} · ${RESPONSE_SOURCE[a.responseSource]}`);
  const pctOf = (k: number) => (a.orders > 0 ? ` (${fmtPct(share(k, a.orders))})` : '');
  out.push(
    `  ${plural(a.orders, 'order')}: ${fmtInt(a.requiring)} requiring approval${pctOf(a.requiring)}, ${(a.denied ? c.red : (t: string) => t)(`${fmtInt(a.denied)} denied`)}${pctOf(a.denied)}, ${fmtInt(a.allowed)} allowed${pctOf(a.allowed)}, ${(a.uncertain ? c.yellow : (t: string) => t)(`${fmtInt(a.uncertain)} uncertain (missing facts)`)}`,
  );
  if (a.byRole.length) {
    const roles = rolesByLoad(a.byRole);
    const shown = roles.slice(0, maxRoles);
    const rows: (Cell | string)[][] = [
      ['role', 'requests', '/day avg', '/day max', 'response median', 'p90', 'escalations'].map((h) => ({ text: h, paint: c.dim })),
      ...shown.map((r) => [
        clean(r.role),
        fmtInt(r.requests),
        fmtNum(r.perDayAvg, 1),
        fmtInt(r.perDayMax),
        fmtHours(r.medianResponseHours),
        fmtHours(r.p90ResponseHours),
        r.escalations ? { text: fmtInt(r.escalations), paint: c.yellow } : fmtInt(r.escalations),
      ]),
    ];
    out.push(...table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
    if (roles.length > shown.length) out.push(c.dim(`  … and ${plural(roles.length - shown.length, 'more role')} (see --format json or html)`));
  } else {
    out.push(c.dim('  no approval requests'));
  }
  const peaks = queuePeaks(a.queue);
  if (peaks.open && peaks.oldest) {
    out.push(
      `  queue: peak ${fmtInt(peaks.open.open)} open on ${clean(peaks.open.date, 10)}, mean ${fmtNum(peaks.meanOpen, 1)}; oldest open request ${fmtHours(peaks.oldest.oldestAgeHours)} (business) on ${clean(peaks.oldest.date, 10)}`,
    );
  }
  const esc = totalEscalations(result);
  if (esc > 0) {
    const top = [...a.escalations]
      .sort((x, y) => y.count - x.count)
      .slice(0, 3)
      .map((e) => `${clean(e.policy, 24)} #${e.step} ${clean(e.action, 12)} after ${clean(e.after, 8)}: ${fmtInt(e.count)}`);
    out.push(`  escalation steps taken: ${fmtInt(esc)} (${top.join('; ')}${a.escalations.length > 3 ? '; …' : ''})`);
  }

  // Allocation.
  out.push('');
  out.push(`${c.bold('ALLOCATION')}  ${al.policy ? `policy ${clean(al.policy)}` : 'no allocation policy'} · ${plural(al.shortageEvents, 'shortage event')}`);
  if (al.byTier.length) {
    const tiers = al.byTier.slice(0, maxTiers);
    const all = overallFill(al.byTier);
    const row = (name: string, qty: number, lines: number, sim: number | null, act: number | null, boSim: number | null, boAct: number | null): (Cell | string)[] => {
      const v = sim !== null && act !== null ? verdict(sim, act, true, 5e-4) : 'same';
      return [
        name,
        fmtInt(qty),
        fmtInt(lines),
        fmtPct(sim),
        fmtPct(act),
        { text: sim !== null && act !== null ? fmtPp(sim - act) : NO_VALUE, paint: paintVerdict(c, v) },
        boSim === null || boAct === null ? NO_VALUE : `${fmtInt(boSim)} / ${fmtInt(boAct)}`,
      ];
    };
    const rows: (Cell | string)[][] = [
      ['tier', 'ordered', 'lines', 'fill sim', 'fill actual', 'difference', 'backorder sim / actual'].map((h) => ({ text: h, paint: c.dim })),
      ...tiers.map((t) => row(clean(t.tier, 20), t.orderedQty, t.lines, t.simulated.fillRate, t.actual.fillRate, t.simulated.backorderQty, t.actual.backorderQty)),
    ];
    if (al.byTier.length > 1) {
      const bo = (k: 'simulated' | 'actual') => al.byTier.reduce((sum, t) => sum + t[k].backorderQty, 0);
      rows.push(row('all tiers', all.orderedQty, all.lines, all.simulated, all.actual, bo('simulated'), bo('actual')).map((x) => (typeof x === 'string' ? { text: x, paint: c.bold } : x)));
    }
    out.push(...table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
    if (al.byTier.length > tiers.length) out.push(c.dim(`  … and ${plural(al.byTier.length - tiers.length, 'more tier')} (see --format json or html)`));
  } else {
    out.push(c.dim('  no order lines to allocate'));
  }

  // Replenishment.
  out.push('');
  out.push(
    `${c.bold('REPLENISHMENT')}  ${rp.policy ? `policy ${clean(rp.policy)}` : 'no replenishment policy'} · ${plural(rp.proposals, 'proposal')} (${fmtInt(rp.rfq)} RFQ, ${plural(rp.alerts, 'alert')}), ${(rp.expedites ? c.yellow : (t: string) => t)(plural(rp.expedites, 'expedite'))}`,
  );
  const so = rp.stockoutDays;
  const iv = rp.inventoryValue;
  out.push(
    ...table(
      [
        ['', 'simulated', 'actual', 'difference'].map((h) => ({ text: h, paint: c.dim })),
        ['stockout days', fmtInt(so.simulated), fmtInt(so.actual), { text: fmtSigned(so.simulated - so.actual), paint: paintVerdict(c, verdict(so.simulated, so.actual, false)) }],
        [
          'inventory value (mean)',
          fmtInt(iv.simulated),
          fmtInt(iv.actual),
          { text: `${fmtSigned(iv.simulated - iv.actual)} (${fmtRelative(iv.simulated, iv.actual)})`, paint: paintVerdict(c, verdict(iv.simulated, iv.actual, false, 0.5)) },
        ],
      ],
      ['l', 'r', 'r', 'r'],
    ),
  );
  if (rp.products.length) {
    const top = rp.products.slice(0, caps.products);
    const rows: (Cell | string)[][] = [
      [rp.products.length > top.length ? `most affected products (${top.length} of ${rp.products.length})` : 'most affected products', 'warehouse', 'stockout days sim / actual'].map((h) => ({ text: h, paint: c.dim })),
      ...top.map((p) => [clean(p.product, 40), clean(p.warehouse, 16), `${fmtInt(p.simulatedStockoutDays)} / ${fmtInt(p.actualStockoutDays)}`]),
    ];
    out.push(...table(rows, ['l', 'l', 'r']));
  }
  return out;
}

