/**
 * The replay: history in time order through one or more rule sets at once (diff replays base
 * and head in the same pass, so both see exactly the same facts).
 *
 * Orders with their lines and chatter messages are read in file (= id) order, which is the
 * order they were created in; stock moves come back from the move pass sorted by when they
 * were done (see MoveSpool) — ids say little about that. A confirmation waits in a small
 * schedule until the order was confirmed; days close as the clock passes them. Memory grows
 * with products and open orders — never with the length of history.
 */
import { m2oId, type OdooRecord } from '../facts/source.js';
import { UsageError } from '../language/findings.js';
import { buildSaleOrderFacts, isStocked, type SaleOrderFacts } from '../facts/build.js';
import type { TierMapping } from '../config/schema.js';
import { closureEvaluator, type Evaluator } from '../compile/evaluate.js';
import { decideApproval, type ApprovalDecision } from '../kinds/approval/decide.js';
import type { ApprovalMatrix } from '../kinds/approval/matrix.js';
import type { RuleSet } from '../ruleset/types.js';
import { SnapshotReader, type SnapshotIssue } from '../snapshot/reader.js';
import { SnapshotError } from '../snapshot/errors.js';
import { loadRefs } from './refs.js';
import { MoveSpool, timeOf, type DoneMove } from './move-spool.js';
import { readMoves } from './move-pass.js';
import { purchaseOrigins } from './purchase-origins.js';
import { MinHeap } from './heap.js';
import { ApprovalModel, ResponseTimes, MODEL_MEDIAN_HOURS } from './approvals.js';
import { ActualDeliveries, AllocationModel, tierFill, type DemandInput } from './allocation.js';
import { ReplenishmentModel, StockLedger } from './replenishment.js';
import { DAY_MS, dateOfDay, dayOf, odooTime } from './time.js';
import type { Assumption, SimulationResult } from './result.js';

export interface SimulateOptions {
  snapshot: string;
  ruleSets: readonly RuleSet[];
  /** Window (YYYY-MM-DD, inclusive start, exclusive end); default: the snapshot's range. */
  from?: string;
  to?: string;
  /** A bad snapshot line fails the run (default: counted, reported, skipped). */
  strict?: boolean;
  tier?: TierMapping;
  evaluator?: Evaluator;
  /** Every order's approval decisions, per rule set (diff compares them). */
  onOrder?: (order: { id: number; name: string; at: number }, decisions: readonly (readonly ApprovalDecision[])[]) => void;
  onProgress?: (done: { orders: number; day: string }) => void;
}

/** A snapshot or window simulate cannot use: the user's to fix, so a UsageError (exit 2, no stack). */
export class SimulationError extends UsageError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'SimulationError';
  }
}

const CONFIRMED = new Set(['sale', 'done']);
/** A count as the reports print it (1,234). */
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const DEFAULT_DUE_DAYS = 2;

/**
 * A record stream with look-ahead, fed a read chunk at a time: `peek` and `next` are plain
 * calls, and only `fill` — needed once `ready` turns false — awaits the next chunk.
 */
class Peekable<T> {
  private batch: T[] = [];
  private i = 0;
  private done = false;
  constructor(private readonly it: AsyncIterator<T[]> | null) {
    if (!it) this.done = true;
  }
  /** A record is at hand, or the stream has ended. */
  get ready(): boolean {
    return this.i < this.batch.length || this.done;
  }
  async fill(): Promise<void> {
    while (this.i >= this.batch.length && !this.done) {
      const r = await this.it!.next();
      if (r.done) this.done = true;
      else {
        this.batch = r.value;
        this.i = 0;
      }
    }
  }
  peek(): T | undefined {
    return this.batch[this.i];
  }
  next(): T | undefined {
    return this.batch[this.i++];
  }
}

/** A confirmed order's demand, which starts when it was confirmed (Odoo's date_order). */
interface ScheduledConfirmation {
  at: number;
  seq: number;
  run: () => void;
}

interface PerRuleSet {
  rs: RuleSet;
  /** The approval matrices that govern sale orders, in the rule set's order. */
  saleMatrices: ApprovalMatrix[];
  approvals: ApprovalModel;
  allocation: AllocationModel;
  replenishment: ReplenishmentModel;
}

export async function simulate(options: SimulateOptions): Promise<SimulationResult[]> {
  if (options.ruleSets.length === 0) throw new SimulationError('no rule set to simulate');
  let spool: MoveSpool | undefined;
  try {
    const reader = await SnapshotReader.open(options.snapshot, { mode: options.strict ? 'strict' : 'lenient' });
    spool = new MoveSpool();
    return await replay(options, reader, spool);
  } catch (e) {
    // A broken snapshot (bad line under --strict, missing file, bad manifest) is the user's to fix.
    if (e instanceof SnapshotError) throw new SimulationError(e.message, e.hint);
    throw e;
  } finally {
    spool?.close();
  }
}

async function replay(options: SimulateOptions, reader: SnapshotReader, spool: MoveSpool): Promise<SimulationResult[]> {
  for (const model of ['sale.order', 'sale.order.line']) {
    if (!reader.has(model)) throw new SimulationError(`${options.snapshot}: the snapshot has no ${model} records`, 'Export with `distrule export`, or point --history at a complete snapshot folder.');
  }
  const manifest = reader.manifest;
  const from = odooTime(options.from ?? manifest.range.since);
  // History ends when it was exported, even if the export's range reached further.
  const exported = odooTime(manifest.exportedAt);
  const to = Math.min(odooTime(options.to ?? manifest.range.until), Number.isNaN(exported) ? Infinity : exported);
  if (!(to > from)) {
    throw new SimulationError(`empty history window: ${options.from ?? manifest.range.since} .. ${options.to ?? manifest.range.until}`, 'Give --from before --until, inside the snapshot\'s range.');
  }
  const firstDay = dayOf(from);
  const days = Math.max(1, Math.ceil((to - from) / DAY_MS));
  const evaluate = options.evaluator ?? closureEvaluator;
  const issues: SnapshotIssue[] = [];
  const onIssue = (i: SnapshotIssue): void => {
    if (issues.length < 20) issues.push(i);
  };

  const refs = await loadRefs(reader);
  const purchases = await purchaseOrigins(reader, onIssue);
  // A cancelled move keeps no time of its cancellation; it cannot have been later than the export.
  const cancelledBy = Number.isNaN(exported) ? Infinity : exported - 1;
  const { opening, reservedAtExport } = await readMoves(reader, refs, { from, cancelledBy, purchases, spool, onIssue });
  purchases.byPurchase.clear();
  // Names that purchases were bought for; true once the replay has read a sale order of that name.
  const boughtFor = purchases.names;
  const originLists = purchases.lists;
  const ledger = new StockLedger(refs, days, firstDay, opening);
  const actual = new ActualDeliveries();
  const responses = new ResponseTimes();
  const runs: PerRuleSet[] = options.ruleSets.map((rs) => ({
    rs,
    saleMatrices: [...rs.matrices.values()].filter((m) => m.model === 'sale.order'),
    approvals: new ApprovalModel(rs, responses),
    allocation: new AllocationModel([...rs.allocations.values()][0] ?? null, opening, evaluate, { boughtFor }),
    replenishment: new ReplenishmentModel([...rs.replenishments.values()][0] ?? null, ledger, evaluate),
  }));
  const directory = options.ruleSets[0]!.directory;
  const usersByPartner = new Map<number, string>();
  for (const u of refs.users.values()) {
    const pid = m2oId(u['partner_id']);
    if (pid !== null && typeof u['login'] === 'string') usersByPartner.set(pid, u['login']);
  }
  const rolesOf = (login: string): string[] => [...directory.roles.values()].filter((r) => r.members.includes(login)).map((r) => r.name);

  const stream = (model: string): Peekable<OdooRecord> => new Peekable(reader.has(model) ? reader.batches(model, { onIssue })[Symbol.asyncIterator]() : null);
  const orders = stream('sale.order');
  const lines = stream('sale.order.line');
  const moves = new Peekable(spool.chunks());
  const messages = stream('mail.message');
  const schedule = new MinHeap<ScheduledConfirmation>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  const recentOrders = new Map<number, number>();
  // Orders of the last 60 days, oldest first (two plain arrays: no object per order).
  let recentIds: number[] = [];
  let recentAts: number[] = [];
  let recentHead = 0;
  let seq = 0;
  let day = firstDay;
  const counts = { orders: 0, lines: 0, receipts: 0, deliveries: 0, purchases: reader.has('purchase.order') ? reader.count('purchase.order') : 0, activities: 0, cancelledDeliveries: 0, badLines: 0, skippedOrders: 0 };
  const skippedExamples: string[] = [];
  let missingCommitment = 0;

  const closeDaysBefore = (t: number): void => {
    const target = Math.min(dayOf(t), firstDay + days);
    while (day < target) {
      for (const r of runs) {
        r.approvals.endOfDay(day);
        r.allocation.endOfDay(day);
        r.replenishment.endOfDay(day);
      }
      ledger.endOfDay(day);
      day++;
    }
  };

  /** A move is done (or cancelled); `kept`: a receipt the replenishment series keeps (see keptReceipt). */
  const applyMove = (m: DoneMove, kept: boolean): void => {
    if (m.at < from || m.at >= to) return;
    closeDaysBefore(m.at);
    if (m.cancelled) {
      counts.cancelledDeliveries++;
      if (m.saleLineId !== null) ledger.onSettled(m.productId, m.warehouseId, actual.onCancel(m.saleLineId, m.qty));
      return;
    }
    ledger.onMove(m.productId, m.warehouseId, m.qty, m.outgoing);
    if (m.outgoing) {
      counts.deliveries++;
      if (m.saleLineId !== null) ledger.onSettled(m.productId, m.warehouseId, actual.onDelivery(m.saleLineId, m.qty, m.at));
      for (const r of runs) r.replenishment.onDelivery(m.productId, m.warehouseId, m.qty);
    } else {
      counts.receipts++;
      const orders = m.boughtFor >= 0 ? originLists[m.boughtFor] : undefined;
      for (const r of runs) r.allocation.onReceipt(m.productId, m.warehouseId, m.qty, m.at, orders);
      if (kept) for (const r of runs) r.replenishment.onReceived(m.productId, m.warehouseId, m.qty);
    }
  };

  let onTheirWay = 0;
  /**
   * Receipts the replenishment series keeps as they happened, where its policy replaces the
   * rest: those bought for sale orders (make to order: no stock policy buys them) and those
   * already on their way when the window opens (bought before it, by whoever bought then).
   * Decided once, when the receipt becomes known (a purchase confirmed); on its way from then.
   */
  const keptReceipt = (m: DoneMove): boolean => {
    if (m.outgoing || m.cancelled || m.at < from) return false;
    if (m.knownAt < from) return true;
    return m.boughtFor >= 0 && originLists[m.boughtFor]!.some((n) => boughtFor.get(n) === true);
  };

  /** Kept receipts on their way, by move: decided when known, applied when done. */
  const inTransit = new Set<number>();
  const onMove = (m: DoneMove): void => {
    if (!m.known) return applyMove(m, inTransit.delete(m.index));
    if (!keptReceipt(m)) return;
    inTransit.add(m.index);
    if (m.knownAt < from && m.at < to) onTheirWay++;
    for (const r of runs) r.replenishment.onInbound(m.productId, m.warehouseId, m.qty);
  };

  const onMessage = (msg: OdooRecord): void => {
    const at = odooTime(msg['date']);
    if (msg['model'] !== 'sale.order' || !msg['mail_activity_type_id'] || !(at >= from && at < to)) return;
    counts.activities++;
    const orderAt = recentOrders.get(typeof msg['res_id'] === 'number' ? msg['res_id'] : -1);
    const login = usersByPartner.get(m2oId(msg['author_id']) ?? -1);
    if (orderAt === undefined || !login) return;
    const roles = rolesOf(login);
    responses.observe(roles.length ? roles : ['(unmapped)'], runs[0]!.approvals.clock.minutesBetween(orderAt, at) / 60);
  };

  /** A quotation is submitted (created): the rules decide its approvals, with stock as it stands. */
  const onOrder = (o: OdooRecord, orderLines: OdooRecord[]): void => {
    // Before the window too: its make-to-order receipts may still arrive in it.
    const name = String(o['name']);
    if (boughtFor.has(name)) boughtFor.set(name, true);
    const at = submittedAt(o);
    if (!(at >= from && at < to)) return;
    closeDaysBefore(at);
    const partner = refs.partners.get(m2oId(o['partner_id']) ?? -1);
    const unknownProduct = orderLines.find((l) => !l['display_type'] && m2oId(l['product_id']) !== null && !refs.products.has(m2oId(l['product_id'])!));
    if (!partner || unknownProduct) {
      counts.skippedOrders++;
      if (skippedExamples.length < 5) {
        skippedExamples.push(`${String(o['name'])} (${!partner ? `partner ${JSON.stringify(o['partner_id'])} missing` : `product ${JSON.stringify(unknownProduct!['product_id'])} missing`})`);
      }
      return;
    }
    counts.orders++;
    counts.lines += orderLines.length;
    recentOrders.set(o.id, at);
    recentIds.push(o.id);
    recentAts.push(at);
    while (recentHead < recentIds.length && recentAts[recentHead]! < at - 60 * DAY_MS) recentOrders.delete(recentIds[recentHead++]!);
    if (recentHead > 65_536) {
      recentIds = recentIds.slice(recentHead);
      recentAts = recentAts.slice(recentHead);
      recentHead = 0;
    }
    const facts: SaleOrderFacts = buildSaleOrderFacts(o, orderLines, refs, (pid, wh) => ledger.available(pid, wh), options.tier);
    const all = runs.map((r) => {
      const decisions = r.saleMatrices.map((m) => decideApproval(m, facts, { directory: r.rs.directory, evaluate }));
      r.approvals.onOrder(String(o['name'] ?? o.id), at, decisions);
      return decisions;
    });
    options.onOrder?.({ id: o.id, name: String(o['name'] ?? o.id), at }, all);
    if (!CONFIRMED.has(String(o['state']))) return;
    const confirmedAt = odooTime(o['date_order']);
    const when = Number.isNaN(confirmedAt) || confirmedAt < at ? at : confirmedAt;
    // Only what confirmation needs waits for it, not the order's records.
    const undated = Number.isNaN(odooTime(o['commitment_date']));
    const demand = demandOf(o, orderLines, facts, when);
    if (demand.length) schedule.push({ at: when, seq: seq++, run: () => onConfirm(demand, when, undated) });
  };

  /** A confirmed order's lines as demand: stocked products only (services are never short). */
  const demandOf = (o: OdooRecord, orderLines: OdooRecord[], facts: SaleOrderFacts, at: number): DemandInput[] => {
    const wh = m2oId(o['warehouse_id']);
    if (wh === null) return [];
    const commitment = odooTime(o['commitment_date']);
    const due = Number.isNaN(commitment) ? at + DEFAULT_DUE_DAYS * DAY_MS : commitment;
    const tier = typeof facts.customer['tier'] === 'string' ? facts.customer['tier'] : '(none)';
    const lineFacts = new Map(facts.lines.map((l) => [l['id'] as number, l]));
    const out: DemandInput[] = [];
    for (const l of orderLines) {
      const pid = m2oId(l['product_id']);
      const lf = lineFacts.get(l.id);
      if (pid === null || !lf || !isStocked(refs.products.get(pid))) continue;
      const qty = typeof l['product_uom_qty'] === 'number' ? l['product_uom_qty'] : 0;
      if (qty <= 0) continue;
      out.push({
        lineId: l.id,
        productId: pid,
        product: String(lf['product'] ?? pid),
        warehouseId: wh,
        warehouse: String(facts.order['warehouse'] ?? wh),
        quantity: qty,
        due,
        tier,
        order: facts.order,
        customer: facts.customer,
      });
    }
    return out;
  };

  /** An order is confirmed: its lines become demand that allocation and replenishment must serve. */
  const onConfirm = (demand: readonly DemandInput[], at: number, undated: boolean): void => {
    if (at >= to) return;
    closeDaysBefore(at);
    if (undated) missingCommitment++;
    for (const d of demand) {
      actual.onOrderLine(d);
      ledger.onDemand(d.productId, d.warehouseId, d.quantity, dayOf(at));
      for (const r of runs) r.allocation.onOrderLine(d);
    }
  };

  // The main loop: always handle the earliest thing that can happen next.
  let orderHead: OdooRecord | undefined;
  let messageHead: OdooRecord | undefined;
  let tOrder = Infinity;
  let tMsg = Infinity;
  for (;;) {
    if (!orders.ready) await orders.fill();
    if (!moves.ready) await moves.fill();
    if (!messages.ready) await messages.fill();
    const o = orders.peek();
    const mv = moves.peek();
    const msg = messages.peek();
    // A stream's head waits through many events of the others: its time is read once.
    if (o !== orderHead) {
      orderHead = o;
      tOrder = o ? submittedAt(o) : Infinity;
    }
    if (msg !== messageHead) {
      messageHead = msg;
      tMsg = msg ? odooTime(msg['date']) : Infinity;
    }
    const tMove = mv ? timeOf(mv) : Infinity;
    const tDue = schedule.peek()?.at ?? Infinity;
    const next = Math.min(tOrder, tMove, tMsg, tDue);
    if (next === Infinity) break;
    if (tDue === next) schedule.pop()!.run();
    else if (tMove === next) onMove(moves.next()!);
    else if (tMsg === next) {
      onMessage(messages.next()!);
    } else {
      const order = orders.next()!;
      const mine: OdooRecord[] = [];
      for (;;) {
        if (!lines.ready) await lines.fill();
        const l = lines.peek();
        if (!l) break;
        const oid = m2oId(l['order_id']) ?? -1;
        if (oid > order.id) break;
        lines.next();
        if (oid === order.id) mine.push(l);
      }
      onOrder(order, mine);
      if (options.onProgress && counts.orders % 10_000 === 0) options.onProgress({ orders: counts.orders, day: dateOfDay(day) });
    }
  }
  closeDaysBefore(to);
  // What history had reserved is known as of the export only: a window ending earlier cannot use it.
  const endsAtExport = !Number.isNaN(exported) && to === exported;
  actual.finish(to, endsAtExport ? reservedAtExport : undefined);
  counts.badLines = reader.issueCount;

  const assumptions: Assumption[] = [];
  if (responses.modelled > 0) {
    assumptions.push({
      code: 'approvals/response-model',
      message: `${fmt(responses.modelled)} of ${fmt(responses.modelled + responses.fromHistory)} approval requests had no history to draw a response time from (fewer than 20 answers observed for the role so far); they use a log-normal model with a median of ${MODEL_MEDIAN_HOURS} business hours.`,
    });
  }
  if (responses.observations() === 0) assumptions.push({ code: 'approvals/no-history', message: 'the history holds no approval activities: every response time is modelled.' });
  if (counts.cancelledDeliveries > 0) {
    assumptions.push({
      code: 'history/cancelled-deliveries',
      message: `${fmt(counts.cancelledDeliveries)} deliveries of sale lines were cancelled in history (no backorder); on the actual side their quantity is cancelled, not backordered, as the replay treats a killed line. Odoo keeps no time of cancellation on a move: each counts at its scheduled date, and no later than the export.`,
    });
  }
  if (endsAtExport && reservedAtExport.size > 0) {
    assumptions.push({
      code: 'allocation/reserved-at-end',
      message: `on the actual side, quantity that history had reserved for open deliveries when it was exported (${fmt(reservedAtExport.size)} lines) counts as allocated, waiting for its ship date, not as backordered — as the replay ships what it allocates.`,
    });
  } else if (!endsAtExport) {
    const why = Number.isNaN(exported) ? 'the snapshot does not say when it was exported' : 'the window ends before the export';
    assumptions.push({
      code: 'allocation/reserved-unknown',
      message: `${why}, so what history had reserved at the window's end is unknown: on the actual side, all quantity still open then counts as backordered, including what may have been reserved and waiting for its ship date.`,
    });
  }
  if (missingCommitment > 0) assumptions.push({ code: 'allocation/due-date', message: `${fmt(missingCommitment)} confirmed orders have no commitment date; they are due ${DEFAULT_DUE_DAYS} days after the order date.` });
  if (counts.skippedOrders > 0) assumptions.push({ code: 'history/skipped-orders', message: `${fmt(counts.skippedOrders)} orders refer to partners or products missing from the snapshot and were left out, e.g. ${skippedExamples.join('; ')}.` });
  if (counts.badLines > 0) {
    assumptions.push({ code: 'history/bad-lines', message: `${fmt(counts.badLines)} snapshot lines were not valid records and were skipped: ${issues.slice(0, 3).map((i) => `${i.file}:${i.line} ${i.message}`).join('; ')}.` });
  }
  assumptions.push({
    code: 'replenishment/receipts',
    message: `in the replenishment series, purchase receipts come from the simulated proposals (after the vendor lead time), but for those bought for sale orders (make to order) and the ${fmt(onTheirWay)} already on their way when the window opened: these count as inbound and arrive as they did. Deliveries leave stock as they did in history.`,
  });
  assumptions.push({ code: 'allocation/daily-run', message: 'allocation runs once a day at the end of the day; what it allocates ships that day; receipts arrive as they did in history.' });

  return runs.map((r) => {
    const extra: Assumption[] = [];
    if (r.approvals.usedAlwaysOpen) extra.push({ code: 'approvals/no-calendar', message: 'no Calendar is defined: business time is counted around the clock.' });
    if (r.rs.allocations.size === 0) extra.push({ code: 'allocation/no-policy', message: 'no AllocationPolicy is defined: stock is allocated first come, first served.' });
    if (r.rs.replenishments.size === 0) extra.push({ code: 'replenishment/no-policy', message: 'no ReplenishmentPolicy is defined: no purchases are proposed.' });
    if (r.allocation.peggedReceipts > 0) {
      extra.push({
        code: 'allocation/make-to-order',
        message: `${fmt(r.allocation.peggedReceipts)} receipts were bought for named sale orders (the purchase's origin): ${fmt(r.allocation.peggedQty)} units went straight to those orders' open lines, as Odoo reserves a make-to-order receipt for its delivery (a ship-complete order's line holds it until the order ships whole); only the rest went to the allocation policy.`,
      });
    }
    const approvals = r.approvals.result(days, responses.fromHistory === 0 ? 'model' : responses.modelled === 0 ? 'history' : 'mixed');
    for (const m of approvals.missingFacts.slice(0, 5)) {
      extra.push({
        code: 'approvals/missing-fact',
        message: `${m.fact} was missing on ${fmt(m.orders)} of ${fmt(approvals.orders)} orders, and rows that read it fired anyway (fail closed): ${m.rows.join(', ')}. Those requirements rest on data the history lacks.`,
      });
    }
    r.allocation.finish(to);
    return {
      version: 1,
      snapshot: { path: options.snapshot, odooVersion: manifest.odoo.version, since: manifest.range.since, until: manifest.range.until },
      window: { from: dateOfDay(firstDay), to: dateOfDay(firstDay + days), days },
      rules: {
        revision: r.rs.revision,
        matrices: r.saleMatrices.map((m) => m.name),
        allocation: [...r.rs.allocations.keys()][0] ?? null,
        replenishment: [...r.rs.replenishments.keys()][0] ?? null,
      },
      counts,
      assumptions: [...assumptions, ...extra],
      approvals,
      allocation: { policy: r.allocation.policyName, shortageEvents: r.allocation.shortageEvents, byTier: tierFill(r.allocation.ledger, actual.ledger) },
      replenishment: r.replenishment.result(),
    } satisfies SimulationResult;
  });
}

/** When a quotation entered the system: its creation (Odoo moves date_order to the confirmation). */
function submittedAt(o: OdooRecord): number {
  const created = odooTime(o['create_date']);
  return Number.isNaN(created) ? odooTime(o['date_order']) : created;
}
