/**
 * What an export reads from one server: for each model, the fields (distrule's explicit list
 * intersected with what `fields_get` says this server has and this user may read) and the
 * domain that cuts it.
 *
 * Fields that are absent are left out and reported, never a crash:
 * - not on the server (a module not installed, e.g. `margin` without sale_margin);
 * - not readable by the user (credit fields need accounting rights): Odoo's `fields_get` hides
 *   them, and a probe read catches servers that list them but refuse the read.
 * A model the server does not know at all (purchase not installed) is left out the same way.
 */
import type { OdooDomain } from '../facts/source.js';
import { OdooAccessError, OdooError } from '../odoo/errors.js';
import type { OdooClient, OdooContext } from '../odoo/client.js';
import { MODELS } from '../snapshot/models.js';
import type { ExportRange } from './range.js';

/** The client calls an export makes: read-only, and nothing else. */
export type ExportClient = Pick<OdooClient, 'url' | 'database' | 'login' | 'version' | 'transport' | 'searchRead' | 'searchCount' | 'fieldsGet'>;

export interface MissingField {
  field: string;
  /** `access`: the user may not read it; `not-on-server`: this Odoo has no such field. */
  reason: 'access' | 'not-on-server';
  /** Groups that may read it (reason `access`), as Odoo names them. */
  groups?: string;
  message: string;
}

export interface ExportWarning {
  code: 'field-access' | 'field-missing' | 'model-missing';
  model: string;
  fields: string[];
  /** One line, naming the fields and, for access, the right needed. */
  message: string;
}

export interface ModelPlan {
  model: string;
  /** Exported fields, in the order of MODELS (`id` is always written first). */
  fields: string[];
  /** The domain that selects the model's records (the keyset condition is added per page). */
  domain: OdooDomain;
  missing: MissingField[];
}

export interface ExportPlan {
  models: ModelPlan[];
  /** Models the server does not have, with the reason. */
  missingModels: Record<string, string>;
  warnings: ExportWarning[];
}

/** Documents whose chatter and activities carry approvals: mail.message / mail.activity are cut to these. */
export const GOVERNED_DOCUMENTS: readonly string[] = ['sale.order', 'purchase.order', 'stock.picking', 'account.move'];

/** Order lines follow their order: the lines of the orders in range, whatever the line's own dates. */
const FOLLOWS_ORDER: Readonly<Record<string, string>> = {
  'sale.order.line': 'sale.order',
  'purchase.order.line': 'purchase.order',
};

/** Modules that bring a field, for the warning when it is absent. */
const FIELD_MODULES: Readonly<Record<string, string>> = {
  'sale.order.margin': 'sale_margin',
  'sale.order.line.margin': 'sale_margin',
  'sale.order.line.purchase_price': 'sale_margin',
  'res.partner.credit_limit': 'account',
  'res.partner.credit': 'account',
};

/** The domain of one model over the range (without the keyset condition). */
export function scopeDomain(model: string, range: ExportRange): unknown[] {
  const spec = MODELS[model];
  if (!spec) throw new Error(`no export scope for unknown model ${model}`);
  const parent = FOLLOWS_ORDER[model];
  if (parent) {
    const field = `order_id.${MODELS[parent]!.timeField!}`;
    return [[field, '>=', range.odooSince], [field, '<', range.odooUntil]];
  }
  const domain: unknown[] = [];
  if (spec.timeField) domain.push([spec.timeField, '>=', range.odooSince], [spec.timeField, '<', range.odooUntil]);
  // Quants of the warehouses' (internal) locations, each with its warehouse: what Odoo counts as on-hand per warehouse.
  if (model === 'stock.quant') domain.push(['warehouse_id', '!=', false]);
  if (model === 'mail.message') domain.push(['model', 'in', [...GOVERNED_DOCUMENTS]]);
  if (model === 'mail.activity') domain.push(['res_model', 'in', [...GOVERNED_DOCUMENTS]]);
  return domain;
}

function humanGroups(groups: string): string {
  return groups
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .join(' or ');
}

export interface PlanOptions {
  context: OdooContext;
  signal?: AbortSignal;
}

/** Asks the server which fields exist and may be read, model by model (one fields_get each). */
export async function planExport(client: ExportClient, models: readonly string[], range: ExportRange, options: PlanOptions): Promise<ExportPlan> {
  const plans: ModelPlan[] = [];
  const missingModels: Record<string, string> = {};
  const warnings: ExportWarning[] = [];
  const who = client.login ? `the Odoo user "${client.login}"` : 'the Odoo user of this API key';
  for (const model of models) {
    const spec = MODELS[model]!;
    let available: Record<string, unknown>;
    try {
      available = await client.fieldsGet(model, { attributes: ['type'], context: options.context, signal: options.signal });
    } catch (error) {
      if (error instanceof OdooError && error.kind === 'unknown-model-or-method') {
        const message = `${model} is not on this Odoo server (its module is not installed); it is left out of the snapshot`;
        missingModels[model] = 'not on this server';
        warnings.push({ code: 'model-missing', model, fields: [], message });
        continue;
      }
      throw error;
    }
    const missing: MissingField[] = [];
    const fields: string[] = [];
    for (const [field, fieldSpec] of Object.entries(spec.fields)) {
      if (Object.hasOwn(available, field)) {
        fields.push(field);
        continue;
      }
      if (fieldSpec.groups) {
        missing.push({
          field,
          reason: 'access',
          groups: fieldSpec.groups,
          message: `${who} may not read ${model}.${field}: it needs ${humanGroups(fieldSpec.groups)}`,
        });
      } else {
        const module = FIELD_MODULES[`${model}.${field}`];
        missing.push({
          field,
          reason: 'not-on-server',
          message: `${model}.${field} is not on this Odoo server${module ? ` (module ${module} not installed?)` : ''}`,
        });
      }
    }
    // A server may list a guarded field and still refuse to read it: probe once, drop what it refuses.
    const guarded = fields.filter((f) => spec.fields[f]?.groups);
    if (guarded.length > 0) {
      const refused = await probeAccess(client, model, guarded, options);
      for (const field of refused) {
        fields.splice(fields.indexOf(field), 1);
        const groups = spec.fields[field]!.groups!;
        missing.push({ field, reason: 'access', groups, message: `${who} may not read ${model}.${field}: it needs ${humanGroups(groups)}` });
      }
    }
    missing.sort((a, b) => fieldIndex(model, a.field) - fieldIndex(model, b.field));
    plans.push({ model, fields, domain: scopeDomain(model, range), missing });
    warnings.push(...warningsFor(model, missing, who));
  }
  return { models: plans, missingModels, warnings };
}

function fieldIndex(model: string, field: string): number {
  return Object.keys(MODELS[model]!.fields).indexOf(field);
}

/** The guarded fields the server refuses to read (none when the probe read succeeds). */
async function probeAccess(client: ExportClient, model: string, guarded: readonly string[], options: PlanOptions): Promise<string[]> {
  let trying = [...guarded];
  const refused: string[] = [];
  while (trying.length > 0) {
    try {
      await client.searchRead(model, [], trying, { limit: 1, context: { ...options.context, active_test: false }, signal: options.signal });
      break;
    } catch (error) {
      if (!(error instanceof OdooError) || error.kind !== 'access') throw error;
      const named = (error instanceof OdooAccessError ? (error.access.fields ?? []) : []).filter((f) => trying.includes(f));
      // A refusal that names no field may not be about fields at all (e.g. "Access to
      // unauthorized or invalid companies"): if a read without them is refused too, say that.
      if (named.length === 0) await client.searchRead(model, [], ['id'], { limit: 1, context: { ...options.context, active_test: false }, signal: options.signal });
      const drop = named.length > 0 ? named : trying;
      refused.push(...drop);
      trying = trying.filter((f) => !drop.includes(f));
    }
  }
  return guarded.filter((f) => refused.includes(f));
}

function warningsFor(model: string, missing: readonly MissingField[], who: string): ExportWarning[] {
  const out: ExportWarning[] = [];
  const byGroups = new Map<string, string[]>();
  for (const m of missing.filter((x) => x.reason === 'access')) byGroups.set(m.groups ?? '', [...(byGroups.get(m.groups ?? '') ?? []), m.field]);
  for (const [groups, fields] of byGroups) {
    const credit = fields.some((f) => f.startsWith('credit'));
    out.push({
      code: 'field-access',
      model,
      fields,
      message:
        `${fields.map((f) => `${model}.${f}`).join(', ')} not exported: ${who} lacks the right to read ${fields.length > 1 ? 'them' : 'it'} ` +
        `(${credit ? 'accounting rights: ' : ''}${humanGroups(groups)}). ` +
        (credit
          ? 'Credit facts will be missing and credit rules fail closed; give the user Accounting › Billing or Read-only access and export again.'
          : 'Grant the user one of these groups and export again to include it.'),
    });
  }
  const absent = missing.filter((x) => x.reason === 'not-on-server');
  if (absent.length > 0) {
    out.push({
      code: 'field-missing',
      model,
      fields: absent.map((m) => m.field),
      message: `${absent.map((m) => m.message).join('; ')}; left out of the snapshot, facts built on ${absent.length > 1 ? 'them' : 'it'} will be missing`,
    });
  }
  return out;
}
