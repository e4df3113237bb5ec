/**
 * What the client knows about ORM methods, independent of the transport.
 *
 * `call(model, method, args, kwargs)` follows execute_kw's convention (JSON-RPC, XML-RPC): for a
 * record method `args[0]` is the list of ids, for an `@api.model` method `args` are its leading
 * positional parameters. JSON-2 has no positional arguments: `ids` is a body key and every
 * parameter is passed by name. The table below gives the names for the methods distrule uses;
 * any other method must pass at most `[ids]` positionally and everything else in `kwargs`.
 */

export interface MethodSignature {
  /** Runs on records (ids in `args[0]`), as opposed to `@api.model`. */
  onRecords: boolean;
  /** Names of the positional parameters after the ids (Odoo 17–19 signatures). */
  params: readonly string[];
}

export const KNOWN_SIGNATURES: Readonly<Record<string, MethodSignature>> = {
  search_read: { onRecords: false, params: ['domain', 'fields', 'offset', 'limit', 'order'] },
  search: { onRecords: false, params: ['domain', 'offset', 'limit', 'order'] },
  search_count: { onRecords: false, params: ['domain', 'limit'] },
  search_fetch: { onRecords: false, params: ['domain', 'field_names', 'offset', 'limit', 'order'] },
  fields_get: { onRecords: false, params: ['allfields', 'attributes'] },
  create: { onRecords: false, params: ['vals_list'] },
  read: { onRecords: true, params: ['fields', 'load'] },
  write: { onRecords: true, params: ['vals'] },
  unlink: { onRecords: true, params: [] },
  copy: { onRecords: true, params: ['default'] },
  exists: { onRecords: true, params: [] },
  message_post: { onRecords: true, params: [] },
  action_feedback: { onRecords: true, params: ['feedback', 'attachment_ids'] },
};

/**
 * Methods that change nothing, so resending one after a timeout or a reset connection is safe.
 * Every other method (create, write, unlink, message_post, action_*) is retried only when the
 * request provably never left this process.
 */
export const READ_ONLY_METHODS: ReadonlySet<string> = new Set([
  'search_read',
  'search',
  'search_count',
  'search_fetch',
  'read',
  'read_group',
  'formatted_read_group',
  'fields_get',
  'name_search',
  'name_get',
  'exists',
  'default_get',
  'check_access_rights',
  'check_access',
  'has_access',
  'get_views',
  // service-level calls made by the client itself
  'version',
  'authenticate',
]);

export function isReadOnlyMethod(method: string): boolean {
  return READ_ONLY_METHODS.has(method);
}
