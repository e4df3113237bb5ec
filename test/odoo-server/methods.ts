/**
 * The model methods the server exposes, with their Python signatures, so that argument mistakes
 * fail the way they fail on Odoo: a TypeError over XML-RPC / JSON-RPC, a 422 over JSON-2.
 */
import { pyRepr } from '../../src/odoo/domain.js';
import { nowUtc, visibleAfterLimit, type CallEnv } from './env.js';
import { missingError, typeError, userError, valueError } from './errors.js';
import { fieldsGet, readRecords, searchIds } from './records.js';
import { MAIL_THREAD_MODELS, methodOwner } from './schema.js';
import { displayName } from './store.js';
import { createOne, unlinkRecords, writeRecords } from './writes.js';
import { isPyDict, pyTruthy, type PyValue } from './wire.js';

const REQUIRED = Symbol('required');

interface Param {
  name: string;
  default: PyValue | typeof REQUIRED;
  keywordOnly?: boolean;
}

export interface MethodDef {
  /** `model` (@api.model), `create` (@api.model_create_multi) or `records` (called on ids). */
  api: 'model' | 'create' | 'records';
  params: readonly Param[];
  /** Accepts `**kwargs`. */
  varKeywords?: boolean;
  run(env: CallEnv, model: string, ids: number[], args: Readonly<Record<string, PyValue>>, extra: Readonly<Record<string, PyValue>>): PyValue;
}

const p = (name: string, value: PyValue | typeof REQUIRED = REQUIRED): Param => ({ name, default: value });
const kw = (name: string, value: PyValue): Param => ({ name, default: value, keywordOnly: true });

function asIds(value: PyValue | undefined): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

function asDomain(value: PyValue | undefined): readonly unknown[] {
  if (value === null || value === undefined || value === false) return [];
  return Array.isArray(value) ? value : (value as unknown as readonly unknown[]);
}

function asLimit(value: PyValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

function asFields(value: PyValue | undefined): string[] | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value === 'string') return [...value]; // Python iterates the string, as Odoo would
  if (!Array.isArray(value)) throw typeError(`'${typeof value === 'number' ? 'int' : 'dict'}' object is not iterable`);
  return value.map((v) => (typeof v === 'string' ? v : pyRepr(v)));
}

function recordsetRepr(model: string, ids: readonly number[]): string {
  return `${model}(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`;
}

function ensureExisting(env: CallEnv, model: string, ids: readonly number[], operation: string): void {
  const missing = ids.filter((id) => !env.store.get(model, id));
  if (missing.length > 0) {
    throw missingError(
      'One of the documents you are trying to access has been deleted, please try again after refreshing.' +
        `\n\n(Document type: ${model}, Operation: ${operation}, Records: ${pyRepr(missing.slice(0, 6))}, User: ${env.user.uid})`,
    );
  }
}

function ensureOne(model: string, ids: readonly number[]): number {
  if (ids.length !== 1) throw valueError(`Expected singleton: ${recordsetRepr(model, ids)}`);
  return ids[0];
}

// ------------------------------------------------------------------------------------------
// BaseModel methods.

const BASE_METHODS: Readonly<Record<string, MethodDef>> = {
  search: {
    api: 'model',
    params: [p('domain'), p('offset', 0), p('limit', null), p('order', null)],
    run: (env, model, _ids, a) =>
      visibleAfterLimit(env, model, searchIds(env, model, asDomain(a.domain), { offset: Number(a.offset) || 0, limit: asLimit(a.limit), order: (a.order as string | null) || null })),
  },
  search_count: {
    api: 'model',
    params: [p('domain'), p('limit', null)],
    run: (env, model, _ids, a) => {
      const visible = visibleAfterLimit(env, model, searchIds(env, model, asDomain(a.domain), { order: 'id' }));
      const limit = asLimit(a.limit);
      return typeof limit === 'number' ? Math.min(limit, visible.length) : visible.length;
    },
  },
  search_read: {
    api: 'model',
    params: [p('domain', null), p('fields', null), p('offset', 0), p('limit', null), p('order', null)],
    varKeywords: true,
    run: (env, model, _ids, a, extra) => {
      for (const key of Object.keys(extra)) {
        if (key !== 'load') throw typeError(`BaseModel.read() got an unexpected keyword argument '${key}'`);
      }
      const ids = visibleAfterLimit(env, model, searchIds(env, model, asDomain(a.domain), { offset: Number(a.offset) || 0, limit: asLimit(a.limit), order: (a.order as string | null) || null }));
      return readRecords(env, model, ids, asFields(a.fields), extra.load ?? '_classic_read');
    },
  },
  read: {
    api: 'records',
    params: [p('fields', null), p('load', '_classic_read')],
    run: (env, model, ids, a) => readRecords(env, model, ids, asFields(a.fields), a.load),
  },
  fields_get: {
    api: 'model',
    params: [p('allfields', null), p('attributes', null)],
    run: (env, model, _ids, a) => fieldsGet(env, model, a.allfields, a.attributes),
  },
  create: {
    api: 'create',
    params: [p('vals_list')],
    run: (env, model, _ids, a) => {
      const single = isPyDict(a.vals_list);
      const list = single ? [a.vals_list] : Array.isArray(a.vals_list) ? a.vals_list : [];
      const created = list.map((vals) => {
        if (!isPyDict(vals)) throw valueError(`Wrong value for create: ${pyRepr(vals)}`);
        return createOne(env, model, vals);
      });
      // Over RPC Odoo returns an id for a dict and ids for a list; JSON-2 always returns ids.
      return single && env.transport === 'rpc' ? created[0] : created;
    },
  },
  write: {
    api: 'records',
    params: [p('vals')],
    run: (env, model, ids, a) => {
      if (!isPyDict(a.vals)) throw typeError(`'${pyRepr(a.vals)}' object is not a mapping`);
      return writeRecords(env, model, ids, a.vals);
    },
  },
  unlink: { api: 'records', params: [], run: (env, model, ids) => unlinkRecords(env, model, ids) },
  name_search: {
    api: 'model',
    params: [p('name', ''), p('args', null), p('operator', 'ilike'), p('limit', 100)],
    run: (env, model, _ids, a) => nameSearch(env, model, a.name, a.args, a.operator, a.limit),
  },
};

/** Odoo 18 renamed name_search's `args` to `domain`. */
const NAME_SEARCH_19: MethodDef = {
  ...BASE_METHODS.name_search,
  params: [p('name', ''), p('domain', null), p('operator', 'ilike'), p('limit', 100)],
  run: (env, model, _ids, a) => nameSearch(env, model, a.name, a.domain, a.operator, a.limit),
};

function nameSearch(env: CallEnv, model: string, name: PyValue, domain: PyValue, operator: PyValue, limit: PyValue): PyValue {
  const filters: unknown[] = [...asDomain(domain)];
  if (typeof name === 'string' && name !== '') filters.push(['display_name', operator, name]);
  const ids = searchIds(env, model, filters, { limit: asLimit(limit) });
  return ids.map((id) => [id, displayName(model, env.store.get(model, id) ?? { id })]);
}

// ------------------------------------------------------------------------------------------
// Business methods distrule's daemon calls (or might): state changes, chatter, activities.

function setState(env: CallEnv, model: string, ids: readonly number[], state: string, from?: readonly string[]): void {
  ensureExisting(env, model, ids, 'write');
  for (const id of ids) {
    const record = env.store.get(model, id);
    if (record && (!from || from.includes(String(record.state)))) {
      record.state = state;
      if ('write_date' in record) record.write_date = nowUtc();
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

const NOTE_SUBTYPE: PyValue = [2, 'Note'];
const COMMENT_SUBTYPE: PyValue = [1, 'Discussions'];
const ACTIVITIES_SUBTYPE: PyValue = [3, 'Activities'];

function postMessage(env: CallEnv, model: string, resId: number, values: Record<string, PyValue>): number {
  return createOne(env, 'mail.message', { model, res_id: resId, ...values });
}

const MESSAGE_POST: MethodDef = {
  api: 'records',
  params: [
    kw('body', ''), kw('subject', null), kw('message_type', 'notification'), kw('subtype_xmlid', null),
    kw('subtype_id', false), kw('partner_ids', null), kw('author_id', null), kw('body_is_html', false),
  ],
  varKeywords: true,
  run: (env, model, ids, a) => {
    const id = ensureOne(model, ids);
    ensureExisting(env, model, [id], 'read');
    const body = typeof a.body === 'string' ? a.body : '';
    const subtype = a.subtype_xmlid === 'mail.mt_comment' ? COMMENT_SUBTYPE : NOTE_SUBTYPE;
    const values: Record<string, PyValue> = {
      body: a.body_is_html ? body : body === '' ? '' : `<p>${escapeHtml(body)}</p>`,
      message_type: a.message_type ?? 'notification',
      subject: a.subject ?? false,
    };
    if (typeof a.author_id === 'number') values.author_id = a.author_id;
    const messageId = postMessage(env, model, id, values);
    env.store.get('mail.message', messageId)!.subtype_id = subtype;
    // @api.returns('mail.message'): RPC downgrades to the id, JSON-2 returns the recordset's ids.
    return env.transport === 'rpc' ? messageId : [messageId];
  },
};

function activityDone(env: CallEnv, ids: readonly number[], feedback: PyValue): PyValue {
  ensureExisting(env, 'mail.activity', ids, 'read');
  const messages: number[] = [];
  for (const id of ids) {
    const activity = env.store.get('mail.activity', id)!;
    const typeName = Array.isArray(activity.activity_type_id) ? String(activity.activity_type_id[1]) : 'Activity';
    const note = pyTruthy(feedback) ? `<div class="o_mail_note_title">Feedback:</div><p>${escapeHtml(String(feedback))}</p>` : '';
    if (typeof activity.res_model === 'string' && typeof activity.res_id === 'number') {
      const messageId = postMessage(env, activity.res_model, activity.res_id, {
        body: `<div><p>${escapeHtml(typeName)} done</p>${note}</div>`,
        message_type: 'notification',
      });
      const message = env.store.get('mail.message', messageId)!;
      message.subtype_id = ACTIVITIES_SUBTYPE;
      message.mail_activity_type_id = activity.activity_type_id ?? false;
      messages.push(messageId);
    }
    env.store.remove('mail.activity', id);
  }
  return messages.length > 0 ? messages[0] : false;
}

const MODEL_METHODS: Readonly<Record<string, Readonly<Record<string, MethodDef>>>> = {
  'sale.order': {
    action_confirm: {
      api: 'records',
      params: [],
      run: (env, model, ids) => {
        ensureExisting(env, model, ids, 'write');
        const blocked = ids.map((id) => env.store.get(model, id)!).filter((o) => !['draft', 'sent'].includes(String(o.state)));
        if (blocked.length > 0) {
          throw userError(
            `The following orders are not in a state requiring confirmation: ${blocked.map((o) => displayName(model, o)).join(', ')}`,
          );
        }
        setState(env, model, ids, 'sale');
        return true;
      },
    },
    action_cancel: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'cancel'), true) },
    action_draft: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'draft', ['cancel', 'sent']), true) },
    // These return None in Odoo: over XML-RPC they fault ("cannot marshal None").
    action_lock: { api: 'records', params: [], run: (env, model, ids) => (ensureExisting(env, model, ids, 'write'), null) },
    action_unlock: { api: 'records', params: [], run: (env, model, ids) => (ensureExisting(env, model, ids, 'write'), null) },
  },
  'purchase.order': {
    button_confirm: {
      api: 'records',
      params: [],
      run: (env, model, ids) => {
        setState(env, model, ids, 'purchase', ['draft', 'sent']);
        for (const id of ids) env.store.get(model, id)!.date_approve = nowUtc();
        return true;
      },
    },
    button_approve: { api: 'records', params: [p('force', false)], run: (env, model, ids) => (setState(env, model, ids, 'purchase'), {}) },
    button_cancel: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'cancel'), null) },
    button_draft: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'draft'), {}) },
  },
  'stock.picking': {
    action_assign: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'assigned', ['confirmed', 'waiting']), true) },
    do_unreserve: { api: 'records', params: [], run: (env, model, ids) => (setState(env, model, ids, 'confirmed', ['assigned']), null) },
  },
  'mail.activity': {
    action_feedback: {
      api: 'records',
      params: [p('feedback', false), p('attachment_ids', null)],
      run: (env, _model, ids, a) => activityDone(env, ids, a.feedback),
    },
    action_done: { api: 'records', params: [], run: (env, _model, ids) => activityDone(env, ids, false) },
  },
};

export function findMethod(model: string, name: string, version: string): MethodDef | undefined {
  if (name === 'message_post' && MAIL_THREAD_MODELS.has(model)) return MESSAGE_POST;
  if (name === 'name_search' && !version.startsWith('17')) return NAME_SEARCH_19;
  if (Object.prototype.hasOwnProperty.call(BASE_METHODS, name)) return BASE_METHODS[name];
  const own = MODEL_METHODS[model];
  return own && Object.prototype.hasOwnProperty.call(own, name) ? own[name] : undefined;
}

// ------------------------------------------------------------------------------------------
// Binding arguments to a signature, with Python's complaints.

export type BindFailure =
  | { kind: 'unexpected'; name: string }
  | { kind: 'multiple'; name: string }
  | { kind: 'too-many'; min: number; max: number; given: number }
  | { kind: 'missing'; names: string[] };

export interface Bound {
  args: Record<string, PyValue>;
  extra: Record<string, PyValue>;
}

export function bindArguments(def: MethodDef, positional: readonly PyValue[], keywords: Readonly<Record<string, PyValue>>): Bound | BindFailure {
  const positionalParams = def.params.filter((x) => !x.keywordOnly);
  const args: Record<string, PyValue> = {};
  const extra: Record<string, PyValue> = {};
  positional.slice(0, positionalParams.length).forEach((value, i) => (args[positionalParams[i].name] = value));
  for (const [name, value] of Object.entries(keywords)) {
    const param = def.params.find((x) => x.name === name);
    if (!param) {
      if (!def.varKeywords) return { kind: 'unexpected', name };
      extra[name] = value;
    } else if (name in args) {
      return { kind: 'multiple', name };
    } else {
      args[name] = value;
    }
  }
  if (positional.length > positionalParams.length) {
    const required = positionalParams.filter((x) => x.default === REQUIRED).length;
    return { kind: 'too-many', min: required + 1, max: positionalParams.length + 1, given: positional.length + 1 };
  }
  const missing = def.params.filter((x) => x.default === REQUIRED && !(x.name in args)).map((x) => x.name);
  if (missing.length > 0) return { kind: 'missing', names: missing };
  for (const param of def.params) if (!(param.name in args) && param.default !== REQUIRED) args[param.name] = param.default;
  return { args, extra };
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return quoted[0];
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/** The TypeError Python raises when calling the method with these arguments. */
export function callErrorMessage(model: string, method: string, failure: BindFailure): string {
  const fn = `${methodOwner(model, method)}.${method}()`;
  switch (failure.kind) {
    case 'unexpected':
      return `${fn} got an unexpected keyword argument '${failure.name}'`;
    case 'multiple':
      return `${fn} got multiple values for argument '${failure.name}'`;
    case 'too-many':
      return failure.min === failure.max
        ? `${fn} takes ${failure.max} positional argument${failure.max === 1 ? '' : 's'} but ${failure.given} ${failure.given === 1 ? 'was' : 'were'} given`
        : `${fn} takes from ${failure.min} to ${failure.max} positional arguments but ${failure.given} were given`;
    case 'missing':
      return `${fn} missing ${failure.names.length} required positional argument${failure.names.length === 1 ? '' : 's'}: ${quoteList(failure.names)}`;
  }
}

/** The TypeError `inspect.Signature.bind` raises (JSON-2 answers it with a 422). */
export function bindErrorMessage(failure: BindFailure): string {
  switch (failure.kind) {
    case 'unexpected':
      return `got an unexpected keyword argument '${failure.name}'`;
    case 'multiple':
      return `multiple values for argument '${failure.name}'`;
    case 'too-many':
      return 'too many positional arguments';
    case 'missing':
      return `missing a required argument: '${failure.names[0]}'`;
  }
}

export function isBindFailure(value: Bound | BindFailure): value is BindFailure {
  return 'kind' in value;
}
