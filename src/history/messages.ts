/**
 * Chatter messages are posted when an approval is done, which is often days after the order
 * was written. They wait here, ordered by date, and get their ids when their moment comes,
 * so mail.message ids grow with time as in Odoo. Only messages of approvals still pending
 * sit in the queue, so it stays small whatever the number of orders.
 */
import type { OdooRecord } from '../facts/source.js';

interface Pending {
  at: number;
  seq: number;
  make: (id: number) => OdooRecord;
}

export class MessageQueue {
  private readonly heap: Pending[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, make: (id: number) => OdooRecord): void {
    this.heap.push({ at, seq: this.seq++, make });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(this.heap[i]!, this.heap[parent]!)) break;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  /** Emits, oldest first, every message dated before `until`. */
  drainBefore(until: number, emit: (make: (id: number) => OdooRecord) => void): void {
    while (this.heap.length > 0 && this.heap[0]!.at < until) emit(this.pop().make);
  }

  private pop(): Pending {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.heap.length && before(this.heap[l]!, this.heap[m]!)) m = l;
        if (r < this.heap.length && before(this.heap[r]!, this.heap[m]!)) m = r;
        if (m === i) break;
        [this.heap[i], this.heap[m]] = [this.heap[m]!, this.heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Pending, b: Pending): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
