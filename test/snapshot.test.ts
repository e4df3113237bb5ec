import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { OdooRecord } from '../src/facts/source.js';
import { SnapshotError } from '../src/snapshot/errors.js';
import { readFileLines } from '../src/snapshot/lines.js';
import { checkIntegrity } from '../src/snapshot/integrity.js';
import { readManifest } from '../src/snapshot/manifest.js';
import { SnapshotReader, type SnapshotIssue } from '../src/snapshot/reader.js';
import { SnapshotSource } from '../src/snapshot/source.js';
import { SnapshotWriter, type SnapshotWriterOptions } from '../src/snapshot/writer.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'distrule-snapshot-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HEADER: Omit<SnapshotWriterOptions, 'models'> = {
  odoo: { version: '17.0' },
  range: { since: '2026-01-01', until: '2026-02-01' },
  exportedAt: '2026-02-01T00:00:00.000Z',
  durable: false,
};

const partner = (id: number, name = `Partner ${id}`): OdooRecord => ({ id, name, parent_id: false, category_id: [1, 2] });

async function collect(reader: SnapshotReader, model: string): Promise<OdooRecord[]> {
  const out: OdooRecord[] = [];
  for await (const r of reader.records(model)) out.push(r);
  return out;
}

async function expectSnapshotError(p: Promise<unknown> | (() => unknown), code: string): Promise<SnapshotError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).code).toBe(code);
    return err as SnapshotError;
  }
  throw new Error(`expected SnapshotError ${code}`);
}

describe('snapshot writer and reader', () => {
  it('round-trips records, model by model, and completes the manifest', async () => {
    const dir = tempDir();
    const writer = SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name', 'parent_id', 'category_id'], 'sale.order': ['name'] } });
    const partners = [partner(1, 'Delta B.V.'), partner(2, 'Müller GmbH, Jürgen "Jo" Weiß\nline'), partner(7)];
    for (const p of partners) writer.append('res.partner', p);
    writer.append('sale.order', { id: 3, name: 'S00003' });
    expect(readManifest(dir).incomplete).toBe(true);
    const manifest = writer.finish();
    expect(manifest.incomplete).toBeUndefined();
    expect(manifest.models['res.partner']).toEqual({ file: 'res.partner.jsonl', count: 3, fields: ['name', 'parent_id', 'category_id'] });

    const reader = await SnapshotReader.open(dir);
    expect(reader.models().sort()).toEqual(['res.partner', 'sale.order']);
    expect(await collect(reader, 'res.partner')).toEqual(partners);
    expect(await collect(reader, 'sale.order')).toEqual([{ id: 3, name: 'S00003' }]);
    expect(reader.issueCount).toBe(0);
    // One record per line, exactly as JSON.
    expect(readFileSync(join(dir, 'res.partner.jsonl'), 'utf8').split('\n')).toHaveLength(4);
  });

  it('refuses records out of id order and models it was not told about', async () => {
    const writer = SnapshotWriter.create(tempDir(), { ...HEADER, models: { 'res.partner': ['name'] } });
    writer.append('res.partner', partner(5));
    await expectSnapshotError(() => writer.append('res.partner', partner(5)), 'out-of-order');
    await expectSnapshotError(() => writer.append('res.partner', partner(4)), 'out-of-order');
    await expectSnapshotError(() => writer.append('sale.order', { id: 1 }), 'unknown-model');
    writer.finish();
  });

  it('does not overwrite a snapshot unless asked to', async () => {
    const dir = tempDir();
    SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name'] } }).finish();
    await expectSnapshotError(() => SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name'] } }), 'already-exists');
    SnapshotWriter.create(dir, { ...HEADER, models: { 'sale.order': ['name'] }, overwrite: true }).finish();
    expect(Object.keys(readManifest(dir).models)).toEqual(['sale.order']);
  });

  it('resumes after a kill mid-line: keeps complete lines, drops the torn one, never duplicates', async () => {
    const dir = tempDir();
    const writer = SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name', 'parent_id', 'category_id'], 'sale.order': ['name'] } });
    for (let id = 1; id <= 5; id++) writer.append('res.partner', partner(id));
    writer.append('sale.order', { id: 1, name: 'S00001' });
    writer.checkpoint();
    // The process wrote two more records and half of a third, then was killed (no checkpoint).
    const file = join(dir, 'res.partner.jsonl');
    appendFileSync(file, `${JSON.stringify(partner(6))}\n${JSON.stringify(partner(7))}\n{"id": 8, "name": "Part`);
    appendFileSync(join(dir, 'sale.order.jsonl'), '\u0000\u0000\u0000'); // garbage after a crash
    expect(readManifest(dir).models['res.partner']!.lastId).toBe(5);

    const resumed = SnapshotWriter.resume(dir);
    expect(resumed.lastId('res.partner')).toBe(7);
    expect(resumed.count('res.partner')).toBe(7);
    expect(resumed.lastId('sale.order')).toBe(1);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
    // The export continues after lastId.
    for (let id = resumed.lastId('res.partner') + 1; id <= 10; id++) resumed.append('res.partner', partner(id));
    resumed.append('sale.order', { id: 2, name: 'S00002' });
    resumed.finish();

    const reader = await SnapshotReader.open(dir);
    expect((await collect(reader, 'res.partner')).map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await collect(reader, 'sale.order')).map((r) => r.id)).toEqual([1, 2]);
    expect(reader.issueCount).toBe(0);
  });

  it('resumes after close() and refuses to resume a complete snapshot', async () => {
    const dir = tempDir();
    const writer = SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name'] } });
    writer.append('res.partner', partner(1));
    writer.close();
    const resumed = SnapshotWriter.resume(dir);
    expect(resumed.lastId('res.partner')).toBe(1);
    resumed.append('res.partner', partner(2));
    resumed.finish();
    await expectSnapshotError(() => SnapshotWriter.resume(dir), 'already-complete');
  });

  it('detects a file shortened behind the export’s back', async () => {
    const dir = tempDir();
    const writer = SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name'] } });
    writer.append('res.partner', partner(1));
    writer.close();
    writeFileSync(join(dir, 'res.partner.jsonl'), '');
    await expectSnapshotError(() => SnapshotWriter.resume(dir), 'modified');
  });
});

describe('snapshot reader errors', () => {
  function snapshotWithLines(lines: string[]): string {
    const dir = tempDir();
    const writer = SnapshotWriter.create(dir, { ...HEADER, models: { 'res.partner': ['name'] } });
    writer.finish();
    writeFileSync(join(dir, 'res.partner.jsonl'), lines.map((l) => `${l}\n`).join(''));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.models['res.partner'].count = lines.length;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    return dir;
  }

  const LINES = ['{"id":1,"name":"a"}', '{"id":2,"name":"b"', '{"id":3,"name":"c"}', '[4,"d"]', '{"name":"no id"}', '{"id":3,"name":"again"}', '{"id":9,"name":"z"}'];

  it('strict mode stops at the first bad line with file:line', async () => {
    const dir = snapshotWithLines(LINES);
    const reader = await SnapshotReader.open(dir);
    const err = await expectSnapshotError(collect(reader, 'res.partner'), 'bad-line');
    const file = join(dir, 'res.partner.jsonl');
    expect(err.file).toBe(file);
    expect(err.line).toBe(2);
    expect(err.message).toContain(`${file}:2: not valid JSON`);
  });

  it('lenient mode skips and counts bad lines, listing each with its file and line', async () => {
    const dir = snapshotWithLines(LINES);
    const reader = await SnapshotReader.open(dir, { mode: 'lenient' });
    const seen: SnapshotIssue[] = [];
    const records: OdooRecord[] = [];
    for await (const r of reader.records('res.partner', { onIssue: (i) => seen.push(i) })) records.push(r);
    expect(records.map((r) => r.id)).toEqual([1, 3, 9]);
    expect(reader.issueCount).toBe(4);
    expect(reader.issues.map((i) => [i.kind, i.line])).toEqual([
      ['bad-json', 2],
      ['not-a-record', 4],
      ['not-a-record', 5],
      ['out-of-order', 6],
    ]);
    expect(reader.issues.every((i) => i.file === join(dir, 'res.partner.jsonl'))).toBe(true);
    expect(seen).toHaveLength(4);
  });

  it('strict mode reports records out of id order', async () => {
    const reader = await SnapshotReader.open(snapshotWithLines(['{"id":2}', '{"id":1}']));
    const err = await expectSnapshotError(collect(reader, 'res.partner'), 'out-of-order');
    expect(err.line).toBe(2);
  });

  it('notes a file shorter than the manifest says, in both modes', async () => {
    const dir = snapshotWithLines(['{"id":1}']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.models['res.partner'].count = 3;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const reader = await SnapshotReader.open(dir);
    expect(await collect(reader, 'res.partner')).toHaveLength(1);
    expect(reader.issues[0]).toMatchObject({ kind: 'count-mismatch', line: 0 });
  });

  it('names a missing model file', async () => {
    const dir = snapshotWithLines(['{"id":1}']);
    unlinkSync(join(dir, 'res.partner.jsonl'));
    const err = await expectSnapshotError(SnapshotReader.open(dir), 'missing-file');
    expect(err.message).toContain(join(dir, 'res.partner.jsonl'));
    expect(err.message).toContain('res.partner');
  });

  it('names an unknown model and lists the ones there are', async () => {
    const reader = await SnapshotReader.open(snapshotWithLines(['{"id":1}']));
    const err = await expectSnapshotError(collect(reader, 'sale.order'), 'unknown-model');
    expect(err.hint).toContain('res.partner');
  });

  it('rejects a manifest with another format, a folder without one, and an unfinished export', async () => {
    const dir = snapshotWithLines(['{"id":1}']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, format: 'distrule-snapshot/v0' }));
    const wrong = await expectSnapshotError(SnapshotReader.open(dir), 'wrong-format');
    expect(wrong.message).toContain('"distrule-snapshot/v0"');
    expect(wrong.message).toContain('distrule-snapshot/v1');

    await expectSnapshotError(SnapshotReader.open(tempDir()), 'not-a-snapshot');

    writeFileSync(join(dir, 'manifest.json'), '{"format": ');
    await expectSnapshotError(SnapshotReader.open(dir), 'bad-manifest');

    const unfinished = tempDir();
    SnapshotWriter.create(unfinished, { ...HEADER, models: { 'res.partner': ['name'] } }).close();
    await expectSnapshotError(SnapshotReader.open(unfinished), 'incomplete');
    expect((await SnapshotReader.open(unfinished, { allowIncomplete: true })).models()).toEqual(['res.partner']);
  });

  it('rejects a manifest whose file names leave the folder', async () => {
    const dir = snapshotWithLines(['{"id":1}']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.models['res.partner'].file = '../elsewhere.jsonl';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expectSnapshotError(SnapshotReader.open(dir), 'bad-manifest');
  });

  it('skips a line too long to be a record without holding it in memory', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    writeFileSync(file, `{"id":1}\n${'x'.repeat(5000)}\n{"id":2}\n${'y'.repeat(3000)}`);
    const lines: Array<[number, string, boolean]> = [];
    for await (const l of readFileLines(file, 64, 1000)) lines.push([l.line, l.text, l.oversized === true]);
    expect(lines).toEqual([
      [1, '{"id":1}', false],
      [2, '', true],
      [3, '{"id":2}', false],
      [4, '', true],
    ]);
  });

  it('splits any text into the same lines whatever the read chunk size', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '日', '😀', ' ', '{', '\r') }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 40 }), async (texts, chunk) => {
        writeFileSync(file, texts.join('\n'));
        const lines: string[] = [];
        for await (const l of readFileLines(file, chunk)) lines.push(l.text);
        // What a reader expects: split on \n, one \r before it dropped, no line after a final \n.
        const expected = texts.map((t, i) => (i < texts.length - 1 || t.length ? t.replace(/\r$/, '') : null)).filter((t): t is string => t !== null);
        expect(lines).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('splits lines correctly across read chunks, multi-byte characters included', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.jsonl');
    const texts = ['{"id":1,"name":"Müller Maschinenbau GmbH"}', '{"id":2,"name":"Électricité — 日本"}', '', '{"id":3}'];
    writeFileSync(file, `${texts.join('\r\n')}`);
    const lines: string[] = [];
    for await (const l of readFileLines(file, 5)) lines.push(l.text);
    expect(lines).toEqual(texts);
  });
});

describe('snapshot integrity', () => {
  it('finds dangling references, malformed relational values and records that do not match the manifest', async () => {
    const dir = tempDir();
    const w = SnapshotWriter.create(dir, {
      ...HEADER,
      models: { 'res.partner': ['name', 'parent_id', 'category_id'], 'res.partner.category': ['name', 'parent_id'], 'mail.message': ['model', 'res_id'] },
    });
    w.append('res.partner', { id: 1, name: 'A', parent_id: false, category_id: [1] });
    w.append('res.partner', { id: 2, name: 'B', parent_id: [9, 'Ghost'], category_id: [1, 5] });
    w.append('res.partner', { id: 3, name: 'C', parent_id: 1, category_id: [] });
    w.append('res.partner', { id: 4, name: 'D', category_id: [] });
    w.append('res.partner.category', { id: 1, name: 'Gold', parent_id: false });
    w.append('mail.message', { id: 1, model: 'res.partner', res_id: 2 });
    w.append('mail.message', { id: 2, model: 'res.partner', res_id: 99 });
    w.append('mail.message', { id: 3, model: 'sale.order', res_id: 1 });
    w.finish();
    const report = await checkIntegrity(await SnapshotReader.open(dir));
    expect(report.problems.map((p) => `${p.model} ${p.id} ${p.field}: ${p.message}`)).toEqual([
      'res.partner 2 parent_id: res.partner 9 does not exist',
      'res.partner 2 category_id: res.partner.category 5 does not exist',
      'res.partner 3 parent_id: many2one must be [id, "name"] or false, got 1',
      'res.partner 4 *: fields id,name,category_id differ from the manifest\'s id,name,parent_id,category_id',
      'mail.message 2 res_id: res.partner 99 does not exist',
    ]);
    expect(report.unchecked).toEqual(['mail.message.model → sale.order']);
  });
});

describe('snapshot source', () => {
  /** A tiny stock world: two warehouses, a transit location, quants and open moves. */
  function stockSnapshot(): string {
    const dir = tempDir();
    const w = SnapshotWriter.create(dir, {
      ...HEADER,
      models: {
        'stock.warehouse': ['name', 'code', 'lot_stock_id'],
        'stock.location': ['name', 'complete_name', 'usage', 'location_id', 'warehouse_id'],
        'stock.quant': ['product_id', 'location_id', 'warehouse_id', 'quantity', 'reserved_quantity'],
        'stock.move': ['product_id', 'product_uom_qty', 'state', 'location_id', 'location_dest_id', 'picking_code', 'warehouse_id'],
        'product.product': ['default_code', 'name', 'categ_id', 'qty_available', 'virtual_available', 'incoming_qty', 'outgoing_qty', 'active'],
        'product.category': ['name', 'complete_name', 'parent_id'],
        'res.partner': ['name', 'parent_id', 'category_id', 'active', 'country_id'],
      },
    });
    w.append('stock.warehouse', { id: 1, name: 'Amsterdam', code: 'AMS', lot_stock_id: [8, 'AMS/Stock'] });
    w.append('stock.warehouse', { id: 2, name: 'Rotterdam', code: 'RTM', lot_stock_id: [10, 'RTM/Stock'] });
    const loc = (id: number, complete: string, usage: string, wh: number | false) =>
      w.append('stock.location', { id, name: complete.split('/').pop(), complete_name: complete, usage, location_id: false, warehouse_id: wh === false ? false : [wh, wh === 1 ? 'Amsterdam' : 'Rotterdam'] });
    loc(4, 'Partners/Vendors', 'supplier', false);
    loc(5, 'Partners/Customers', 'customer', false);
    loc(8, 'AMS/Stock', 'internal', 1);
    loc(9, 'AMS/Stock/Shelf 1', 'internal', 1);
    loc(10, 'RTM/Stock', 'internal', 2);
    const bolt: [number, string] = [1, '[B1] Bolt'];
    const nut: [number, string] = [2, '[N1] Nut'];
    w.append('stock.quant', { id: 1, product_id: bolt, location_id: [8, 'AMS/Stock'], warehouse_id: [1, 'Amsterdam'], quantity: 100, reserved_quantity: 10 });
    w.append('stock.quant', { id: 2, product_id: bolt, location_id: [9, 'AMS/Stock/Shelf 1'], warehouse_id: false, quantity: 20.5, reserved_quantity: 0 });
    w.append('stock.quant', { id: 3, product_id: bolt, location_id: [10, 'RTM/Stock'], warehouse_id: [2, 'Rotterdam'], quantity: 7, reserved_quantity: 0 });
    w.append('stock.quant', { id: 4, product_id: nut, location_id: [10, 'RTM/Stock'], warehouse_id: [2, 'Rotterdam'], quantity: 0.1, reserved_quantity: 0 });
    w.append('stock.quant', { id: 5, product_id: nut, location_id: [10, 'RTM/Stock'], warehouse_id: [2, 'Rotterdam'], quantity: 0.2, reserved_quantity: 0 });
    const mv = (id: number, product: [number, string], qty: number, state: string, from: number, to: number, code: string) =>
      w.append('stock.move', { id, product_id: product, product_uom_qty: qty, state, location_id: [from, ''], location_dest_id: [to, ''], picking_code: code, warehouse_id: false });
    mv(1, bolt, 40, 'assigned', 4, 8, 'incoming'); // receipt into AMS
    mv(2, bolt, 15, 'confirmed', 8, 5, 'outgoing'); // delivery from AMS
    mv(3, bolt, 5, 'done', 8, 5, 'outgoing'); // done: no longer counts
    mv(4, bolt, 12, 'partially_available', 10, 5, 'outgoing'); // delivery from RTM
    mv(5, bolt, 30, 'waiting', 8, 10, 'internal'); // AMS → RTM transfer
    mv(6, nut, 3, 'cancel', 4, 10, 'incoming');
    w.append('product.category', { id: 1, name: 'All', complete_name: 'All', parent_id: false });
    w.append('product.category', { id: 2, name: 'Fasteners', complete_name: 'All / Fasteners', parent_id: [1, 'All'] });
    w.append('product.product', { id: 1, default_code: 'B1', name: 'Bolt', categ_id: [2, 'All / Fasteners'], qty_available: 127.5, virtual_available: 140.5, incoming_qty: 40, outgoing_qty: 27, active: true });
    w.append('product.product', { id: 2, default_code: 'N1', name: 'Nut', categ_id: [2, 'All / Fasteners'], qty_available: 0.3, virtual_available: 0.3, incoming_qty: 0, outgoing_qty: 0, active: true });
    w.append('product.product', { id: 3, default_code: 'OLD', name: 'Archived', categ_id: [1, 'All'], qty_available: 0, virtual_available: 0, incoming_qty: 0, outgoing_qty: 0, active: false });
    w.append('res.partner', { id: 1, name: 'Delta B.V.', parent_id: false, category_id: [3], active: true, country_id: [1, 'Netherlands'] });
    w.append('res.partner', { id: 2, name: 'Jan', parent_id: [1, 'Delta B.V.'], category_id: [], active: true, country_id: [1, 'Netherlands'] });
    w.append('res.partner', { id: 3, name: 'Gone GmbH', parent_id: false, category_id: [3, 4], active: false, country_id: false });
    w.finish();
    return dir;
  }

  const STOCK = ['qty_available', 'incoming_qty', 'outgoing_qty', 'virtual_available'];

  it('computes stock quantities for the warehouse in the context, as Odoo does', async () => {
    const source = await SnapshotSource.open(stockSnapshot());
    const ams = await source.searchRead('product.product', [['id', '=', 1]], STOCK, { context: { warehouse: 1 } });
    // Quants in AMS/Stock and its shelf; +40 receipt, −15 delivery, −30 transfer out.
    expect(ams).toEqual([{ id: 1, qty_available: 120.5, incoming_qty: 40, outgoing_qty: 45, virtual_available: 115.5 }]);
    const rtm = await source.searchRead('product.product', [['id', 'in', [1, 2]]], STOCK, { context: { warehouse: 'RTM' } });
    expect(rtm).toEqual([
      { id: 1, qty_available: 7, incoming_qty: 30, outgoing_qty: 12, virtual_available: 25 },
      { id: 2, qty_available: 0.3, incoming_qty: 0, outgoing_qty: 0, virtual_available: 0.3 },
    ]);
    // Both warehouses: the transfer between them is neither incoming nor outgoing.
    const both = await source.searchRead('product.product', [['id', '=', 1]], STOCK, { context: { warehouse: [1, 2] } });
    expect(both).toEqual([{ id: 1, qty_available: 127.5, incoming_qty: 40, outgoing_qty: 27, virtual_available: 140.5 }]);
    // By name (Odoo: ilike) too.
    expect((await source.searchRead('product.product', [['id', '=', 1]], ['qty_available'], { context: { warehouse: 'rotter' } }))[0]!.qty_available).toBe(7);
    // Without a warehouse: the exported, company-wide values.
    expect(await source.searchRead('product.product', [['id', '=', 1]], ['qty_available'])).toEqual([{ id: 1, qty_available: 127.5 }]);
  });

  it('filters on context-dependent quantities after computing them', async () => {
    const source = await SnapshotSource.open(stockSnapshot());
    const inRtm = await source.searchRead('product.product', [['qty_available', '>', 5]], ['default_code'], { context: { warehouse: 2 } });
    expect(inRtm).toEqual([{ id: 1, default_code: 'B1' }]);
  });

  it('names an unknown warehouse', async () => {
    const source = await SnapshotSource.open(stockSnapshot());
    const err = await expectSnapshotError(source.searchRead('product.product', [], ['qty_available'], { context: { warehouse: 'ANR' } }), 'unknown-warehouse');
    expect(err.hint).toContain('AMS');
  });

  it('evaluates domains, projects fields, orders and pages like search_read', async () => {
    const source = await SnapshotSource.open(stockSnapshot());
    expect(await source.searchRead('res.partner', [['parent_id', '=', 1]], ['name'])).toEqual([{ id: 2, name: 'Jan' }]);
    expect(await source.searchRead('res.partner', [['category_id', 'in', [3]]], ['name'])).toEqual([{ id: 1, name: 'Delta B.V.' }]);
    // active_test: archived records only when asked for.
    expect((await source.searchRead('res.partner', [], ['name'])).map((r) => r.id)).toEqual([1, 2]);
    expect((await source.searchRead('res.partner', [], ['name'], { context: { active_test: false } })).map((r) => r.id)).toEqual([1, 2, 3]);
    expect((await source.searchRead('res.partner', [['active', '=', false]], ['name'])).map((r) => r.id)).toEqual([3]);
    // Dotted path through a many2one.
    expect(await source.searchRead('product.product', [['categ_id.name', '=', 'Fasteners']], ['default_code'])).toEqual([
      { id: 1, default_code: 'B1' },
      { id: 2, default_code: 'N1' },
    ]);
    expect(await source.searchRead('product.product', [], ['display_name'], { order: 'default_code desc', limit: 1 })).toEqual([{ id: 2, display_name: '[N1] Nut' }]);
    expect((await source.searchRead('stock.quant', [], [], { offset: 1, limit: 2 })).map((r) => r.id)).toEqual([2, 3]);
    await expectSnapshotError(source.searchRead('res.partner', [], ['credit_limit']), 'unknown-field');
  });
});
