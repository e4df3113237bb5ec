/**
 * The stock position of one product in one warehouse, as the generator plays the year out.
 *
 * Every demand is settled when the order is confirmed, the way Odoo reserves: what is free
 * now ships on time; the rest is promised from receipts already on their way (earliest
 * first), and what no receipt covers must be bought. So each order's whole fate is known the
 * moment it is written, and nothing needs to be held back in memory.
 *
 * Bookkeeping identity, checked by the tests through the snapshot: at the end of the window
 * on hand = free + reserved for deliveries not yet done.
 */

export interface Receipt {
  /** Day index the goods arrive (received that day). */
  day: number;
  /** Part of the receipt not yet promised to a backorder. */
  free: number;
}

export interface Orderpoint {
  id: number;
  min: number;
  max: number;
  multiple: number;
  trigger: 'auto' | 'manual';
}

export interface Allocation {
  /** Reserved from stock now. */
  now: number;
  /** Promised from incoming receipts: quantity and arrival day, earliest first. */
  later: { qty: number; day: number }[];
  /** Not covered by stock or incoming goods. */
  uncovered: number;
}

export class StockPosition {
  /** On hand and not reserved. */
  free: number;
  /** Receipts not yet arrived, by arrival day. */
  readonly incoming: Receipt[] = [];
  /** Reserved for deliveries still open at the end of the window. */
  reservedAtEnd = 0;
  /** Touched today (for the orderpoint run). */
  touched = false;

  constructor(
    readonly productId: number,
    readonly warehouseIndex: number,
    initial: number,
    /** Expected demand per calendar day (units), for cover calculations. */
    readonly dailyDemand: number,
    /** Quantity of a typical order line: stock below it runs short at the first order. */
    readonly typicalLine: number,
    readonly orderpoint: Orderpoint | undefined,
  ) {
    this.free = initial;
  }

  /** Takes in every receipt arriving on or before `day`. */
  receiveUntil(day: number): void {
    while (this.incoming.length > 0 && this.incoming[0]!.day <= day) this.free += this.incoming.shift()!.free;
  }

  /** Reserves what is free now and, if `useIncoming`, promises the rest from receipts on their way. */
  allocate(qty: number, useIncoming: boolean): Allocation {
    this.touched = true;
    const now = Math.min(this.free, qty);
    this.free -= now;
    let rest = qty - now;
    const later: Allocation['later'] = [];
    if (useIncoming) {
      for (const receipt of this.incoming) {
        if (rest <= 0) break;
        const take = Math.min(receipt.free, rest);
        if (take > 0) {
          receipt.free -= take;
          rest -= take;
          later.push({ qty: take, day: receipt.day });
        }
      }
    }
    return { now, later, uncovered: rest };
  }

  /** Registers a receipt; `promised` of it is already spoken for (by the backorder that triggered it). */
  addReceipt(day: number, qty: number, promised: number): Receipt {
    const receipt = { day, free: qty - promised };
    let i = this.incoming.length;
    while (i > 0 && this.incoming[i - 1]!.day > day) i--;
    this.incoming.splice(i, 0, receipt);
    return receipt;
  }

  /** Free stock plus receipts not yet promised: what Odoo's forecast compares with the orderpoint. */
  position(): number {
    let p = this.free;
    for (const r of this.incoming) p += r.free;
    return p;
  }
}

export function stockKey(productId: number, warehouseIndex: number): string {
  return `${productId}@${warehouseIndex}`;
}
