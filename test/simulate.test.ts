/** `distrule simulate`: replay of the committed example history, and every kind of bad input. */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuleSet } from '../src/ruleset/load.js';
import { simulate } from '../src/simulate/engine.js';
import { runCli } from './helpers/cli.js';

const HISTORY = 'examples/history';
const MINI = 'test/fixtures/mini-snapshot';

function copyOf(dir: string): string {
  const out = mkdtempSync(join(tmpdir(), 'distrule-snap-'));
  cpSync(dir, out, { recursive: true });
  return out;
}

describe('simulate on the example history', () => {
  it('prints a summary and writes the html report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'distrule-')), 'report.html');
    const r = runCli(['simulate', '--html', out]);
    expect(r.stderr).toContain(`html report written to ${out}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replayed [\d,]+ orders/);
    expect(r.stdout).toContain('APPROVALS');
    expect(r.stdout).toContain('ALLOCATION');
    expect(r.stdout).toContain('REPLENISHMENT');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('data-chart="queue"');
  });

  it('replays every order in the window, deterministically', async () => {
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const [a] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet] });
    const [b] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet] });
    expect(a).toEqual(b);
    const manifest = JSON.parse(readFileSync(join(HISTORY, 'manifest.json'), 'utf8')) as { models: Record<string, { count: number }> };
    expect(a!.counts.orders).toBe(manifest.models['sale.order']!.count);
    expect(a!.counts.skippedOrders).toBe(0);
    expect(a!.approvals.orders).toBe(a!.counts.orders);
    expect(a!.approvals.allowed + a!.approvals.requiring + a!.approvals.denied).toBe(a!.counts.orders);
    expect(a!.approvals.responseSource).not.toBe('model');
    // Rows that fired only because a fact was missing are named, with the fact: never hidden.
    expect(a!.approvals.uncertain).toBeGreaterThan(0);
    expect(a!.approvals.missingFacts[0]).toEqual({ fact: 'customer.credit_after_order', orders: a!.approvals.uncertain, rows: ['sales-orders/credit-exceeded'] });
    expect(a!.assumptions.find((x) => x.code === 'approvals/missing-fact')?.message).toMatch(/^customer\.credit_after_order was missing on \d+ of [\d,]+ orders/);
    expect(a!.approvals.queue).toHaveLength(a!.window.days);
    expect(a!.allocation.byTier.map((t) => t.tier)).toEqual(expect.arrayContaining(['platinum', 'gold', 'silver', 'bronze']));
    expect(a!.replenishment.proposals).toBeGreaterThan(0);
    expect(a!.replenishment.products.length).toBeGreaterThan(0);
  });

  it('leaves no spool file behind, even while it runs', async () => {
    const spools = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('distrule-moves-'));
    const before = spools();
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    let during: string[] = [];
    await simulate({ snapshot: MINI, ruleSets: [ruleSet], onOrder: () => (during = spools()) });
    expect(during).toEqual(before);
    expect(spools()).toEqual(before);
  });

  it('json output is complete and stable', () => {
    const r = runCli(['simulate', '--format', 'json', '--no-html', '--from', '2026-01-01', '--until', '2026-03-01']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { window: { from: string; to: string; days: number }; approvals: { queue: unknown[] } };
    expect(result.window).toEqual({ from: '2026-01-01', to: '2026-03-01', days: 59 });
    expect(result.approvals.queue).toHaveLength(59);
  });
});

describe('simulate: bad input', () => {
  it('a snapshot line that is not JSON is counted and named; --strict fails on it', () => {
    const dir = copyOf(MINI);
    const file = join(dir, 'sale.order.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(2, 0, '{"id": 3.5, "name": "broken');
    writeFileSync(file, lines.join('\n'));
    const lenient = runCli(['simulate', '--history', dir, '--no-html']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('history/bad-lines');
    expect(lenient.stdout).toContain('sale.order.jsonl:3');
    const strict = runCli(['simulate', '--history', dir, '--no-html', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('sale.order.jsonl:3');
    expect(strict.stderr).not.toMatch(/\n\s+at /);
    rmSync(dir, { recursive: true });
  });

  it('a missing model file is a clear error naming the file', () => {
    const dir = copyOf(MINI);
    rmSync(join(dir, 'sale.order.line.jsonl'));
    const r = runCli(['simulate', '--history', dir, '--no-html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sale.order.line.jsonl');
    rmSync(dir, { recursive: true });
  });

  it('orders referring to missing partners or products are left out and named', async () => {
    const dir = copyOf(MINI);
    const file = join(dir, 'sale.order.jsonl');
    const orders = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    orders[0]!['partner_id'] = [999999, 'Ghost B.V.'];
    writeFileSync(file, `${orders.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const [r] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    expect(r!.counts.skippedOrders).toBe(1);
    expect(r!.assumptions.find((a) => a.code === 'history/skipped-orders')?.message).toContain('Ghost B.V.');
    rmSync(dir, { recursive: true });
  });

  it('lines of services are not demand: nothing is allocated or replenished for them', async () => {
    const dir = copyOf(MINI);
    const read = (model: string): Record<string, unknown>[] => readFileSync(join(dir, `${model}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const orders = new Map(read('sale.order').map((o) => [o['id'], o]));
    const lines = read('sale.order.line');
    const confirmed = lines.filter((l) => ['sale', 'done'].includes(String(orders.get((l['order_id'] as [number])[0])?.['state'])));
    const productId = (confirmed[0]!['product_id'] as [number])[0];
    const serviceQty = confirmed.filter((l) => (l['product_id'] as [number])[0] === productId).reduce((q, l) => q + (l['product_uom_qty'] as number), 0);
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const total = (r: Awaited<ReturnType<typeof simulate>>[number]): number => r.allocation.byTier.reduce((q, t) => q + t.orderedQty, 0);
    const [before] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    const products = read('product.product').map((p) => (p['id'] === productId ? { ...p, detailed_type: 'service' } : p));
    writeFileSync(join(dir, 'product.product.jsonl'), `${products.map((p) => JSON.stringify(p)).join('\n')}\n`);
    const [after] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    expect(serviceQty).toBeGreaterThan(0);
    expect(total(before!) - total(after!)).toBeCloseTo(serviceQty, 6);
    rmSync(dir, { recursive: true });
  });

  it('a delivery history cancelled (no backorder) is not counted as backordered on the actual side', async () => {
    const dir = copyOf(HISTORY);
    const file = join(dir, 'stock.move.jsonl');
    const moves = readFileSync(file, 'utf8').trim().split('\n');
    const cancelled = moves.map((l) => JSON.parse(l) as Record<string, unknown>).filter((m) => m['state'] === 'cancel' && m['picking_code'] === 'outgoing' && m['sale_line_id']);
    const cancelledQty = cancelled.reduce((q, m) => q + (m['product_uom_qty'] as number), 0);
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const backordered = (r: Awaited<ReturnType<typeof simulate>>[number]): number => r.allocation.byTier.reduce((q, t) => q + t.actual.backorderQty, 0);
    const [withCancels] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    writeFileSync(file, `${moves.filter((l) => !(l.includes('"state":"cancel"') && l.includes('"picking_code":"outgoing"'))).join('\n')}\n`);
    const [without] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    expect(cancelled.length).toBeGreaterThan(0);
    expect(withCancels!.counts.cancelledDeliveries).toBe(cancelled.length);
    expect(without!.counts.cancelledDeliveries).toBe(0);
    // Without the cancellations, every cancelled quantity waits to the end as a backorder.
    expect(backordered(without!) - backordered(withCancels!)).toBeCloseTo(cancelledQty, 2);
    expect(withCancels!.assumptions.map((a) => a.code)).toContain('history/cancelled-deliveries');
    // Allocation's simulated side does not read cancelled moves; what was cancelled is no
    // longer committed demand, so history's stockout days fall.
    expect(withCancels!.allocation.byTier.map((t) => t.simulated)).toEqual(without!.allocation.byTier.map((t) => t.simulated));
    expect(withCancels!.replenishment.stockoutDays.actual).toBeLessThan(without!.replenishment.stockoutDays.actual);
    rmSync(dir, { recursive: true });
  });

  it('what history had reserved at the export is allocated, not backordered, on the actual side', async () => {
    const moves = readFileSync(join(HISTORY, 'stock.move.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const open = moves.filter((m) => m['picking_code'] === 'outgoing' && m['sale_line_id'] && !['done', 'cancel'].includes(String(m['state'])));
    const unreserved = open.reduce((q, m) => q + (m['product_uom_qty'] as number) - (m['quantity'] as number), 0);
    const reserved = open.reduce((q, m) => q + (m['quantity'] as number), 0);
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const backordered = (r: Awaited<ReturnType<typeof simulate>>[number]): number => r.allocation.byTier.reduce((q, t) => q + t.actual.backorderQty, 0);
    const [whole] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet] });
    expect(reserved).toBeGreaterThan(0);
    expect(backordered(whole!)).toBeCloseTo(unreserved, 1);
    expect(whole!.assumptions.map((a) => a.code)).toContain('allocation/reserved-at-end');
    // A window that ends before the export cannot know what was reserved then, and says so.
    const [earlier] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet], to: '2026-06-01' });
    expect(earlier!.assumptions.map((a) => a.code)).toContain('allocation/reserved-unknown');
    expect(earlier!.assumptions.map((a) => a.code)).not.toContain('allocation/reserved-at-end');
  });

  it('a receipt bought for a sale order (its purchase\'s origin) serves that order first, and stays in replenishment', async () => {
    const dir = copyOf(HISTORY);
    const read = (model: string): Record<string, unknown>[] => readFileSync(join(dir, `${model}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const saleNames = new Set(read('sale.order').map((o) => o['name']));
    const purchases = read('purchase.order');
    const forSales = new Set(purchases.filter((p) => String(p['origin'] || '').split(',').some((t) => saleNames.has(t.trim()))).map((p) => p['name']));
    const candidates = read('stock.move').filter((m) => m['picking_code'] === 'incoming' && m['state'] === 'done' && forSales.has(m['origin'])).length;
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const fill = (r: Awaited<ReturnType<typeof simulate>>[number]): number => r.allocation.byTier.reduce((q, t) => q + t.simulated.fillRate * t.orderedQty, 0);
    const [pegged] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    const note = pegged!.assumptions.find((a) => a.code === 'allocation/make-to-order');
    const receipts = Number(/^(\d+) receipts/.exec(note?.message ?? '')?.[1]);
    expect(receipts).toBeGreaterThan(0);
    expect(receipts).toBeLessThanOrEqual(candidates);
    // The same history with no origins: every receipt goes to the policy, and fewer lines ship on time.
    writeFileSync(join(dir, 'purchase.order.jsonl'), `${purchases.map((p) => JSON.stringify({ ...p, origin: false })).join('\n')}\n`);
    const [pooled] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    expect(pooled!.assumptions.map((a) => a.code)).not.toContain('allocation/make-to-order');
    expect(fill(pooled!)).toBeLessThan(fill(pegged!));
    expect(pooled!.allocation.byTier.map((t) => t.actual)).toEqual(pegged!.allocation.byTier.map((t) => t.actual));
    // Replenishment keeps make-to-order receipts (they are not the policy's to replace): without
    // them, products bought only to order run dry in the simulated series.
    expect(pooled!.replenishment.stockoutDays.simulated).toBeGreaterThan(pegged!.replenishment.stockoutDays.simulated);
    expect(pooled!.replenishment.stockoutDays.actual).toBe(pegged!.replenishment.stockoutDays.actual);
    rmSync(dir, { recursive: true });
  });

  it('purchases already on their way when the window opens arrive as they did in the replenishment series', async () => {
    const from = '2026-03-01';
    const moves = readFileSync(join(HISTORY, 'stock.move.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const ms = (v: unknown): number => Date.parse(`${String(v).replace(' ', 'T')}Z`);
    const onTheirWay = moves.filter((m) => m['picking_code'] === 'incoming' && m['state'] === 'done' && ms(m['create_date']) < ms(`${from} 00:00:00`) && ms(m['date']) >= ms(`${from} 00:00:00`)).length;
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const [r] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet], from });
    expect(onTheirWay).toBeGreaterThan(0);
    expect(r!.assumptions.find((a) => a.code === 'replenishment/receipts')?.message).toContain(`the ${onTheirWay.toLocaleString('en-US')} already on their way when the window opened`);
  });

  it('moves take effect when they were done, whatever their order in the snapshot', async () => {
    // Ids say little about when a move was done (a later shipment of an old order, a receipt):
    // the same moves in reverse file order must replay exactly alike.
    const dir = copyOf(HISTORY);
    const file = join(dir, 'stock.move.jsonl');
    const moves = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    writeFileSync(file, `${moves.reverse().map((m, i) => JSON.stringify({ ...m, id: i + 1 })).join('\n')}\n`);
    const { ruleSet } = loadRuleSet(['rules'], { cwd: process.cwd() });
    const [asExported] = await simulate({ snapshot: HISTORY, ruleSets: [ruleSet] });
    const [reversed] = await simulate({ snapshot: dir, ruleSets: [ruleSet] });
    expect({ ...reversed!, snapshot: null }).toEqual({ ...asExported!, snapshot: null });
    rmSync(dir, { recursive: true });
  });

  it('an empty window and a missing snapshot are usage errors', () => {
    expect(runCli(['simulate', '--until', '2026-01-01', '--from', '2026-02-01', '--no-html']).code).toBe(2);
    const r = runCli(['simulate', '--history', 'no/such/snapshot', '--no-html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('history snapshot not found');
  });

  it('the example history exists (committed)', () => {
    expect(existsSync(join(HISTORY, 'manifest.json'))).toBe(true);
  });
});
