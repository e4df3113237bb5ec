/** What one ORM call runs with: the store, the user, the context, the Odoo version and transport. */
import { accessError } from './errors.js';
import { SERVER_MODELS, modelDescription } from './schema.js';
import type { RecordStore } from './store.js';

export type OdooVersion = '17.0' | '19.0';

/** A user the server authenticates: password for login, API keys for everything (as in Odoo). */
export interface ServerUser {
  uid: number;
  login: string;
  password?: string;
  apiKeys?: readonly string[];
  name?: string;
  /** Group xml ids, e.g. `account.group_account_invoice`. Fields with `groups` need one of them. */
  groups?: readonly string[];
  /**
   * Records of mail.message / mail.activity this user may not see. Odoo 17 removes them *after*
   * applying the limit of a search (mail_message._search, mail_activity._search), so a page can
   * come back short with more to follow; search_count counts only what the user may see.
   */
  hidden?: Readonly<Record<string, readonly number[]>>;
}

/** Models whose access filter runs after the search limit, as in Odoo 17. */
export const POST_LIMIT_FILTERED = new Set(['mail.message', 'mail.activity']);

export function visibleAfterLimit(env: CallEnv, model: string, ids: number[]): number[] {
  const hidden = env.user.hidden?.[model];
  return hidden && POST_LIMIT_FILTERED.has(model) ? ids.filter((id) => !hidden.includes(id)) : ids;
}

export interface CallEnv {
  store: RecordStore;
  version: OdooVersion;
  user: ServerUser;
  context: Readonly<Record<string, unknown>>;
  /** RPC (XML-RPC / JSON-RPC `execute_kw`) or JSON-2: they shape some results differently. */
  transport: 'rpc' | 'json2';
}

export const ACCOUNTING_GROUPS = ['account.group_account_invoice', 'account.group_account_readonly'] as const;

/** Admin (uid 2) with accounting rights, and a salesman without them. */
export const DEFAULT_USERS: readonly ServerUser[] = [
  {
    uid: 2,
    login: 'admin',
    password: 'admin',
    apiKeys: ['8c6f0d1e5b2a4c7d9e0f1a2b3c4d5e6f7a8b9c0d'],
    name: 'Mitchell Admin',
    groups: ['base.group_user', 'sales_team.group_sale_manager', 'stock.group_stock_manager', 'purchase.group_purchase_manager', ...ACCOUNTING_GROUPS],
  },
  {
    uid: 6,
    login: 'demo',
    password: 'demo',
    apiKeys: ['1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'],
    name: 'Marc Demo',
    groups: ['base.group_user', 'sales_team.group_sale_salesman'],
  },
];

export function userHasGroups(user: ServerUser, groups: string): boolean {
  const owned = new Set(user.groups ?? []);
  return groups.split(',').some((g) => {
    const name = g.trim();
    return name.startsWith('!') ? !owned.has(name.slice(1)) : owned.has(name);
  });
}

/** Whether the user may read/write the field (its `groups`, if any). */
export function fieldAccessible(model: string, field: string, user: ServerUser): boolean {
  const groups = SERVER_MODELS[model]?.fields[field]?.groups;
  return !groups || userHasGroups(user, groups);
}

/** Odoo's AccessError for fields guarded by `groups`; the wording changed in Odoo 18. */
export function checkFieldAccess(env: CallEnv, model: string, fields: readonly string[], operation: 'read' | 'write'): void {
  const denied = fields.filter((f) => !fieldAccessible(model, f, env.user));
  if (denied.length === 0) return;
  const kind = modelDescription(model);
  if (env.version.startsWith('17')) {
    throw accessError(
      `You do not have enough rights to access the fields "${denied.join(',')}" on ${kind} (${model}). ` +
        `Please contact your system administrator.\n\n(Operation: ${operation})`,
    );
  }
  throw accessError(
    `You do not have enough rights to access the field "${denied[0]}" on ${kind} (${model}). ` +
      `Please contact your system administrator.\n\nOperation: ${operation}`,
  );
}

/** Current UTC time as Odoo stores datetimes. */
export function nowUtc(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}
