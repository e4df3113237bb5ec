/**
 * What `distrule simulate` computes: a plain, JSON-stable structure. Reports (text, json,
 * markdown, html) are pure functions of it; `diff` compares two of them.
 * Field names are part of the json output's contract: add, never rename.
 */
export interface Assumption {
  /** Stable code, e.g. `approvals/response-model`. */
  code: string;
  message: string;
}

export interface RoleLoad {
  role: string;
  requests: number;
  /** Mean requests per calendar day over the window (days with none count as 0). */
  perDayAvg: number;
  perDayMax: number;
  /** Median business hours from request to decision. */
  medianResponseHours: number;
  p90ResponseHours: number;
  escalations: number;
}

export interface QueuePoint {
  /** YYYY-MM-DD, end of day. */
  date: string;
  open: number;
  /** Age in business hours of the oldest open request. */
  oldestAgeHours: number;
}

export interface EscalationCount {
  policy: string;
  step: number;
  action: string;
  after: string;
  count: number;
}

export interface TierFill {
  /** Tier, or "(none)" for customers without one. */
  tier: string;
  orderedQty: number;
  lines: number;
  simulated: FillFigures;
  actual: FillFigures;
}

export interface FillFigures {
  /** Share of ordered quantity delivered by the promised (or requested) date, 0..1. */
  fillRate: number;
  /** Quantity still open at the end of the window with no stock allocated (reserved) for it. */
  backorderQty: number;
  lateLines: number;
  /** Mean days late over the late lines. */
  avgLateDays: number;
}

export interface StockPoint {
  date: string;
  simulated: number;
  actual: number;
}

export interface ProductImpact {
  product: string;
  warehouse: string;
  simulatedStockoutDays: number;
  actualStockoutDays: number;
  proposals: number;
  series: StockPoint[];
}

export interface SimulationResult {
  version: 1;
  snapshot: { path: string; odooVersion: string; since: string; until: string };
  window: { from: string; to: string; days: number };
  rules: { revision: string; matrices: string[]; allocation: string | null; replenishment: string | null };
  counts: {
    orders: number;
    lines: number;
    receipts: number;
    deliveries: number;
    purchases: number;
    activities: number;
    /** Sale lines' deliveries cancelled in history (no backorder): on the actual side, not backordered. */
    cancelledDeliveries: number;
    /** Snapshot lines that were not valid records (lenient mode), per file. */
    badLines: number;
    /** Orders skipped because they referred to missing partners or products. */
    skippedOrders: number;
  };
  assumptions: Assumption[];
  approvals: {
    orders: number;
    allowed: number;
    requiring: number;
    denied: number;
    /** Orders where a row fired only because a fact was missing (fail closed). */
    uncertain: number;
    byRole: RoleLoad[];
    byRow: { matrix: string; row: string; fired: number }[];
    escalations: EscalationCount[];
    queue: QueuePoint[];
    responseSource: 'history' | 'model' | 'mixed';
    /**
     * Facts that were missing where a row read them, most orders first: the row fired anyway
     * (fail closed), so these orders' requirements rest on data the history lacks.
     * `rows`: `matrix/row` of the rows that fired so.
     */
    missingFacts: { fact: string; orders: number; rows: string[] }[];
  };
  allocation: {
    policy: string | null;
    /** Times open demand exceeded available stock and the policy decided. */
    shortageEvents: number;
    byTier: TierFill[];
  };
  replenishment: {
    policy: string | null;
    proposals: number;
    rfq: number;
    alerts: number;
    expedites: number;
    stockoutDays: { simulated: number; actual: number };
    /** Mean inventory value (cost) over the window's days. */
    inventoryValue: { simulated: number; actual: number };
    /** The most affected products (largest stockout difference), with their stock series. */
    products: ProductImpact[];
  };
}
