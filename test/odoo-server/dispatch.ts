/**
 * `dispatch_rpc` (services common / object / db, shared by XML-RPC and JSON-RPC) and the JSON-2
 * call path, each with the checks, in the order, Odoo makes them.
 */
import { pyRepr } from '../../src/odoo/domain.js';
import type { CallEnv, OdooVersion, ServerUser } from './env.js';
import { HttpError, OdooError, accessDenied, accessError, attributeError, typeError, userError } from './errors.js';
import { bindArguments, bindErrorMessage, callErrorMessage, findMethod, isBindFailure } from './methods.js';
import type { RecordStore } from './store.js';
import { isPyDict, type PyValue } from './wire.js';

export interface ServerState {
  store: RecordStore;
  version: OdooVersion;
  database: string;
  users: readonly ServerUser[];
}

/** What a call was about, for the call log. */
export interface CallInfo {
  service?: string;
  method?: string;
  model?: string;
  uid?: number;
}

const VERSION_INFO = (version: OdooVersion): PyValue => [Number(version.split('.')[0]), 0, 0, 'final', 0, ''];

export function versionPayload(version: OdooVersion): { [key: string]: PyValue } {
  return { server_version: version, server_version_info: VERSION_INFO(version), server_serie: version, protocol_version: 1 };
}

export function webVersionPayload(version: OdooVersion): { [key: string]: PyValue } {
  return { version_info: VERSION_INFO(version), version };
}

function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return isPyDict(value) ? 'dict' : 'float';
}

function checkDatabase(state: ServerState, db: PyValue): void {
  if (db !== state.database) {
    throw new OdooError(
      'psycopg2.OperationalError',
      `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database ${JSON.stringify(String(db))} does not exist\n`,
    );
  }
}

/** A password or an API key, as `res.users._check_credentials` accepts for RPC. */
function credentialsMatch(user: ServerUser, secret: PyValue): boolean {
  return typeof secret === 'string' && secret !== '' && (secret === user.password || (user.apiKeys ?? []).includes(secret));
}

export function userByApiKey(state: ServerState, key: string): ServerUser | undefined {
  return state.users.find((u) => (u.apiKeys ?? []).includes(key));
}

/** `dispatch_rpc(service, method, params)`. */
export function dispatchRpc(state: ServerState, service: string, method: string, params: PyValue[], info: CallInfo): PyValue {
  info.service = service;
  info.method = method;
  switch (service) {
    case 'common':
      return dispatchCommon(state, method, params);
    case 'object':
      return dispatchObject(state, method, params, info);
    case 'db':
      if (method === 'list') return [state.database];
      if (method === 'server_version') return state.version;
      throw new OdooError('KeyError', pyRepr(method));
    default:
      throw new OdooError('KeyError', pyRepr(service));
  }
}

function dispatchCommon(state: ServerState, method: string, params: PyValue[]): PyValue {
  switch (method) {
    case 'version':
      return versionPayload(state.version);
    case 'login':
    case 'authenticate': {
      const [db, login, password] = params;
      const names = method === 'login' ? ['db', 'login', 'password'] : ['db', 'login', 'password', 'user_agent_env'];
      if (params.length < names.length) {
        const missing = names.slice(params.length).map((n) => `'${n}'`);
        const last = missing[missing.length - 1];
        const list = missing.length === 1 ? last : missing.length === 2 ? `${missing[0]} and ${last}` : `${missing.slice(0, -1).join(', ')}, and ${last}`;
        throw typeError(`exp_${method}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
      }
      checkDatabase(state, db);
      const user = state.users.find((u) => u.login === login);
      // A failed login answers False, not a fault.
      return user && credentialsMatch(user, password) ? user.uid : false;
    }
    default:
      throw new OdooError('Exception', `Method not found: ${method}`);
  }
}

function dispatchObject(state: ServerState, method: string, params: PyValue[], info: CallInfo): PyValue {
  const [db, rawUid, password] = params;
  const uid = typeof rawUid === 'number' ? rawUid : rawUid === false || rawUid === true ? Number(rawUid) : Number.parseInt(String(rawUid), 10);
  if (Number.isNaN(uid)) throw new OdooError('ValueError', `invalid literal for int() with base 10: ${pyRepr(rawUid)}`);
  info.uid = uid;
  checkDatabase(state, db);
  const user = state.users.find((u) => u.uid === uid);
  if (!user || !credentialsMatch(user, password)) throw accessDenied();
  if (method === 'execute_kw') {
    const [, , , model, name, args, kwargs] = params;
    return executeKw(state, user, model, name, args ?? [], kwargs ?? null, info);
  }
  if (method === 'execute') {
    const [, , , model, name, ...args] = params;
    return executeKw(state, user, model, name, args, null, info);
  }
  throw new OdooError('NameError', `Method not available ${method}`);
}

/** `execute_kw(db, uid, password, model, method, args, kwargs)`. */
function executeKw(
  state: ServerState,
  user: ServerUser,
  model: PyValue,
  method: PyValue,
  args: PyValue,
  kwargs: PyValue,
  info: CallInfo,
): PyValue {
  const modelName = String(model);
  const methodName = String(method);
  info.model = modelName;
  info.method = methodName;
  if (!Array.isArray(args)) throw typeError(`odoo.service.model.execute() argument after * must be an iterable, not ${pyTypeName(args)}`);
  if (kwargs !== null && !isPyDict(kwargs)) throw typeError(`odoo.service.model.execute() argument after ** must be a mapping, not ${pyTypeName(kwargs)}`);
  const is17 = state.version.startsWith('17');
  if (is17 && methodName.startsWith('_')) {
    throw accessError(`Private methods (such as ${methodName}) cannot be called remotely.`);
  }
  if (!state.store.hasModel(modelName)) throw userError(`Object ${modelName} doesn't exist`);
  const def = findMethod(modelName, methodName, state.version);
  if (!def) {
    throw attributeError(
      is17 ? `The method '${methodName}' does not exist on the model '${modelName}'` : `The method '${modelName}.${methodName}' does not exist`,
    );
  }
  if (methodName.startsWith('_')) {
    throw accessError(`Private methods (such as '${modelName}.${methodName}') cannot be called remotely.`);
  }
  const keywords: Record<string, PyValue> = { ...(kwargs ?? {}) };
  const context = keywords.context;
  delete keywords.context;
  const env: CallEnv = { store: state.store, version: state.version, user, context: isPyDict(context) ? context : {}, transport: 'rpc' };
  let positional = args;
  let ids: number[] = [];
  if (def.api === 'records') {
    if (args.length === 0) throw new OdooError('IndexError', 'list index out of range');
    const first = args[0];
    ids = typeof first === 'number' ? [first] : Array.isArray(first) ? first.filter((v): v is number => typeof v === 'number') : [];
    positional = args.slice(1);
  }
  const bound = bindArguments(def, positional, keywords);
  if (isBindFailure(bound)) throw typeError(callErrorMessage(modelName, methodName, bound));
  return def.run(env, modelName, ids, bound.args, bound.extra);
}

/** `POST /json/2/<model>/<method>` once authenticated: body keys other than ids/context are kwargs. */
export function executeJson2(state: ServerState, user: ServerUser, model: string, method: string, body: Readonly<Record<string, PyValue>>): PyValue {
  if (!state.store.hasModel(model)) throw new HttpError('NotFound', `the model '${model}' does not exist`);
  const def = findMethod(model, method, state.version);
  if (!def) throw new HttpError('NotFound', `The method '${model}.${method}' does not exist`);
  if (method.startsWith('_')) throw accessError(`Private methods (such as '${model}.${method}') cannot be called remotely.`);
  const { ids: rawIds, context, ...kwargs } = body;
  const ids = typeof rawIds === 'number' ? [rawIds] : Array.isArray(rawIds) ? rawIds.filter((v): v is number => typeof v === 'number') : [];
  if (def.api !== 'records' && ids.length > 0) throw new HttpError('UnprocessableEntity', `cannot call ${model}.${method} with ids`);
  const bound = bindArguments(def, [], kwargs);
  if (isBindFailure(bound)) throw new HttpError('UnprocessableEntity', bindErrorMessage(bound));
  const env: CallEnv = { store: state.store, version: state.version, user, context: isPyDict(context) ? context : {}, transport: 'json2' };
  return def.run(env, model, ids, bound.args, bound.extra);
}
