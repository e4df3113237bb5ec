/**
 * `distrule simulate --format json`: the SimulationResult itself, pretty-printed, with keys in
 * exactly the order the type declares them (whatever order the object was built in), so two
 * runs diff line by line. Fields outside the type are left out: the type is the contract.
 */
import type {
  Assumption,
  EscalationCount,
  FillFigures,
  ProductImpact,
  QueuePoint,
  RoleLoad,
  SimulationResult,
  StockPoint,
  TierFill,
} from '../../simulate/result.js';

export interface JsonSimulationOptions {
  /** Pretty-print with this indent; 0 for one line. Default 2. */
  indent?: number;
}

const assumption = (a: Assumption): Assumption => ({ code: a.code, message: a.message });

const roleLoad = (r: RoleLoad): RoleLoad => ({
  role: r.role,
  requests: r.requests,
  perDayAvg: r.perDayAvg,
  perDayMax: r.perDayMax,
  medianResponseHours: r.medianResponseHours,
  p90ResponseHours: r.p90ResponseHours,
  escalations: r.escalations,
});

const queuePoint = (q: QueuePoint): QueuePoint => ({ date: q.date, open: q.open, oldestAgeHours: q.oldestAgeHours });

const escalation = (e: EscalationCount): EscalationCount => ({ policy: e.policy, step: e.step, action: e.action, after: e.after, count: e.count });

const fill = (f: FillFigures): FillFigures => ({ fillRate: f.fillRate, backorderQty: f.backorderQty, lateLines: f.lateLines, avgLateDays: f.avgLateDays });

const tierFill = (t: TierFill): TierFill => ({
  tier: t.tier,
  orderedQty: t.orderedQty,
  lines: t.lines,
  simulated: fill(t.simulated),
  actual: fill(t.actual),
});

const stockPoint = (p: StockPoint): StockPoint => ({ date: p.date, simulated: p.simulated, actual: p.actual });

const productImpact = (p: ProductImpact): ProductImpact => ({
  product: p.product,
  warehouse: p.warehouse,
  simulatedStockoutDays: p.simulatedStockoutDays,
  actualStockoutDays: p.actualStockoutDays,
  proposals: p.proposals,
  series: p.series.map(stockPoint),
});

/** A copy of the result with every object's keys in the type's declaration order. */
export function canonicalSimulation(r: SimulationResult): SimulationResult {
  return {
    version: r.version,
    snapshot: { path: r.snapshot.path, odooVersion: r.snapshot.odooVersion, since: r.snapshot.since, until: r.snapshot.until },
    window: { from: r.window.from, to: r.window.to, days: r.window.days },
    rules: {
      revision: r.rules.revision,
      matrices: [...r.rules.matrices],
      allocation: r.rules.allocation,
      replenishment: r.rules.replenishment,
    },
    counts: {
      orders: r.counts.orders,
      lines: r.counts.lines,
      receipts: r.counts.receipts,
      deliveries: r.counts.deliveries,
      purchases: r.counts.purchases,
      activities: r.counts.activities,
      cancelledDeliveries: r.counts.cancelledDeliveries,
      badLines: r.counts.badLines,
      skippedOrders: r.counts.skippedOrders,
    },
    assumptions: r.assumptions.map(assumption),
    approvals: {
      orders: r.approvals.orders,
      allowed: r.approvals.allowed,
      requiring: r.approvals.requiring,
      denied: r.approvals.denied,
      uncertain: r.approvals.uncertain,
      byRole: r.approvals.byRole.map(roleLoad),
      byRow: r.approvals.byRow.map((b) => ({ matrix: b.matrix, row: b.row, fired: b.fired })),
      escalations: r.approvals.escalations.map(escalation),
      queue: r.approvals.queue.map(queuePoint),
      responseSource: r.approvals.responseSource,
      missingFacts: r.approvals.missingFacts.map((m) => ({ fact: m.fact, orders: m.orders, rows: [...m.rows] })),
    },
    allocation: {
      policy: r.allocation.policy,
      shortageEvents: r.allocation.shortageEvents,
      byTier: r.allocation.byTier.map(tierFill),
    },
    replenishment: {
      policy: r.replenishment.policy,
      proposals: r.replenishment.proposals,
      rfq: r.replenishment.rfq,
      alerts: r.replenishment.alerts,
      expedites: r.replenishment.expedites,
      stockoutDays: { simulated: r.replenishment.stockoutDays.simulated, actual: r.replenishment.stockoutDays.actual },
      inventoryValue: { simulated: r.replenishment.inventoryValue.simulated, actual: r.replenishment.inventoryValue.actual },
      products: r.replenishment.products.map(productImpact),
    },
  };
}

export function formatSimulationJson(result: SimulationResult, options: JsonSimulationOptions = {}): string {
  return `${JSON.stringify(canonicalSimulation(result), null, options.indent ?? 2)}\n`;
}
