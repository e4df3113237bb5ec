/**
 * Inline SVG charts for the html report, hand-made (no chart library, no script): each chart is
 * one `<svg role="img">` with an `aria-label`, a `<title>`, a `<desc>`, a legend and a
 * `data-chart` name. Every piece of user text is escaped. A chart function returns null when
 * there is nothing to draw, and the page says so instead.
 *
 * Coordinates are in a fixed viewBox (1000 units wide) that the page scales to its width.
 */
import type { ProductImpact, QueuePoint, RoleLoad, TierFill } from '../../simulate/result.js';
import { fmtHours, fmtInt, fmtNum, fmtPct, fmtPp } from './common.js';
import { escapeHtml as esc } from './escape.js';

/** The report's palette; the page's CSS uses the same values. */
export const CHART_COLORS = {
  simulated: '#1d4e89',
  actual: '#7f8a99',
  oldest: '#b8641a',
  escalations: '#b8641a',
  stockout: '#c0392b',
  ink: '#1f2933',
  muted: '#5b6675',
  grid: '#e4e8ee',
  axis: '#9aa5b1',
  better: '#1e7a46',
  worse: '#b42318',
} as const;

const C = CHART_COLORS;
const WIDTH = 1000;
const CHAR_W = 6.6; // average advance of a 12px system sans-serif glyph, for layout estimates

/** A coordinate with at most one decimal. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v)}"`)
    .join('');
}

function truncate(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length > Math.max(1, maxChars) ? `${chars.slice(0, Math.max(1, maxChars) - 1).join('')}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Scales and ticks

export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

function niceNumber(x: number): number {
  const exp = Math.floor(Math.log10(x));
  const base = 10 ** exp;
  const f = x / base;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * base;
}

/** Round ticks covering [min, max] with at most about `maxTicks` intervals; integer steps when `integer`. */
export function niceScale(min: number, max: number, maxTicks = 5, integer = false): NiceScale {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 1;
  if (hi <= lo) hi = lo + (integer ? Math.max(1, maxTicks) : 1);
  let step = niceNumber((hi - lo) / Math.max(1, maxTicks));
  if (integer) step = Math.max(1, Math.ceil(step));
  if (integer && step === 2.5) step = 2;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return { min: lo, max: hi, step, ticks };
}

/** Decimals a tick label needs to show `step` exactly (2.5 → 1, 0.25 → 2, 50 → 0). */
function tickDecimals(step: number): number {
  for (let d = 0; d < 4; d++) if (Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-6) return d;
  return 4;
}

/** A second axis with the same number of intervals as `base`, so both share gridlines. */
function alignedScale(base: NiceScale, max: number): NiceScale {
  const intervals = Math.max(1, base.ticks.length - 1);
  const step = niceNumber(Math.max(Number.isFinite(max) ? max : 0, 1) / intervals);
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
  return { min: 0, max: step * intervals, step, ticks };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` date, or null. */
export function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
}

function dateOf(day: number): Date {
  return new Date(day * DAY_MS);
}

function dayLabel(day: number, withYear = false): string {
  const d = dateOf(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${withYear ? ` ${d.getUTCFullYear()}` : ''}`;
}

/** Date ticks between two day numbers: days, weeks (Mondays) or months (first days), at most about `maxTicks`. */
export function dateTicks(first: number, last: number, maxTicks = 8): number[] {
  const span = Math.max(0, last - first);
  for (const step of [1, 2, 7, 14]) {
    if (span / step <= maxTicks) {
      let start = first;
      if (step >= 7) {
        const dow = (dateOf(first).getUTCDay() + 6) % 7; // 0 = Monday
        start = first + ((7 - dow) % 7);
      }
      const out: number[] = [];
      for (let d = start; d <= last; d += step) out.push(d);
      return out;
    }
  }
  for (const months of [1, 2, 3, 6, 12, 24, 60]) {
    const spanMonths = span / 30.44;
    if (spanMonths / months > maxTicks) continue;
    const out: number[] = [];
    const d0 = dateOf(first);
    let y = d0.getUTCFullYear();
    let m = d0.getUTCMonth() + (d0.getUTCDate() === 1 ? 0 : 1);
    m = Math.ceil(m / months) * months;
    for (;;) {
      const day = Math.round(Date.UTC(y, m, 1) / DAY_MS);
      if (day > last) break;
      out.push(day);
      m += months;
    }
    return out;
  }
  return [first, last];
}

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

interface TimeAxis {
  first: number;
  last: number;
  x: (day: number) => number;
}

function timeAxis(days: readonly number[], frame: Frame): TimeAxis {
  let first = Math.min(...days);
  let last = Math.max(...days);
  if (first === last) {
    first -= 1;
    last += 1;
  }
  return { first, last, x: (day) => frame.x0 + ((day - first) / (last - first)) * (frame.x1 - frame.x0) };
}

function linear(scale: NiceScale, frame: Frame): (v: number) => number {
  return (v) => frame.y1 - ((v - scale.min) / (scale.max - scale.min)) * (frame.y1 - frame.y0);
}

function dateAxis(t: TimeAxis, frame: Frame, maxTicks: number): string {
  const ticks = dateTicks(t.first, t.last, maxTicks);
  const yearChanges = dateOf(t.first).getUTCFullYear() !== dateOf(t.last).getUTCFullYear();
  const parts = [`<line class="axis"${attrs({ x1: frame.x0, x2: frame.x1, y1: frame.y1, y2: frame.y1 })}/>`];
  ticks.forEach((d, i) => {
    const x = t.x(d);
    const label = dayLabel(d, yearChanges && (i === 0 || dateOf(d).getUTCMonth() === 0));
    parts.push(`<line class="tick"${attrs({ x1: x, x2: x, y1: frame.y1, y2: frame.y1 + 4 })}/>`);
    parts.push(`<text class="tick-label"${attrs({ x, y: frame.y1 + 17, 'text-anchor': 'middle' })}>${esc(label)}</text>`);
  });
  return `<g class="x-axis">${parts.join('')}</g>`;
}

function valueAxis(scale: NiceScale, y: (v: number) => number, frame: Frame, format: (v: number) => string, side: 'left' | 'right', grid: boolean): string {
  const parts: string[] = [];
  for (const v of scale.ticks) {
    const yy = y(v);
    if (grid) parts.push(`<line class="${v === 0 ? 'grid zero' : 'grid'}"${attrs({ x1: frame.x0, x2: frame.x1, y1: yy, y2: yy })}/>`);
    const x = side === 'left' ? frame.x0 - 8 : frame.x1 + 8;
    parts.push(`<text class="tick-label"${attrs({ x, y: yy + 4, 'text-anchor': side === 'left' ? 'end' : 'start' })}>${esc(format(v))}</text>`);
  }
  return `<g class="y-axis ${side}">${parts.join('')}</g>`;
}

// ---------------------------------------------------------------------------------------------
// Legend and frame

type LegendItem =
  | { kind: 'line'; label: string; color: string; dash?: string }
  | { kind: 'box'; label: string; color: string; opacity?: number }
  | { kind: 'pattern'; label: string; pattern: string };

function legend(items: readonly LegendItem[], x: number, y: number): string {
  let cx = x;
  const parts: string[] = [];
  for (const it of items) {
    if (it.kind === 'line') {
      parts.push(`<line${attrs({ x1: cx, x2: cx + 22, y1: y, y2: y, stroke: it.color, 'stroke-width': 2.5, 'stroke-dasharray': it.dash })}/>`);
    } else if (it.kind === 'box') {
      parts.push(`<rect${attrs({ x: cx + 4, y: y - 6, width: 14, height: 12, rx: 2, fill: it.color, 'fill-opacity': it.opacity })}/>`);
    } else {
      parts.push(`<rect${attrs({ x: cx + 4, y: y - 6, width: 14, height: 12, fill: `url(#${it.pattern})`, stroke: C.axis, 'stroke-width': 0.5 })}/>`);
    }
    parts.push(`<text class="legend-label"${attrs({ x: cx + 28, y: y + 4 })}>${esc(it.label)}</text>`);
    cx += 28 + it.label.length * CHAR_W + 24;
  }
  return `<g class="legend">${parts.join('')}</g>`;
}

function svg(name: string, height: number, label: string, title: string, desc: string, body: string, defs = ''): string {
  const id = `chart-${name}`;
  return (
    `<svg class="chart"${attrs({
      'data-chart': name,
      viewBox: `0 0 ${WIDTH} ${n(height)}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-label': label,
      'aria-describedby': `${id}-desc`,
      preserveAspectRatio: 'xMidYMin meet',
    })}>` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>` +
    (defs ? `<defs>${defs}</defs>` : '') +
    body +
    `</svg>`
  );
}

// ---------------------------------------------------------------------------------------------
// (a) Approval queue over time

export function queueChart(queue: readonly QueuePoint[]): string | null {
  const points = queue
    .map((q, i) => ({ q, day: dayNumber(q.date), i }))
    .filter((p): p is { q: QueuePoint; day: number; i: number } => p.day !== null)
    .sort((a, b) => a.day - b.day || a.i - b.i);
  if (points.length === 0) return null;
  const H = 330;
  const frame: Frame = { x0: 64, x1: WIDTH - 72, y0: 52, y1: H - 40 };
  const t = timeAxis(points.map((p) => p.day), frame);
  const left = niceScale(0, Math.max(...points.map((p) => p.q.open)), 5, true);
  const right = alignedScale(left, Math.max(...points.map((p) => p.q.oldestAgeHours)));
  const yl = linear(left, frame);
  const yr = linear(right, frame);

  const openPts = points.map((p) => `${n(t.x(p.day))},${n(yl(p.q.open))}`);
  const oldestPts = points.map((p) => `${n(t.x(p.day))},${n(yr(p.q.oldestAgeHours))}`);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const area = `M${n(t.x(first.day))},${n(frame.y1)} L${openPts.join(' L')} L${n(t.x(last.day))},${n(frame.y1)} Z`;

  // Hover targets: one invisible column per day with the day's figures as a tooltip.
  const colW = points.length > 1 ? (frame.x1 - frame.x0) / Math.max(1, t.last - t.first) : 20;
  const hovers = points
    .map(
      (p) =>
        `<rect class="hover"${attrs({ x: t.x(p.day) - colW / 2, y: frame.y0, width: colW, height: frame.y1 - frame.y0 })}><title>${esc(
          `${p.q.date}: ${fmtInt(p.q.open)} open, oldest ${fmtHours(p.q.oldestAgeHours)}`,
        )}</title></rect>`,
    )
    .join('');

  const peakOpen = points.reduce((a, b) => (b.q.open > a.q.open ? b : a));
  const peakOld = points.reduce((a, b) => (b.q.oldestAgeHours > a.q.oldestAgeHours ? b : a));
  const peakMarker =
    `<circle${attrs({ cx: t.x(peakOpen.day), cy: yl(peakOpen.q.open), r: 4, fill: C.simulated, stroke: '#fff', 'stroke-width': 1.5 })}/>` +
    `<text class="annotation"${attrs({ x: t.x(peakOpen.day), y: yl(peakOpen.q.open) - 9, 'text-anchor': 'middle', fill: C.simulated })}>${esc(`peak ${fmtInt(peakOpen.q.open)}`)}</text>`;

  const label = `Approval queue from ${first.q.date} to ${last.q.date}: open requests peaked at ${fmtInt(peakOpen.q.open)} on ${peakOpen.q.date}; the oldest open request reached ${fmtHours(peakOld.q.oldestAgeHours)} business hours on ${peakOld.q.date}.`;
  const body = [
    legend(
      [
        { kind: 'line', label: 'Open requests (left axis)', color: C.simulated },
        { kind: 'line', label: 'Age of the oldest open request, business hours (right axis)', color: C.oldest, dash: '6 4' },
      ],
      frame.x0,
      18,
    ),
    valueAxis(left, yl, frame, (v) => fmtInt(v), 'left', true),
    valueAxis(right, yr, frame, (v) => `${fmtNum(v, tickDecimals(right.step))} h`, 'right', false),
    `<text class="axis-title"${attrs({ x: frame.x0 - 8, y: frame.y0 - 14, 'text-anchor': 'end', fill: C.simulated })}>open</text>`,
    `<text class="axis-title"${attrs({ x: frame.x1 + 8, y: frame.y0 - 14, 'text-anchor': 'start', fill: C.oldest })}>oldest</text>`,
    dateAxis(t, frame, 10),
    `<path class="area"${attrs({ d: area, fill: C.simulated, 'fill-opacity': 0.08 })}/>`,
    `<polyline class="series" data-series="open"${attrs({ points: openPts.join(' '), fill: 'none', stroke: C.simulated, 'stroke-width': 2.25, 'stroke-linejoin': 'round' })}/>`,
    `<polyline class="series" data-series="oldest"${attrs({ points: oldestPts.join(' '), fill: 'none', stroke: C.oldest, 'stroke-width': 2, 'stroke-dasharray': '6 4', 'stroke-linejoin': 'round' })}/>`,
    peakMarker,
    `<g class="hovers">${hovers}</g>`,
  ].join('');
  return svg('queue', H, label, 'Approval queue over time', 'Line chart: open approval requests at the end of each day (left axis) and the age of the oldest open request in business hours (right axis).', body);
}

// ---------------------------------------------------------------------------------------------
// (b) Fill rate per tier, simulated vs actual

export function fillRateChart(tiers: readonly TierFill[]): string | null {
  if (tiers.length === 0) return null;
  const H = 320;
  const frame: Frame = { x0: 64, x1: WIDTH - 24, y0: 52, y1: H - 58 };
  const scale: NiceScale = { min: 0, max: 1, step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] };
  const y = linear(scale, frame);
  const groupW = (frame.x1 - frame.x0) / tiers.length;
  const barW = Math.min(64, (groupW * 0.7) / 2);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  const parts: string[] = [
    legend(
      [
        { kind: 'box', label: 'Simulated (these rules)', color: C.simulated },
        { kind: 'box', label: 'Actual (history)', color: C.actual },
      ],
      frame.x0,
      18,
    ),
    valueAxis(scale, y, frame, (v) => `${Math.round(v * 100)}%`, 'left', true),
    `<line class="axis"${attrs({ x1: frame.x0, x2: frame.x1, y1: frame.y1, y2: frame.y1 })}/>`,
  ];
  const maxLabel = Math.floor(groupW / CHAR_W) - 1;
  tiers.forEach((tier, i) => {
    const cx = frame.x0 + groupW * (i + 0.5);
    const series = [
      { key: 'simulated', value: tier.simulated.fillRate, color: C.simulated, x: cx - barW - 2 },
      { key: 'actual', value: tier.actual.fillRate, color: C.actual, x: cx + 2 },
    ];
    for (const s of series) {
      const top = y(clamp(s.value));
      parts.push(
        `<rect class="bar" data-series="${s.key}"${attrs({ 'data-tier': tier.tier, x: s.x, y: top, width: barW, height: frame.y1 - top, fill: s.color, rx: 2 })}><title>${esc(
          `${tier.tier} — ${s.key}: ${fmtPct(s.value)}`,
        )}</title></rect>`,
        `<text class="value-label"${attrs({ x: s.x + barW / 2, y: top - 6, 'text-anchor': 'middle' })}>${esc(fmtPct(s.value))}</text>`,
      );
    }
    const delta = tier.simulated.fillRate - tier.actual.fillRate;
    const deltaColor = Math.abs(delta) < 5e-4 ? C.muted : delta > 0 ? C.better : C.worse;
    parts.push(
      `<text class="category-label"${attrs({ x: cx, y: frame.y1 + 20, 'text-anchor': 'middle' })}>${esc(truncate(tier.tier, maxLabel))}<title>${esc(tier.tier)}</title></text>`,
      `<text class="delta-label"${attrs({ x: cx, y: frame.y1 + 38, 'text-anchor': 'middle', fill: deltaColor })}>${esc(fmtPp(delta))}</text>`,
    );
  });
  const label = `Fill rate per customer tier, simulated vs actual: ${tiers
    .map((t) => `${t.tier} ${fmtPct(t.simulated.fillRate)} simulated, ${fmtPct(t.actual.fillRate)} actual`)
    .join('; ')}.`;
  return svg('fill-rate', H, label, 'Fill rate per tier, simulated vs actual', 'Grouped bar chart: share of ordered quantity delivered on time per customer tier, simulated with these rules and as it actually happened; the difference in percentage points under each tier.', parts.join(''));
}

// ---------------------------------------------------------------------------------------------
// (c) Stock over time, small multiples

/** Consecutive runs of days (by index) where `out` is true, as [firstIndex, lastIndex]. */
function runs(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  flags.forEach((f, i) => {
    if (f && start < 0) start = i;
    if (!f && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, flags.length - 1]);
  return out;
}

/** How many panels the stock chart draws at most (the table lists every product). */
export const MAX_STOCK_PANELS = 12;

export function stockChart(products: readonly ProductImpact[]): string | null {
  const drawn = products.filter((p) => p.series.some((s) => dayNumber(s.date) !== null)).slice(0, MAX_STOCK_PANELS);
  if (drawn.length === 0) return null;
  const cols = Math.min(3, drawn.length);
  const rows = Math.ceil(drawn.length / cols);
  const gap = 20;
  const top = 40;
  const panelW = (WIDTH - gap * (cols - 1)) / cols;
  const panelH = 220;
  const H = top + rows * panelH + (rows - 1) * gap;
  const allDays = drawn.flatMap((p) => p.series.map((s) => dayNumber(s.date)).filter((d): d is number => d !== null));

  const panels = drawn.map((p, i) => {
    const px = (i % cols) * (panelW + gap);
    const py = top + Math.floor(i / cols) * (panelH + gap);
    const frame: Frame = { x0: px + 48, x1: px + panelW - 14, y0: py + 52, y1: py + panelH - 28 };
    const t = timeAxis(allDays, frame);
    const pts = p.series
      .map((s, k) => ({ s, k, day: dayNumber(s.date) }))
      .filter((q): q is { s: ProductImpact['series'][number]; k: number; day: number } => q.day !== null)
      .sort((a, b) => a.day - b.day || a.k - b.k);
    const values = pts.flatMap((q) => [q.s.simulated, q.s.actual]).filter(Number.isFinite);
    const scale = niceScale(Math.min(0, ...values), Math.max(1, ...values), 4, values.every(Number.isInteger));
    const y = linear(scale, frame);
    const dayW = (frame.x1 - frame.x0) / Math.max(1, t.last - t.first);
    const band = (flags: boolean[], cls: string, fill: string, opacity?: number) =>
      runs(flags)
        .map(([a, b]) => {
          const x0 = Math.max(frame.x0, t.x(pts[a]!.day) - dayW / 2);
          const x1 = Math.min(frame.x1, t.x(pts[b]!.day) + dayW / 2);
          const tip = a === b ? pts[a]!.s.date : `${pts[a]!.s.date} – ${pts[b]!.s.date}`;
          return `<rect class="${cls}"${attrs({ x: x0, y: frame.y0, width: Math.max(1, x1 - x0), height: frame.y1 - frame.y0, fill, 'fill-opacity': opacity })}><title>${esc(`${cls === 'stockout-sim' ? 'Simulated' : 'Actual'} stockout: ${tip}`)}</title></rect>`;
        })
        .join('');
    const line = (key: 'simulated' | 'actual') => pts.map((q) => `${n(t.x(q.day))},${n(y(q.s[key]))}`).join(' ');
    const titleChars = Math.floor((panelW - 24) / 7.8); // 13px bold
    return (
      `<g class="panel"${attrs({ 'data-panel': i, 'data-product': p.product })}>` +
      `<rect class="panel-bg"${attrs({ x: px + 0.5, y: py + 0.5, width: panelW - 1, height: panelH - 1, rx: 6 })}/>` +
      `<text class="panel-title"${attrs({ x: px + 12, y: py + 20 })}>${esc(truncate(p.product, titleChars))}<title>${esc(p.product)}</title></text>` +
      `<text class="panel-sub"${attrs({ x: px + 12, y: py + 37 })}>${esc(truncate(`${p.warehouse} · stockout days ${fmtInt(p.simulatedStockoutDays)} sim / ${fmtInt(p.actualStockoutDays)} actual`, Math.floor((panelW - 24) / 6.4)))}</text>` +
      band(pts.map((q) => q.s.actual <= 0), 'stockout-actual', `url(#stock-hatch)`) +
      band(pts.map((q) => q.s.simulated <= 0), 'stockout-sim', C.stockout, 0.16) +
      valueAxis(scale, y, frame, (v) => fmtNum(v, tickDecimals(scale.step)), 'left', true) +
      dateAxis(t, frame, 5) +
      `<polyline class="series" data-series="actual"${attrs({ points: line('actual'), fill: 'none', stroke: C.actual, 'stroke-width': 1.75, 'stroke-dasharray': '5 3', 'stroke-linejoin': 'round' })}/>` +
      `<polyline class="series" data-series="simulated"${attrs({ points: line('simulated'), fill: 'none', stroke: C.simulated, 'stroke-width': 2, 'stroke-linejoin': 'round' })}/>` +
      `</g>`
    );
  });
  const defs = `<pattern id="stock-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${C.actual}" fill-opacity="0.10"/><line x1="0" y1="0" x2="0" y2="6" stroke="${C.actual}" stroke-width="2" stroke-opacity="0.55"/></pattern>`;
  const body =
    legend(
      [
        { kind: 'line', label: 'Simulated stock', color: C.simulated },
        { kind: 'line', label: 'Actual stock', color: C.actual, dash: '5 3' },
        { kind: 'box', label: 'Simulated stockout', color: C.stockout, opacity: 0.22 },
        { kind: 'pattern', label: 'Actual stockout', pattern: 'stock-hatch' },
      ],
      8,
      16,
    ) + panels.join('');
  const label = `Stock over time for the ${drawn.length} most affected products, simulated vs actual: ${drawn
    .map((p) => `${p.product} (${p.warehouse}) ${fmtInt(p.simulatedStockoutDays)} stockout days simulated, ${fmtInt(p.actualStockoutDays)} actual`)
    .join('; ')}.`;
  return svg('stock', H, label, 'Stock over time, most affected products', 'Small multiples: one line chart per product with simulated and actual on-hand quantity per day; shaded columns mark the days the product was out of stock.', body, defs);
}

// ---------------------------------------------------------------------------------------------
// (d) Requests per role

export function rolesChart(roles: readonly RoleLoad[]): string | null {
  if (roles.length === 0) return null;
  const rowH = 34;
  const longest = Math.max(...roles.map((r) => [...r.role].length));
  const labelW = Math.min(240, Math.max(80, longest * CHAR_W + 16));
  const frame: Frame = { x0: labelW, x1: WIDTH - 130, y0: 44, y1: 44 + roles.length * rowH };
  const H = frame.y1 + 34;
  const scale = niceScale(0, Math.max(...roles.map((r) => Math.max(r.requests, r.escalations))), 6, true);
  const x = (v: number) => frame.x0 + ((v - scale.min) / (scale.max - scale.min)) * (frame.x1 - frame.x0);
  const parts: string[] = [
    legend(
      [
        { kind: 'box', label: 'Approval requests', color: C.simulated },
        { kind: 'box', label: 'Escalations', color: C.escalations },
      ],
      frame.x0,
      16,
    ),
  ];
  for (const v of scale.ticks) {
    const xx = x(v);
    parts.push(`<line class="${v === 0 ? 'axis' : 'grid'}"${attrs({ x1: xx, x2: xx, y1: frame.y0 - 4, y2: frame.y1 })}/>`);
    parts.push(`<text class="tick-label"${attrs({ x: xx, y: frame.y1 + 18, 'text-anchor': 'middle' })}>${esc(fmtInt(v))}</text>`);
  }
  const maxChars = Math.floor((labelW - 16) / CHAR_W);
  roles.forEach((r, i) => {
    const yy = frame.y0 + i * rowH;
    const reqW = Math.max(0, x(r.requests) - frame.x0);
    const escW = Math.max(0, x(r.escalations) - frame.x0);
    parts.push(
      `<text class="category-label"${attrs({ x: frame.x0 - 10, y: yy + 19, 'text-anchor': 'end' })}>${esc(truncate(r.role, maxChars))}<title>${esc(r.role)}</title></text>`,
      `<rect class="bar" data-series="requests"${attrs({ 'data-role': r.role, x: frame.x0, y: yy + 5, width: reqW, height: 16, fill: C.simulated, rx: 2 })}><title>${esc(`${r.role}: ${fmtInt(r.requests)} requests`)}</title></rect>`,
      `<rect class="bar" data-series="escalations"${attrs({ 'data-role': r.role, x: frame.x0, y: yy + 23, width: escW, height: 6, fill: C.escalations, rx: 1 })}><title>${esc(`${r.role}: ${fmtInt(r.escalations)} escalations`)}</title></rect>`,
      `<text class="value-label"${attrs({ x: frame.x0 + Math.max(reqW, escW) + 8, y: yy + 18 })}>${esc(fmtInt(r.requests))}<tspan class="value-sub">${esc(` · ${fmtInt(r.escalations)} escalated`)}</tspan></text>`,
    );
  });
  const label = `Approval requests per role: ${roles.map((r) => `${r.role} ${fmtInt(r.requests)} (${fmtInt(r.escalations)} escalations)`).join('; ')}.`;
  return svg('roles', H, label, 'Approval requests per role', 'Horizontal bar chart: approval requests each role received over the window, with the escalations beneath each bar.', parts.join(''));
}
