/**
 * Stock moves, read once, handed back in time order. The replay needs the stock on hand when
 * its window opens — today's quants with every later move undone — before it can replay a
 * single order, so stock.move is read (and JSON-parsed) in a first pass; the few numbers the
 * replay needs of each move are spooled there to a temporary file of fixed-size records, and
 * the replay streams them back instead of parsing stock.move a second time.
 *
 * A snapshot is in id order, and ids say little about when a move was done: a later shipment
 * of an order, or a receipt, can be created long before or after its neighbours. So each chunk
 * is sorted by time before it is written, and reading merges the sorted chunks. Memory stays
 * at one chunk plus a small block per chunk; the file (80 bytes a record) is gone when the
 * replay ends, however it ends.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MinHeap } from './heap.js';

/**
 * A done receipt or delivery, as the replay uses it — or a cancelled delivery of a sale line
 * (`cancelled`: Odoo's "no backorder"), which moves no stock but ends the line's wait — or, with
 * `known`, the moment a receipt became known (its purchase confirmed), before it is done.
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
  /** This record is the receipt becoming known (at `knownAt`), not its arrival. */
  known: boolean;
  saleLineId: number | null;
  /** A receipt bought for sale orders: which (an index the spool's user keeps), else -1. */
  boughtFor: number;
  /** The move's place in stock.move: a move's records share it. */
  index: number;
}

/** When a record happens: its arrival, or its becoming known. */
export const timeOf = (m: DoneMove): number => (m.known ? m.knownAt : m.at);

// time, knownAt, at, productId, warehouseId, qty, kind, saleLineId, boughtFor, index
const FIELDS = 10;
const RECORD_BYTES = FIELDS * 8;
const KIND = { in: 0, out: 1, cancelled: 2, known: 3 } as const;

/** One sorted chunk of the file, and the block of it being merged. */
interface Run {
  first: number;
  count: number;
  /** Records of the run taken into `block` so far. */
  taken: number;
  block: Float64Array;
  blockSize: number;
  pos: number;
}

export class MoveSpool {
  /** Records sorted and written at a time (one run), and read at a time from each run while merging. */
  private readonly chunkRecords: number;
  private readonly blockRecords: number;
  private readonly buffer: Float64Array;
  private readonly sorted: Float64Array;
  private buffered = 0;
  private written = 0;
  /** Each sorted chunk: where it starts in the file and how many records it holds. */
  private readonly runs: { first: number; count: number }[] = [];

  private readonly dir: string;
  private fd: number | null;

  /** Whether the file still has a name to delete at close (see the constructor). */
  private named = true;

  constructor(options: { chunkRecords?: number; blockRecords?: number } = {}) {
    this.chunkRecords = options.chunkRecords ?? 16_384;
    this.blockRecords = options.blockRecords ?? 128;
    this.buffer = new Float64Array(this.chunkRecords * FIELDS);
    this.sorted = new Float64Array(this.chunkRecords * FIELDS);
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
    b[o] = timeOf(m);
    b[o + 1] = m.knownAt;
    b[o + 2] = m.at;
    b[o + 3] = m.productId;
    b[o + 4] = m.warehouseId;
    b[o + 5] = m.qty;
    b[o + 6] = m.known ? KIND.known : m.cancelled ? KIND.cancelled : m.outgoing ? KIND.out : KIND.in;
    b[o + 7] = m.saleLineId ?? -1;
    b[o + 8] = m.boughtFor;
    b[o + 9] = m.index;
    if (++this.buffered === this.chunkRecords) this.flush();
  }

  /** Writes the buffered records as one run, sorted by time (then as they were added). */
  private flush(): void {
    const n = this.buffered;
    if (!n) return;
    const b = this.buffer;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((x, y) => b[x * FIELDS]! - b[y * FIELDS]! || x - y);
    for (let i = 0; i < n; i++) this.sorted.set(b.subarray(order[i]! * FIELDS, (order[i]! + 1) * FIELDS), i * FIELDS);
    writeSync(this.fd!, new Uint8Array(this.sorted.buffer, 0, n * RECORD_BYTES), 0, n * RECORD_BYTES, this.written * RECORD_BYTES);
    this.runs.push({ first: this.written, count: n });
    this.written += n;
    this.buffered = 0;
  }

  private fill(run: Run): void {
    const n = Math.min(this.blockRecords, run.count - run.taken);
    const view = new Uint8Array(run.block.buffer, 0, n * RECORD_BYTES);
    const offset = (run.first + run.taken) * RECORD_BYTES;
    for (let got = 0; got < view.length; ) {
      const r = readSync(this.fd!, view, got, view.length - got, offset + got);
      if (r === 0) throw new Error(`move spool ${this.dir}: file ended early`);
      got += r;
    }
    run.taken += n;
    run.blockSize = n;
    run.pos = 0;
  }

  /**
   * The records in time order, a chunk at a time; records of the same time in the order they
   * were added (each run keeps that order, and runs were written in it).
   */
  async *chunks(): AsyncGenerator<DoneMove[]> {
    this.flush();
    const runs: Run[] = this.runs.map((r) => ({ first: r.first, count: r.count, taken: 0, block: new Float64Array(this.blockRecords * FIELDS), blockSize: 0, pos: 0 }));
    const key = (r: Run): number => r.block[r.pos * FIELDS]!;
    const heap = new MinHeap<Run>((a, b) => key(a) < key(b) || (key(a) === key(b) && a.first < b.first));
    for (const r of runs) {
      this.fill(r);
      if (r.blockSize) heap.push(r);
    }
    let out: DoneMove[] = [];
    for (let r = heap.pop(); r; r = heap.pop()) {
      const b = r.block;
      const o = r.pos * FIELDS;
      const kind = b[o + 6]!;
      out.push({
        knownAt: b[o + 1]!,
        at: b[o + 2]!,
        productId: b[o + 3]!,
        warehouseId: b[o + 4]!,
        qty: b[o + 5]!,
        outgoing: kind === KIND.out || kind === KIND.cancelled,
        cancelled: kind === KIND.cancelled,
        known: kind === KIND.known,
        saleLineId: b[o + 7] === -1 ? null : b[o + 7]!,
        boughtFor: b[o + 8]!,
        index: b[o + 9]!,
      });
      if (++r.pos === r.blockSize && r.taken < r.count) this.fill(r);
      if (r.pos < r.blockSize) heap.push(r);
      if (out.length === this.chunkRecords) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }

  /** Deletes the spool file; safe to call more than once. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.named) rmSync(this.dir, { recursive: true, force: true });
    this.named = false;
  }
}
