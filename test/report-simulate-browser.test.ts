/**
 * The html report rendered by a real browser: Debian's chromium (`apt-get install -y chromium`)
 * driven by playwright-core. No browser is downloaded; if chromium is missing the suite fails
 * and says how to install it (never skips).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../src/simulate/result.js';
import { formatSimulationHtml } from '../src/report/simulate/index.js';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/simulation-result.json', import.meta.url)), 'utf8')) as SimulationResult;

/**
 * Runs an expression in the page. In-page code is a string: the test program is compiled
 * without the DOM library, so `document` and SVG types are not in scope here.
 */
async function inPage<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Debian's chromium is not installed (${CHROMIUM} is missing); the html report's browser test needs it. Install it with: ${INSTALL}`);
  }
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  file: string;
}

describe('simulate html in headless Chromium', () => {
  let browser: Browser | undefined;
  let dir = '';
  let opened: Opened | undefined;
  let startError: unknown;

  /** The fixture's page; every test fails (never skips) with the reason the browser is missing. */
  function report(): Opened {
    requireChromium();
    if (startError) throw startError;
    if (!opened) throw new Error('the report page did not open');
    return opened;
  }

  async function open(name: string, html: string): Promise<Opened> {
    if (!browser) throw new Error('browser not started');
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors, requests, file };
  }

  beforeAll(async () => {
    try {
      requireChromium();
      dir = mkdtempSync(join(tmpdir(), 'distrule-simulate-html-'));
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
      opened = await open('report', formatSimulationHtml(fixture));
    } catch (e) {
      startError = e;
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds Debian chromium', () => {
    report();
  });

  it('loads offline with no console error and no request but the page itself', async () => {
    const main = report();
    expect(main.errors).toEqual([]);
    expect(main.requests).toEqual([pathToFileURL(main.file).href]);
    // The CSP allows the inline stylesheet: the page is styled.
    const bg = await inPage<string>(main.page, 'getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(244, 246, 248)');
    // Nothing sticks out sideways at 1280px.
    const scrollWidth = await inPage<number>(main.page, 'document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(1280);
  });

  it('renders the four charts, each with a visible legend', async () => {
    const main = report();
    for (const name of ['queue', 'fill-rate', 'stock', 'roles']) {
      const svg = main.page.locator(`svg[data-chart="${name}"]`);
      expect(await svg.count(), name).toBe(1);
      const box = await svg.boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.width, name).toBeGreaterThan(600);
      expect(box!.height, name).toBeGreaterThan(150);
      const legend = await svg.locator('g.legend').boundingBox();
      expect(legend?.width ?? 0, name).toBeGreaterThan(100);
      expect(await svg.getAttribute('role')).toBe('img');
      expect((await svg.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it('draws the queue as lines with a point per day', async () => {
    const main = report();
    const lines = await inPage<{ pts: number; w: number }[]>(
      main.page,
      `[...document.querySelectorAll('svg[data-chart="queue"] polyline, svg[data-chart="queue"] path')].map((el) => ({
        pts: el.tagName === 'polyline' ? el.points.numberOfItems : (el.getAttribute('d') || '').split(/[ML]/).length - 1,
        w: el.getBBox().width,
      }))`,
    );
    const series = lines.filter((l) => l.pts >= fixture.approvals.queue.length);
    expect(series.length).toBeGreaterThanOrEqual(2);
    for (const s of series) expect(s.w).toBeGreaterThan(500);
  });

  it('draws one fill-rate bar per tier per series', async () => {
    const main = report();
    const bars = await inPage<{ series: string; h: number }[]>(
      main.page,
      `[...document.querySelectorAll('svg[data-chart="fill-rate"] rect[data-series]')].map((el) => ({ series: el.getAttribute('data-series'), h: el.getBBox().height }))`,
    );
    const tiers = fixture.allocation.byTier.length;
    expect(bars).toHaveLength(tiers * 2);
    expect(bars.filter((b) => b.series === 'simulated')).toHaveLength(tiers);
    expect(bars.filter((b) => b.series === 'actual')).toHaveLength(tiers);
    for (const b of bars) expect(b.h).toBeGreaterThan(50);
  });

  it('draws one stock panel per product, each with two lines', async () => {
    const main = report();
    const panels = await inPage<{ product: string; lines: number; w: number; stockouts: number }[]>(
      main.page,
      `[...document.querySelectorAll('svg[data-chart="stock"] g[data-panel]')].map((el) => ({
        product: el.getAttribute('data-product'),
        lines: el.querySelectorAll('polyline').length,
        w: el.getBBox().width,
        stockouts: el.querySelectorAll('rect.stockout-actual, rect.stockout-sim').length,
      }))`,
    );
    expect(panels.map((p) => p.product)).toEqual(fixture.replenishment.products.map((p) => p.product));
    for (const p of panels) {
      expect(p.lines).toBe(2);
      expect(p.w).toBeGreaterThan(200);
      expect(p.stockouts).toBeGreaterThan(0);
    }
  });

  it('draws one request bar per role', async () => {
    const main = report();
    const n = await main.page.locator('svg[data-chart="roles"] rect[data-series="requests"]').count();
    expect(n).toBe(fixture.approvals.byRole.length);
  });

  it('takes a non-trivial screenshot', async () => {
    const main = report();
    const png = join(dir, 'report.png');
    await main.page.screenshot({ path: png, fullPage: true });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(100_000);
  });

  it('prints every table row (no scroll box on paper)', async () => {
    const main = report();
    const page = main.page;
    await page.emulateMedia({ media: 'print' });
    const { box, table } = await inPage<{ box: number; table: number }>(
      page,
      `(() => { const el = document.querySelector('.scroll'); return { box: el.getBoundingClientRect().height, table: el.querySelector('table').getBoundingClientRect().height }; })()`,
    );
    expect(box).toBeGreaterThanOrEqual(table);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('escapes hostile names and shows notes for empty data, still without errors', async () => {
    report();
    const hostile = structuredClone(fixture);
    hostile.replenishment.products[0]!.product = '<script>alert(1)</script>';
    const bad = await open('hostile', formatSimulationHtml(hostile));
    expect(bad.errors).toEqual([]);
    expect(await bad.page.locator('script').count()).toBe(0);
    const title = await bad.page.locator('svg[data-chart="stock"] g[data-panel="0"] text.panel-title').textContent();
    expect(title).toContain('<script>alert(1)</script>');
    await bad.page.close();

    const empty = structuredClone(fixture);
    empty.approvals = { ...empty.approvals, byRole: [], queue: [], escalations: [], byRow: [] };
    empty.allocation.byTier = [];
    empty.replenishment.products = [];
    const blank = await open('empty', formatSimulationHtml(empty));
    expect(blank.errors).toEqual([]);
    expect(await blank.page.locator('svg[data-chart]').count()).toBe(0);
    const notes = blank.page.locator('.no-data');
    expect(await notes.count()).toBeGreaterThanOrEqual(4);
    for (const note of await notes.all()) expect(await note.isVisible()).toBe(true);
    await blank.page.close();
  });
});
