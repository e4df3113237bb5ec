import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OdooRecord } from '../src/facts/source.js';
import { CliUsageError, main, parseArgs } from '../src/history/cli.js';
import { generateHistory } from '../src/history/generate.js';
import { BusinessCalendar } from '../src/history/time.js';
import { checkIntegrity } from '../src/snapshot/integrity.js';
import { MODELS } from '../src/snapshot/models.js';
import { SnapshotReader } from '../src/snapshot/reader.js';
import { SnapshotSource } from '../src/snapshot/source.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'distrule-history-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const m2oId = (v: unknown): number | undefined => (Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined);
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

async function all(reader: SnapshotReader, model: string): Promise<OdooRecord[]> {
  const out: OdooRecord[] = [];
  for await (const r of reader.records(model)) out.push(r);
  return out;
}

describe('history generator: determinism', () => {
  it('writes byte-identical files for the same seed and options', () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    generateHistory(a, { orders: 300, seed: '7', since: '2025-11-01' });
    generateHistory(b, { orders: 300, seed: '7', since: '2025-11-01' });
    generateHistory(c, { orders: 300, seed: '8', since: '2025-11-01' });
    const files = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    expect(readFileSync(join(c, 'sale.order.jsonl')).equals(readFileSync(join(a, 'sale.order.jsonl')))).toBe(false);
    // The catalogue does not depend on the seed's order stream: same seed, more orders, same products.
    const d = tempDir();
    generateHistory(d, { orders: 500, seed: '7', since: '2025-11-01' });
    const names = (dir: string) => readFileSync(join(dir, 'product.template.jsonl'), 'utf8').split('\n').map((l) => (l ? JSON.parse(l).name : ''));
    expect(names(d)).toEqual(names(a));
  });
});

describe('history generator: a 1,500-order year', () => {
  let dir: string;
  let reader: SnapshotReader;
  const data = new Map<string, OdooRecord[]>();
  const get = (model: string): OdooRecord[] => data.get(model)!;

  beforeAll(async () => {
    dir = tempDir();
    generateHistory(dir, { orders: 1500, seed: '42', since: '2025-11-01' });
    reader = await SnapshotReader.open(dir);
    for (const model of reader.models()) data.set(model, await all(reader, model));
  }, 60_000);

  it('writes every declared model, each record with exactly its fields, every reference resolving', async () => {
    expect(reader.models().sort()).toEqual(Object.keys(MODELS).sort());
    const report = await checkIntegrity(reader);
    expect(report.problems).toEqual([]);
    expect(report.unchecked).toEqual([]);
    expect(reader.manifest.range).toEqual({ since: '2025-11-01', until: '2026-11-01' });
    for (const [model, records] of data) {
      const ids = records.map((r) => r.id);
      expect(ids, model).toEqual([...ids].sort((x, y) => x - y));
    }
  });

  it('builds the company of the brief: warehouses, customers, tiers, catalogue, vendors, users', () => {
    expect(get('stock.warehouse').map((w) => w.code)).toEqual(['AMS', 'RTM', 'ANR']);
    expect(get('res.currency').find((c) => c.active)!.name).toBe('EUR');
    const partners = get('res.partner');
    const tags = new Map(get('res.partner.category').map((t) => [t.id, t.name as string]));
    const customers = partners.filter((p) => p.is_company && typeof p.ref === 'string' && p.ref.startsWith('C'));
    expect(customers).toHaveLength(500);
    const contactsOf = new Map<number, number>();
    for (const p of partners) if (m2oId(p.parent_id)) contactsOf.set(m2oId(p.parent_id)!, (contactsOf.get(m2oId(p.parent_id)!) ?? 0) + 1);
    expect(customers.every((c) => (contactsOf.get(c.id) ?? 0) >= 1)).toBe(true);
    const tierOf = (c: OdooRecord) => (c.category_id as number[]).map((t) => tags.get(t)!).find((n) => n.startsWith('Tier: '));
    const tiers = new Map<string, number>();
    for (const c of customers) tiers.set(tierOf(c) ?? '(none)', (tiers.get(tierOf(c) ?? '(none)') ?? 0) + 1);
    for (const t of ['Tier: Platinum', 'Tier: Gold', 'Tier: Silver', 'Tier: Bronze', '(none)']) expect(tiers.get(t), t).toBeGreaterThan(0);
    expect(tiers.get('Tier: Platinum')!).toBeLessThan(tiers.get('Tier: Bronze')!);
    for (const tag of ['Key Account', 'Credit Hold', 'Fill or Kill']) {
      expect(customers.some((c) => (c.category_id as number[]).some((t) => tags.get(t) === tag)), tag).toBe(true);
    }
    const countries = new Set(customers.map((c) => (c.country_id as [number, string])[1]));
    for (const c of ['Netherlands', 'Belgium', 'Germany', 'France']) expect(countries.has(c), c).toBe(true);
    expect(customers.filter((c) => c.credit_limit === false).length).toBeGreaterThan(10);
    expect(customers.some((c) => typeof c.credit_limit === 'number' && (c.credit as number) > c.credit_limit)).toBe(true);

    const products = get('product.product');
    expect(products).toHaveLength(800);
    expect(new Set(products.map((p) => p.default_code)).size).toBe(800);
    const categories = new Set(get('product.category').map((c) => c.complete_name));
    for (const c of ['All / Fasteners / Bolts', 'All / Hydraulics / Hoses', 'All / Electrical / Cables', 'All / Safety / Gloves']) expect(categories.has(c), c).toBe(true);
    const vendors = partners.filter((p) => (p.supplier_rank as number) > 0);
    expect(vendors.length).toBeGreaterThanOrEqual(35);
    const infos = get('product.supplierinfo');
    expect(infos.every((s) => (s.delay as number) >= 3 && (s.delay as number) <= 45 && (s.min_qty as number) > 0)).toBe(true);
    expect(get('stock.warehouse.orderpoint').length).toBeGreaterThan(100);
    const logins = get('res.users').map((u) => u.login as string);
    expect(logins).toContain('j.devries');
    expect(logins.filter((l) => /^[a-z]\.[a-z]+$/.test(l)).length).toBeGreaterThan(20);
  });

  it('keeps the books consistent: order totals, lines, deliveries, stock', async () => {
    const orders = get('sale.order');
    expect(orders).toHaveLength(1500);
    const lines = get('sale.order.line');
    const linesOf = new Map<number, OdooRecord[]>();
    for (const l of lines) linesOf.set(m2oId(l.order_id)!, [...(linesOf.get(m2oId(l.order_id)!) ?? []), l]);
    for (const o of orders) {
      const mine = linesOf.get(o.id) ?? [];
      expect(mine.map((l) => l.id)).toEqual(o.order_line);
      const untaxed = mine.reduce((s, l) => s + (l.price_subtotal as number), 0);
      expect(Math.abs(untaxed - (o.amount_untaxed as number))).toBeLessThan(0.011 * mine.length + 0.001);
      expect(close(o.amount_total as number, (o.amount_untaxed as number) + (o.amount_tax as number))).toBe(true);
      expect((o.date_order as string) >= (o.create_date as string) || o.state !== 'sale').toBe(true);
    }
    // qty_delivered is what done moves delivered.
    const delivered = new Map<number, number>();
    for (const m of get('stock.move')) {
      if (m.state === 'done' && m.picking_code === 'outgoing') delivered.set(m2oId(m.sale_line_id)!, (delivered.get(m2oId(m.sale_line_id)!) ?? 0) + (m.quantity as number));
    }
    const services = new Set(get('product.product').filter((p) => p.detailed_type === 'service').map((p) => p.id));
    for (const l of lines) {
      if (l.display_type || services.has(m2oId(l.product_id)!)) continue;
      expect(close(l.qty_delivered as number, delivered.get(l.id) ?? 0), `line ${l.id}`).toBe(true);
      expect(l.qty_delivered as number).toBeLessThanOrEqual(l.product_uom_qty as number);
    }
    // On hand = quants; incoming/outgoing = open moves; per warehouse they add up.
    const quants = get('stock.quant');
    const onHand = new Map<number, number>();
    for (const q of quants) {
      expect(q.reserved_quantity as number).toBeLessThanOrEqual(q.quantity as number);
      onHand.set(m2oId(q.product_id)!, (onHand.get(m2oId(q.product_id)!) ?? 0) + (q.quantity as number));
    }
    const source = new SnapshotSource(reader);
    const fields = ['qty_available', 'incoming_qty', 'outgoing_qty', 'virtual_available'];
    const perWarehouse = await Promise.all(['AMS', 'RTM', 'ANR'].map((wh) => source.searchRead('product.product', [], fields, { context: { warehouse: wh } })));
    for (const p of get('product.product')) {
      expect(close(p.qty_available as number, onHand.get(p.id) ?? 0), `product ${p.id}`).toBe(true);
      for (const f of fields) {
        const sum = perWarehouse.reduce((s, rows) => s + (rows.find((r) => r.id === p.id)![f] as number), 0);
        expect(close(sum, p[f] as number), `${f} of product ${p.id}`).toBe(true);
      }
    }
    // Purchase lines received only through done receipts.
    const received = new Map<number, number>();
    for (const m of get('stock.move')) if (m.state === 'done' && m.picking_code === 'incoming') received.set(m2oId(m.purchase_line_id)!, (received.get(m2oId(m.purchase_line_id)!) ?? 0) + (m.quantity as number));
    for (const l of get('purchase.order.line')) expect(close(l.qty_received as number, received.get(l.id) ?? 0)).toBe(true);
  });

  it('has the texture of a real year: seasons, big orders, discounts, shortages, urgency, approvals', () => {
    const orders = get('sale.order');
    const byMonth = new Map<string, number>();
    let weekend = 0;
    for (const o of orders) {
      const created = o.create_date as string;
      byMonth.set(created.slice(0, 7), (byMonth.get(created.slice(0, 7)) ?? 0) + 1);
      const wd = new Date(`${created.replace(' ', 'T')}Z`).getUTCDay();
      if (wd === 0 || wd === 6) weekend++;
    }
    expect(byMonth.get('2026-08')!).toBeLessThan(byMonth.get('2026-10')! * 0.75);
    expect(weekend).toBeLessThan(orders.length * 0.05);
    const amounts = orders.map((o) => o.amount_untaxed as number).sort((a, b) => a - b);
    expect(amounts[amounts.length - 1]!).toBeGreaterThan(amounts[Math.floor(amounts.length / 2)]! * 20);
    const lines = get('sale.order.line');
    expect(lines.some((l) => (l.discount as number) > 30)).toBe(true);
    expect(lines.some((l) => l.display_type === 'line_section')).toBe(true);
    const states = new Set(orders.map((o) => o.state));
    for (const s of ['sale', 'cancel']) expect(states.has(s), s).toBe(true);
    expect(orders.some((o) => o.picking_policy === 'one')).toBe(true);
    expect(orders.some((o) => o.commitment_date !== false)).toBe(true);
    // Backorders: orders with more than one delivery; and late ones.
    const pickings = get('stock.picking').filter((p) => p.picking_type_code === 'outgoing');
    const perOrder = new Map<number, number>();
    for (const p of pickings) perOrder.set(m2oId(p.sale_id)!, (perOrder.get(m2oId(p.sale_id)!) ?? 0) + 1);
    expect([...perOrder.values()].some((n) => n > 1)).toBe(true);
    expect(pickings.some((p) => p.state === 'done' && (p.date_done as string).slice(0, 10) > (p.scheduled_date as string).slice(0, 10))).toBe(true);
    expect(get('purchase.order').some((p) => p.priority === '1')).toBe(true);
    expect(get('stock.picking').some((p) => p.picking_type_code === 'incoming' && p.state === 'done')).toBe(true);
    // Approval notes: "Approval done" with feedback, by a known user, after the order was created.
    const messages = get('mail.message');
    expect(messages.length).toBeGreaterThan(50);
    const created = new Map(orders.map((o) => [o.id, o.create_date as string]));
    for (const m of messages) {
      expect(m.body).toMatch(/<span>Approval<\/span> done/);
      expect(m.body).toMatch(/Feedback:<\/div>(Approved|OK, approved|Rejected)/);
      expect((m.date as string) > created.get(m.res_id as number)!).toBe(true);
    }
    expect(messages.some((m) => (m.body as string).includes('originally assigned to'))).toBe(true);
    // Response times in business hours: mostly within the day, with a long tail.
    const calendar = new BusinessCalendar();
    const odooMs = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
    const hours = messages.map((m) => calendar.businessHoursBetween(odooMs(created.get(m.res_id as number)!), odooMs(m.date as string))).sort((a, b) => a - b);
    expect(hours[Math.floor(hours.length / 2)]!).toBeLessThan(8);
    expect(hours[Math.floor(hours.length * 0.95)]!).toBeGreaterThan(18);
    // Requests nobody answered are still open, some of them long overdue.
    const open = get('mail.activity');
    expect(open.length).toBeGreaterThan(0);
    for (const a of open) {
      const order = orders.find((o) => o.id === a.res_id)!;
      expect(['draft', 'sent']).toContain(order.state);
      expect(a.res_name).toBe(order.name);
    }
    expect(messages.map((m) => m.date)).toEqual([...messages.map((m) => m.date)].sort());
  });
});

describe('history generator: scale', () => {
  it('streams 20,000 orders with bounded memory, counts matching the files', async () => {
    const dir = tempDir();
    let peak = 0;
    const result = generateHistory(dir, { orders: 20_000, seed: '42', since: '2025-11-01' }, ({ day }) => {
      if (day % 30 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    });
    expect(result.manifest.models['sale.order']!.count).toBe(20_000);
    for (const [model, entry] of Object.entries(result.manifest.models)) {
      const text = readFileSync(join(dir, entry.file), 'utf8');
      const lines = text === '' ? 0 : text.split('\n').length - 1;
      expect(lines, model).toBe(entry.count);
    }
    expect(result.stats['approval:open']).toBeGreaterThan(0);
    // Loose bound: the generator holds no per-order state, so the heap stays far below what
    // 20,000 orders with their lines, moves and messages would take (hundreds of MB).
    expect(peak).toBeLessThan(400 * 1024 * 1024);
  }, 180_000);
});

describe('gen-history command line', () => {
  it('parses flags with defaults', () => {
    expect(parseArgs([])).toMatchObject({ out: 'examples/history', options: { orders: 2000, seed: '42', since: '2025-11-01' } });
    expect(parseArgs(['--orders', '1_000_000', '--seed=abc', '--out', 'x', '--since', '2024-01-01'])).toMatchObject({
      out: 'x',
      options: { orders: 1_000_000, seed: 'abc', since: '2024-01-01' },
    });
  });

  it.each([
    [['--orders', 'many'], '--orders must be a positive whole number'],
    [['--orders', '0'], '--orders must be a positive integer'],
    [['--since', '2025-02-30'], '--since must be a date'],
    [['--orders'], '--orders needs a value'],
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['extra'], 'unexpected argument extra'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(CliUsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('exits 2 with a one-line message and no stack trace on a bad flag', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(main(['--orders', 'x'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    const text = written.join('');
    expect(text).toContain('gen-history: --orders must be a positive whole number');
    expect(text).not.toMatch(/\n\s+at /);
  });
});
