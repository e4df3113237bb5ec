/**
 * What purchases were bought for. A make-to-order purchase names the sale orders it was bought
 * for in its origin ("S00012, OP/00003": a sale order and an orderpoint, as Odoo merges them);
 * its receipts are reserved for those orders' deliveries. Read once from purchase.order and
 * kept per distinct origin: memory grows with purchases bought to order, not with history.
 */
import type { OdooRecord } from '../facts/source.js';
import type { SnapshotIssue, SnapshotReader } from '../snapshot/reader.js';

export interface PurchaseOrigins {
  /** Each distinct origin's names, once. */
  lists: string[][];
  /**
   * Every name an origin gives, and whether the replay has read a sale order of that name yet
   * (names like OP/00003 never turn out to be one).
   */
  names: Map<string, boolean>;
  /** Origin (an index into `lists`) by purchase name: only the move pass needs it, then it is cleared. */
  byPurchase: Map<string, number>;
}

export async function purchaseOrigins(reader: SnapshotReader, onIssue: (i: SnapshotIssue) => void): Promise<PurchaseOrigins> {
  const lists: string[][] = [];
  const listOf = new Map<string, number>();
  const byPurchase = new Map<string, number>();
  const names = new Map<string, boolean>();
  if (!reader.has('purchase.order')) return { lists, names, byPurchase };
  for await (const batch of reader.batches('purchase.order', { onIssue })) {
    for (const po of batch) {
      const origin = po['origin'];
      if (typeof origin !== 'string' || typeof po['name'] !== 'string') continue;
      let i = listOf.get(origin);
      if (i === undefined) {
        const list = origin.split(',').map((t) => t.trim()).filter(Boolean);
        if (!list.length) continue;
        i = lists.push(list) - 1;
        listOf.set(origin, i);
        for (const n of list) if (!names.has(n)) names.set(n, false);
      }
      byPurchase.set(po['name'], i);
    }
  }
  return { lists, names, byPurchase };
}

/**
 * A receipt move's origin (an index into `lists`), or -1. Its own origin is its purchase's
 * name; failing that, its purchase line's name starts with it ("P00012: …").
 */
export function receiptOrigin(mv: OdooRecord, purchases: PurchaseOrigins): number {
  const byPurchase = purchases.byPurchase;
  if (!byPurchase.size) return -1;
  const origin = mv['origin'];
  let i = typeof origin === 'string' ? byPurchase.get(origin) : undefined;
  if (i === undefined && Array.isArray(mv['purchase_line_id'])) {
    const name = String(mv['purchase_line_id'][1] ?? '');
    const colon = name.indexOf(':');
    if (colon > 0) i = byPurchase.get(name.slice(0, colon));
  }
  return i ?? -1;
}
