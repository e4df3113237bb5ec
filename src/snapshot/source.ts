/**
 * A RecordSource over a snapshot folder, so the fact builder reads a snapshot exactly as it
 * reads live Odoo.
 *
 * Each model is loaded into memory on first use and indexed by id: right for reference data
 * and moderately sized queries. Whole-history passes (a million orders) should stream with
 * SnapshotReader.records() instead; `maxRecordsPerModel` turns an accidental full load into a
 * clear error.
 *
 * Odoo behaviour kept on purpose:
 * - domains are evaluated by the shared evaluator (src/odoo/domain.ts) via domain-filter.ts;
 * - `active_test`: on models with an `active` field, archived records are left out unless the
 *   domain names `active` or the context says `active_test: false`;
 * - stock quantities of product.product follow the `warehouse` context key (stock-context.ts);
 * - an empty `fields` list means every field; an unknown field is an error.
 * Default order is `id asc` (live Odoo uses each model's `_order`): pass `order` when it matters.
 */
import type { OdooDomain, OdooRecord, RecordSource, SearchReadOptions } from '../facts/source.js';
import type { DomainSchema, RecordResolver } from '../odoo/domain.js';
import { SnapshotError } from './errors.js';
import { SnapshotReader, type OpenSnapshotOptions } from './reader.js';
import { compileSnapshotDomain, mentionsField, modelsReachedBy, snapshotSchema } from './domain-filter.js';
import { computeStock, resolveWarehouses, type StockFigures } from './stock-context.js';
import { compareBy, parseOrder } from './order.js';

export interface SnapshotSourceOptions {
  /** Refuse to load a model with more records than this. Default 2,000,000. */
  maxRecordsPerModel?: number;
}

interface LoadedModel {
  records: OdooRecord[];
  byId: Map<number, OdooRecord>;
}

export class SnapshotSource implements RecordSource {
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();
  private readonly stockCache = new Map<string, Map<number, StockFigures>>();
  private readonly schema: DomainSchema;
  private readonly maxRecords: number;

  constructor(
    readonly reader: SnapshotReader,
    options: SnapshotSourceOptions = {},
  ) {
    this.maxRecords = options.maxRecordsPerModel ?? 2_000_000;
    this.schema = snapshotSchema((model) => (reader.has(model) ? reader.fields(model) : undefined));
  }

  static async open(dir: string, options: OpenSnapshotOptions & SnapshotSourceOptions = {}): Promise<SnapshotSource> {
    return new SnapshotSource(await SnapshotReader.open(dir, options), options);
  }

  async searchRead(model: string, domain: OdooDomain, fields: readonly string[], options: SearchReadOptions = {}): Promise<OdooRecord[]> {
    const context = options.context ?? {};
    const table = await this.load(model);
    const wanted = this.checkFields(model, fields);
    for (const related of modelsReachedBy(domain, model, this.schema)) {
      if (this.reader.has(related)) await this.load(related);
    }
    let rows: readonly OdooRecord[] = table.records;
    if (model === 'product.product' && context.warehouse !== undefined && context.warehouse !== false) {
      rows = await this.withWarehouseStock(rows, context.warehouse);
    } else if (model === 'product.product' && context.location !== undefined && context.location !== false) {
      throw new SnapshotError('unsupported-domain', 'the snapshot source computes stock for the `warehouse` context key only, not `location`');
    }
    const predicate = compileSnapshotDomain(domain, model, this.schema, this.resolver());
    const activeTest = context.active_test !== false && this.reader.fields(model).includes('active') && !mentionsField(domain, 'active');
    let hits = rows.filter((r) => (!activeTest || r.active !== false) && predicate(r));
    if (options.order) hits = [...hits].sort(compareBy(parseOrder(options.order, (f) => this.isKnownField(model, f))));
    const offset = options.offset ?? 0;
    hits = hits.slice(offset, options.limit === undefined || options.limit === 0 ? undefined : offset + options.limit);
    return hits.map((r) => project(model, r, wanted));
  }

  /** Every record of a model, loaded once and kept (id order). */
  async load(model: string): Promise<LoadedModel> {
    const done = this.loaded.get(model);
    if (done) return done;
    let pending = this.loading.get(model);
    if (!pending) {
      pending = this.readModel(model);
      this.loading.set(model, pending);
    }
    return pending;
  }

  private async readModel(model: string): Promise<LoadedModel> {
    const declared = this.reader.count(model);
    if (declared > this.maxRecords) {
      throw new SnapshotError('too-large', `${model} has ${declared} records, more than the ${this.maxRecords} the snapshot source loads into memory`, {
        hint: 'Stream it with SnapshotReader.records(), or raise maxRecordsPerModel.',
      });
    }
    const records: OdooRecord[] = [];
    const byId = new Map<number, OdooRecord>();
    for await (const record of this.reader.records(model)) {
      records.push(record);
      byId.set(record.id, record);
    }
    const table = { records, byId };
    this.loaded.set(model, table);
    this.loading.delete(model);
    return table;
  }

  private resolver(): RecordResolver {
    return {
      get: (model, id) => {
        const record = this.loaded.get(model)?.byId.get(id);
        return record ? withDisplayName(model, record) : undefined;
      },
      records: (model) => (this.loaded.get(model)?.records ?? []).map((r) => withDisplayName(model, r)),
    };
  }

  private async withWarehouseStock(rows: readonly OdooRecord[], warehouse: unknown): Promise<OdooRecord[]> {
    const stock = await this.stockFor(warehouse);
    return rows.map((r) => ({ ...r, ...(stock.get(r.id) ?? ZERO_STOCK) }));
  }

  private async stockFor(warehouse: unknown): Promise<Map<number, StockFigures>> {
    for (const needed of ['stock.warehouse', 'stock.quant']) {
      if (!this.reader.has(needed)) {
        throw new SnapshotError('unknown-model', `stock quantities under a warehouse context need ${needed}, which the snapshot lacks`);
      }
    }
    const warehouses = (await this.load('stock.warehouse')).records;
    const ids = resolveWarehouses(warehouse, warehouses);
    const key = [...ids].sort((a, b) => a - b).join(',');
    const cached = this.stockCache.get(key);
    if (cached) return cached;
    const figures = computeStock(ids, {
      warehouses,
      locations: this.reader.has('stock.location') ? (await this.load('stock.location')).records : undefined,
      quants: (await this.load('stock.quant')).records,
      moves: this.reader.has('stock.move') ? (await this.load('stock.move')).records : undefined,
    });
    this.stockCache.set(key, figures);
    return figures;
  }

  private checkFields(model: string, fields: readonly string[]): readonly string[] {
    const known = this.reader.fields(model);
    if (fields.length === 0) return known;
    for (const f of fields) {
      if (!this.isKnownField(model, f)) {
        throw new SnapshotError('unknown-field', `${model} has no field ${f} in this snapshot`, {
          hint: `Exported fields: ${known.join(', ')}.`,
        });
      }
    }
    return fields;
  }

  private isKnownField(model: string, field: string): boolean {
    return field === 'id' || field === 'display_name' || this.reader.fields(model).includes(field);
  }
}

const ZERO_STOCK: StockFigures = { qty_available: 0, incoming_qty: 0, outgoing_qty: 0, virtual_available: 0 };

/** `{ id, ...fields }` in the order asked, `false` for a field the record lacks (as Odoo sends). */
function project(model: string, record: OdooRecord, fields: readonly string[]): OdooRecord {
  const out: Record<string, unknown> = { id: record.id };
  for (const f of fields) {
    if (f === 'id') continue;
    out[f] = f === 'display_name' ? displayName(model, record) : (record[f] ?? false);
  }
  return out as OdooRecord;
}

function withDisplayName(model: string, record: OdooRecord): OdooRecord {
  return typeof record.display_name === 'string' ? record : { ...record, display_name: displayName(model, record) };
}

/** Odoo's display name for the models distrule reads: `[code] name` for products, else the full or plain name. */
function displayName(model: string, record: OdooRecord): string | false {
  if (typeof record.display_name === 'string') return record.display_name;
  if ((model === 'product.product' || model === 'product.template') && typeof record.name === 'string') {
    return typeof record.default_code === 'string' && record.default_code ? `[${record.default_code}] ${record.name}` : record.name;
  }
  if (typeof record.complete_name === 'string') return record.complete_name;
  return typeof record.name === 'string' ? record.name : false;
}
