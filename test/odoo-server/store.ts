/**
 * The server's in-memory database: records per model, indexed by id. Seeded from a snapshot
 * folder or from plain data; writes stay in memory, the snapshot on disk is never touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotManifest } from '../../src/snapshot/models.js';
import { IR_MODEL_IDS, SERVER_MODELS, modelDescription } from './schema.js';

/** A stored record: as `search_read` returns it, `id` included. Mutable on purpose. */
export type StoredRecord = Record<string, unknown> & { id: number };

export type SeedData = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;

/** Reads `manifest.json` and every `<model>.jsonl` it lists. Throws with file:line on bad input. */
export function readSnapshotFolder(dir: string): { manifest: SnapshotManifest; data: Record<string, StoredRecord[]> } {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SnapshotManifest;
  const data: Record<string, StoredRecord[]> = {};
  for (const [model, entry] of Object.entries(manifest.models)) {
    const file = join(dir, entry.file);
    const lines = readFileSync(file, 'utf8').split('\n');
    data[model] = [];
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
      }
      if (typeof record !== 'object' || record === null || typeof (record as { id?: unknown }).id !== 'number') {
        throw new Error(`${file}:${index + 1}: a record needs a numeric id`);
      }
      data[model].push(record as StoredRecord);
    });
  }
  return { manifest, data };
}

export class RecordStore {
  private readonly tables = new Map<string, Map<number, StoredRecord>>();
  private readonly nextIds = new Map<string, number>();

  constructor(seed: SeedData) {
    for (const model of Object.keys(SERVER_MODELS)) this.tables.set(model, new Map());
    for (const [model, records] of Object.entries(seed)) {
      if (!SERVER_MODELS[model]) throw new Error(`unknown model in seed data: ${model}`);
      const table = this.table(model);
      const hasActive = Boolean(SERVER_MODELS[model].fields.active);
      for (const record of records) {
        const copy = structuredClone(record) as StoredRecord;
        // Odoo's default: a hand-written seed record without `active` is active, not archived.
        if (hasActive && copy.active === undefined) copy.active = true;
        table.set(copy.id, copy);
      }
    }
    // ir.model answers for every model the server knows, as on a real database.
    const irModel = this.table('ir.model');
    if (irModel.size === 0) {
      for (const [name, id] of IR_MODEL_IDS) irModel.set(id, { id, model: name, name: modelDescription(name) });
    }
    // A snapshot has mail.activity.res_model but not res_model_id (not exported): derive it.
    for (const activity of this.table('mail.activity').values()) {
      const irId = typeof activity.res_model === 'string' ? IR_MODEL_IDS.get(activity.res_model) : undefined;
      if (activity.res_model_id === undefined && irId !== undefined) activity.res_model_id = [irId, modelDescription(activity.res_model as string)];
    }
    for (const [model, table] of this.tables) {
      let max = 0;
      for (const id of table.keys()) max = Math.max(max, id);
      this.nextIds.set(model, max + 1);
    }
  }

  hasModel(model: string): boolean {
    return this.tables.has(model);
  }

  get(model: string, id: number): StoredRecord | undefined {
    return this.tables.get(model)?.get(id);
  }

  /** All records of a model, by ascending id for seeded data, then in creation order. */
  all(model: string): StoredRecord[] {
    return [...(this.tables.get(model)?.values() ?? [])];
  }

  count(model: string): number {
    return this.tables.get(model)?.size ?? 0;
  }

  insert(model: string, values: Omit<StoredRecord, 'id'>): StoredRecord {
    const id = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, id + 1);
    const record = { ...values, id } as StoredRecord;
    this.table(model).set(id, record);
    return record;
  }

  remove(model: string, id: number): boolean {
    return this.table(model).delete(id);
  }

  private table(model: string): Map<number, StoredRecord> {
    const table = this.tables.get(model);
    if (!table) throw new Error(`unknown model ${model}`);
    return table;
  }
}

function pairName(value: unknown): string | undefined {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : undefined;
}

/** `display_name` as Odoo 17 computes it for the models distrule reads. */
export function displayName(model: string, record: Readonly<Record<string, unknown>>): string {
  const name = typeof record.name === 'string' ? record.name : '';
  switch (model) {
    case 'res.partner': {
      const parent = pairName(record.parent_id);
      if (parent && !record.is_company) return name ? `${parent}, ${name}` : parent;
      return name;
    }
    case 'product.product':
    case 'product.template':
      return typeof record.default_code === 'string' && record.default_code ? `[${record.default_code}] ${name}` : name;
    case 'product.category':
    case 'stock.location':
      return typeof record.complete_name === 'string' && record.complete_name ? record.complete_name : name;
    case 'sale.order.line':
    case 'purchase.order.line': {
      const order = pairName(record.order_id) ?? '';
      const first = name.split('\n')[0] || pairName(record.product_id) || '';
      return `${order} - ${first}`;
    }
    case 'product.pricelist': {
      const currency = pairName(record.currency_id);
      return currency ? `${name} (${currency})` : name;
    }
    case 'stock.picking.type': {
      const warehouse = pairName(record.warehouse_id);
      return warehouse ? `${warehouse}: ${name}` : name;
    }
    case 'mail.activity':
      return typeof record.summary === 'string' && record.summary ? record.summary : pairName(record.activity_type_id) ?? '';
    case 'stock.move':
      return typeof record.reference === 'string' && record.reference ? record.reference : `${model},${String(record.id)}`;
    case 'ir.model':
      return name;
    default:
      return name || `${model},${String(record.id)}`;
  }
}
