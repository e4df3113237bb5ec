/**
 * Where raw Odoo records come from: live Odoo (the client) or an exported snapshot.
 * The fact builder only ever talks to this interface, so facts built from a snapshot and
 * facts built live go through exactly the same code.
 */
export type OdooDomain = ReadonlyArray<unknown>;

/** A raw record as `search_read` returns it: many2one as `[id, name]`, `false` for empty. */
export type OdooRecord = Readonly<Record<string, unknown>> & { readonly id: number };

export interface SearchReadOptions {
  limit?: number;
  offset?: number;
  order?: string;
  context?: Readonly<Record<string, unknown>>;
}

export interface RecordSource {
  searchRead(
    model: string,
    domain: OdooDomain,
    fields: readonly string[],
    options?: SearchReadOptions,
  ): Promise<OdooRecord[]>;
}

/** The id of a many2one as search_read returns it (`[id, name]`), or null when empty (`false`). */
export function m2oId(v: unknown): number | null {
  return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : null;
}
