/**
 * Done stock moves (and cancelled deliveries), read once. The replay needs the stock on hand
 * when its window opens — today's quants with every later move undone — before it can replay
 * a single order, so the moves are read (and JSON-parsed) in a first pass; the few numbers the
 * replay needs of each move are spooled there to a temporary file of fixed-size records, and the replay
 * streams them back instead of parsing stock.move a second time. Memory stays at one chunk;
 * the file (64 bytes a move) is gone when the replay ends, however it ends.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A done receipt or delivery, as the replay uses it — or a cancelled delivery of a sale line
 * (`cancelled`: Odoo's "no backorder"), which moves no stock but ends the line's wait.
 */
export interface DoneMove {
  /** When it became known (created), and when it was done (or cancelled): ms since epoch. */
  knownAt: number;
  at: number;
  productId: number;
  warehouseId: number;
  qty: number;
  outgoing: boolean;
  cancelled: boolean;
  saleLineId: number | null;
  /** A receipt bought for sale orders: which (an index the spool's user keeps), else -1. */
  boughtFor: number;
}

const FIELDS = 8;
const RECORD_BYTES = FIELDS * 8;
const CHUNK_RECORDS = 16_384;

export class MoveSpool {
  private readonly buffer = new Float64Array(CHUNK_RECORDS * FIELDS);
  private buffered = 0;
  private written = 0;

  private readonly dir: string;
  private fd: number | null;

  /** Whether the file still has a name to delete at close (see the constructor). */
  private named = true;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'distrule-moves-'));
    this.fd = openSync(join(this.dir, 'moves.f64'), 'w+');
    // Unnamed at once where the system allows it (not Windows): an interrupted run (Ctrl-C,
    // kill) then leaves nothing behind — the space is freed when the descriptor closes.
    try {
      rmSync(this.dir, { recursive: true, force: true });
      this.named = false;
    } catch {
      // Deleted in close() instead.
    }
  }

  add(m: DoneMove): void {
    const b = this.buffer;
    const o = this.buffered * FIELDS;
    b[o] = m.knownAt;
    b[o + 1] = m.at;
    b[o + 2] = m.productId;
    b[o + 3] = m.warehouseId;
    b[o + 4] = m.qty;
    b[o + 5] = m.cancelled ? 2 : m.outgoing ? 1 : 0;
    b[o + 6] = m.saleLineId ?? -1;
    b[o + 7] = m.boughtFor;
    if (++this.buffered === CHUNK_RECORDS) this.flush();
  }

  private flush(): void {
    if (!this.buffered) return;
    writeSync(this.fd!, new Uint8Array(this.buffer.buffer, 0, this.buffered * RECORD_BYTES), 0, this.buffered * RECORD_BYTES, this.written * RECORD_BYTES);
    this.written += this.buffered;
    this.buffered = 0;
  }

  /** The moves in the order they were added, a chunk at a time. */
  async *chunks(): AsyncGenerator<DoneMove[]> {
    this.flush();
    const bytes = new Float64Array(CHUNK_RECORDS * FIELDS);
    for (let first = 0; first < this.written; first += CHUNK_RECORDS) {
      const n = Math.min(CHUNK_RECORDS, this.written - first);
      const view = new Uint8Array(bytes.buffer, 0, n * RECORD_BYTES);
      for (let got = 0; got < view.length; ) {
        const r = readSync(this.fd!, view, got, view.length - got, first * RECORD_BYTES + got);
        if (r === 0) throw new Error(`move spool ${this.dir}: file ended early`);
        got += r;
      }
      const out: DoneMove[] = new Array<DoneMove>(n);
      for (let i = 0; i < n; i++) {
        const o = i * FIELDS;
        out[i] = { knownAt: bytes[o]!, at: bytes[o + 1]!, productId: bytes[o + 2]!, warehouseId: bytes[o + 3]!, qty: bytes[o + 4]!, outgoing: bytes[o + 5] !== 0, cancelled: bytes[o + 5] === 2, saleLineId: bytes[o + 6] === -1 ? null : bytes[o + 6]!, boughtFor: bytes[o + 7]! };
      }
      yield out;
    }
  }

  /** Deletes the spool file; safe to call more than once. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.named) rmSync(this.dir, { recursive: true, force: true });
    this.named = false;
  }
}
