/**
 * The write side of the ORM: create / write / unlink with Odoo's value conversions and errors
 * (unknown field, bad selection value, bad datetime string, deleted record, missing required).
 * Everything happens in memory.
 */
import type { OdooFieldSpec } from '../../src/snapshot/models.js';
import { pyRepr } from '../../src/odoo/domain.js';
import { checkFieldAccess, nowUtc, type CallEnv } from './env.js';
import { missingError, validationError, valueError } from './errors.js';
import { fieldSpec } from './records.js';
import { IR_MODEL_IDS, SERVER_MODELS, fieldLabel, modelDescription } from './schema.js';
import { displayName, type StoredRecord } from './store.js';
import { PyFloat, isPyDict, type PyValue } from './wire.js';

type Vals = { [key: string]: PyValue };

/** Fields the ORM computes; values written to them are ignored, as Odoo ignores them. */
function isIgnoredOnWrite(name: string, spec: OdooFieldSpec): boolean {
  return name === 'id' || name === 'display_name' || Boolean(spec.contextDependent);
}

function many2oneValue(env: CallEnv, model: string, field: string, spec: OdooFieldSpec, value: PyValue): unknown {
  if (value === false || value === null || value === 0) return false;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw valueError(`Wrong value for ${model}.${field}: ${pyRepr(value)}`);
  }
  const relation = spec.relation as string;
  const target = env.store.get(relation, value);
  return [value, target ? displayName(relation, target) : `${relation},${value}`];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A value as the field stores it (`convert_to_cache`); throws ValueError like Odoo. */
function convertScalar(model: string, field: string, spec: OdooFieldSpec, value: PyValue): unknown {
  const raw = value instanceof PyFloat ? value.value : value;
  switch (spec.type) {
    case 'boolean':
      return Boolean(raw) && !(Array.isArray(raw) && raw.length === 0);
    case 'integer':
    case 'float':
    case 'monetary': {
      if (raw === false || raw === null) return 0;
      const n = typeof raw === 'string' ? Number(raw) : raw;
      if (typeof n !== 'number' || Number.isNaN(n)) {
        throw valueError(
          spec.type === 'integer'
            ? `invalid literal for int() with base 10: ${pyRepr(raw)}`
            : `could not convert string to float: ${pyRepr(raw)}`,
        );
      }
      return spec.type === 'integer' ? Math.trunc(n) : n;
    }
    case 'selection': {
      if (raw === false || raw === null) return false;
      if (!spec.selection?.some(([k]) => k === raw)) throw valueError(`Wrong value for ${model}.${field}: ${pyRepr(raw)}`);
      return raw;
    }
    case 'date': {
      if (raw === false || raw === null) return false;
      const text = String(raw).slice(0, 10);
      if (!DATE.test(text)) throw valueError(`time data ${pyRepr(String(raw))} does not match format '%Y-%m-%d'`);
      return text;
    }
    case 'datetime': {
      if (raw === false || raw === null) return false;
      const text = String(raw);
      if (DATE.test(text)) return `${text} 00:00:00`;
      if (!DATETIME.test(text)) throw valueError(`time data ${pyRepr(text)} does not match format '%Y-%m-%d %H:%M:%S'`);
      return text;
    }
    default:
      if (raw === false || raw === null) return false;
      return typeof raw === 'string' ? raw : String(raw);
  }
}

/** x2many commands: (0,_,vals) (1,id,vals) (2,id) (3,id) (4,id) (5) (6,_,ids), or a bare id list. */
function applyX2many(
  env: CallEnv,
  model: string,
  recordId: number,
  field: string,
  spec: OdooFieldSpec,
  current: readonly number[],
  value: PyValue,
): number[] {
  const relation = spec.relation as string;
  if (value === false || value === null) return [];
  if (!Array.isArray(value)) throw valueError(`Wrong value for ${model}.${field}: ${pyRepr(value)}`);
  if (value.every((v) => typeof v === 'number')) return [...(value as number[])];
  let ids = [...current];
  for (const command of value) {
    if (!Array.isArray(command) || typeof command[0] !== 'number') {
      throw valueError(`Wrong value for ${model}.${field}: ${pyRepr(value)}`);
    }
    const [code, id, arg] = command;
    switch (code) {
      case 0: {
        const vals: Vals = isPyDict(arg) ? { ...arg } : {};
        if (spec.type === 'one2many') {
          const inverse = inverseField(relation, model);
          if (inverse) vals[inverse] = recordId;
        }
        ids.push(createOne(env, relation, vals));
        break;
      }
      case 1:
        if (typeof id === 'number' && isPyDict(arg)) writeRecords(env, relation, [id], arg);
        break;
      case 2:
        if (typeof id === 'number') env.store.remove(relation, id);
        ids = ids.filter((x) => x !== id);
        break;
      case 3:
        ids = ids.filter((x) => x !== id);
        break;
      case 4:
        if (typeof id === 'number' && !ids.includes(id)) ids.push(id);
        break;
      case 5:
        ids = [];
        break;
      case 6:
        ids = Array.isArray(arg) ? arg.filter((x): x is number => typeof x === 'number') : [];
        break;
      default:
        throw valueError(`Wrong value for ${model}.${field}: ${pyRepr(value)}`);
    }
  }
  return ids;
}

/** The many2one on `comodel` that points back to `model` (one2many inverse). */
function inverseField(comodel: string, model: string): string | undefined {
  const fields = SERVER_MODELS[comodel]?.fields ?? {};
  return Object.keys(fields).find((f) => fields[f].type === 'many2one' && fields[f].relation === model);
}

function checkKnownFields(model: string, vals: Vals): void {
  for (const name of Object.keys(vals)) {
    if (!fieldSpec(model, name)) throw valueError(`Invalid field ${pyRepr(name)} on model ${pyRepr(model)}`);
  }
}

function defaultFor(name: string, spec: OdooFieldSpec): unknown {
  switch (spec.type) {
    case 'boolean':
      return name === 'active';
    case 'integer':
    case 'float':
    case 'monetary':
      return 0;
    case 'one2many':
    case 'many2many':
      return [];
    case 'selection':
      return name === 'state' && spec.selection ? spec.selection[0][0] : false;
    default:
      return false;
  }
}

function notNullViolation(model: string, field: string): Error {
  const spec = SERVER_MODELS[model].fields[field];
  return validationError(
    'The operation cannot be completed: - Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${modelDescription(model)} (${model})\nField: ${fieldLabel(field, spec)} (${field})\n`,
  );
}

/** `create` of one record; returns its id. */
export function createOne(env: CallEnv, model: string, input: Vals): number {
  checkKnownFields(model, input);
  checkFieldAccess(env, model, Object.keys(input), 'write');
  const spec = SERVER_MODELS[model];
  const values: Record<string, unknown> = {};
  const x2many: Array<[string, OdooFieldSpec, PyValue]> = [];
  for (const [name, fieldSpecOf] of Object.entries(spec.fields)) {
    if (!(name in input) || isIgnoredOnWrite(name, fieldSpecOf)) {
      values[name] = defaultFor(name, fieldSpecOf);
      continue;
    }
    const value = input[name];
    if (fieldSpecOf.type === 'many2one') values[name] = many2oneValue(env, model, name, fieldSpecOf, value);
    else if (fieldSpecOf.type === 'one2many' || fieldSpecOf.type === 'many2many') {
      values[name] = [];
      x2many.push([name, fieldSpecOf, value]);
    } else values[name] = convertScalar(model, name, fieldSpecOf, value);
  }
  const now = nowUtc();
  if ('create_date' in spec.fields) values.create_date = now;
  if ('write_date' in spec.fields) values.write_date = now;
  if ('create_uid' in spec.fields) values.create_uid = userPair(env);
  applyModelDefaults(env, model, input, values);
  const record = env.store.insert(model, values);
  for (const [name, fieldSpecOf, value] of x2many) {
    record[name] = applyX2many(env, model, record.id, name, fieldSpecOf, [], value);
  }
  return record.id;
}

function userPair(env: CallEnv): [number, string] {
  const stored = env.store.get('res.users', env.user.uid);
  return [env.user.uid, stored ? displayName('res.users', stored) : env.user.name ?? env.user.login];
}

function userPartner(env: CallEnv): unknown {
  return env.store.get('res.users', env.user.uid)?.partner_id ?? false;
}

/** Defaults and constraints particular to a model (what its Python `create` or `default=` does). */
function applyModelDefaults(env: CallEnv, model: string, input: Vals, values: Record<string, unknown>): void {
  if (model === 'mail.activity') {
    const irModelId = Array.isArray(values.res_model_id) ? values.res_model_id[0] : undefined;
    if (typeof irModelId !== 'number') throw notNullViolation('mail.activity', 'res_model_id');
    const irModel = env.store.get('ir.model', irModelId);
    // res_model is related to res_model_id.model: what the caller passed for it does not count.
    values.res_model = typeof irModel?.model === 'string' ? irModel.model : false;
    const target = typeof values.res_model === 'string' && typeof values.res_id === 'number' ? env.store.get(values.res_model, values.res_id) : undefined;
    values.res_name = target ? displayName(values.res_model as string, target) : false;
    if (!('user_id' in input)) values.user_id = userPair(env);
    if (!values.date_deadline) values.date_deadline = nowUtc().slice(0, 10);
  }
  if (model === 'mail.message') {
    if (!('author_id' in input)) values.author_id = userPartner(env);
    if (!('date' in input)) values.date = nowUtc();
    if (!('message_type' in input)) values.message_type = 'comment';
  }
}

/** `ir.model` id of a model, for callers building mail.activity values. */
export function irModelId(model: string): number | undefined {
  return IR_MODEL_IDS.get(model);
}

/** `write(vals)` on ids; a deleted record makes the whole write fail with MissingError. */
export function writeRecords(env: CallEnv, model: string, ids: readonly number[], vals: Vals): true {
  checkKnownFields(model, vals);
  checkFieldAccess(env, model, Object.keys(vals), 'write');
  const missing = ids.filter((id) => !env.store.get(model, id));
  if (missing.length > 0) {
    throw missingError(
      'One of the documents you are trying to access has been deleted, please try again after refreshing.' +
        `\n\n(Document type: ${model}, Operation: write, Records: ${pyRepr(missing.slice(0, 6))}, User: ${env.user.uid})`,
    );
  }
  const spec = SERVER_MODELS[model];
  for (const id of ids) {
    const record = env.store.get(model, id) as StoredRecord;
    for (const [name, value] of Object.entries(vals)) {
      const fieldSpecOf = spec.fields[name];
      if (!fieldSpecOf || isIgnoredOnWrite(name, fieldSpecOf)) continue;
      if (fieldSpecOf.type === 'many2one') record[name] = many2oneValue(env, model, name, fieldSpecOf, value);
      else if (fieldSpecOf.type === 'one2many' || fieldSpecOf.type === 'many2many') {
        const current = Array.isArray(record[name]) ? (record[name] as number[]) : [];
        record[name] = applyX2many(env, model, id, name, fieldSpecOf, current, value);
      } else record[name] = convertScalar(model, name, fieldSpecOf, value);
    }
    if ('write_date' in spec.fields) record.write_date = nowUtc();
  }
  return true;
}

/** `unlink()`: records already gone are fine (Odoo does not warn about deleting twice). */
export function unlinkRecords(env: CallEnv, model: string, ids: readonly number[]): true {
  for (const id of ids) env.store.remove(model, id);
  return true;
}
