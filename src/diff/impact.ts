/**
 * The decision impact of a rule change: replay base and head over the same history in one
 * pass, compare each order's approval requirement, and set the two simulations side by side
 * (queue load per role, fill rate per tier, replenishment proposals).
 */
import type { ApprovalDecision } from '../kinds/approval/decide.js';
import type { RuleSet } from '../ruleset/types.js';
import { simulate, type SimulateOptions } from '../simulate/engine.js';
import type { SimulationResult } from '../simulate/result.js';

/** What an order needs, in one comparable line: "require finance-manager@financial, sales-director×2@operational". */
export function requirementOf(decisions: readonly ApprovalDecision[]): string {
  const parts: string[] = [];
  for (const d of decisions) {
    if (d.outcome === 'deny') parts.push(`${d.matrix}: deny`);
    else if (d.outcome === 'require') parts.push(`${d.matrix}: ${d.steps.map((s) => `${s.role}${s.count > 1 ? `×${s.count}` : ''}@${s.track}`).join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'no approval';
}

export interface ChangedOrder {
  id: number;
  name: string;
  date: string;
  before: string;
  after: string;
  rowsBefore: string[];
  rowsAfter: string[];
}

export interface SlotChange {
  role: string;
  track: string;
  /** Orders that need this role on this track only after the change (+) or only before (−). */
  added: number;
  removed: number;
}

export interface DecisionImpact {
  orders: number;
  changed: number;
  /** Changed orders, by how the requirement moved. */
  transitions: { before: string; after: string; orders: number }[];
  slots: SlotChange[];
  /** The first changed orders in time order (at most `examples`). */
  examples: ChangedOrder[];
  base: SimulationResult;
  head: SimulationResult;
}

export interface ImpactOptions extends Omit<SimulateOptions, 'ruleSets' | 'onOrder'> {
  examples?: number;
}

export async function decisionImpact(base: RuleSet, head: RuleSet, options: ImpactOptions): Promise<DecisionImpact> {
  const max = options.examples ?? 20;
  const examples: ChangedOrder[] = [];
  const transitions = new Map<string, number>();
  const slots = new Map<string, SlotChange>();
  let orders = 0;
  let changed = 0;
  const [b, h] = await simulate({
    ...options,
    ruleSets: [base, head],
    onOrder: (order, [before, after]) => {
      orders++;
      const rb = requirementOf(before!);
      const ra = requirementOf(after!);
      if (rb === ra) return;
      changed++;
      const t = `${rb}\u0000${ra}`;
      transitions.set(t, (transitions.get(t) ?? 0) + 1);
      const slotSet = (ds: readonly ApprovalDecision[]): Set<string> => new Set(ds.flatMap((d) => d.steps.map((s) => `${s.role}\u0000${s.track}`)));
      const sb = slotSet(before!);
      const sa = slotSet(after!);
      for (const k of new Set([...sb, ...sa])) {
        if (sb.has(k) === sa.has(k)) continue;
        const [role, track] = k.split('\u0000') as [string, string];
        const s = slots.get(k) ?? { role, track, added: 0, removed: 0 };
        if (sa.has(k)) s.added++;
        else s.removed++;
        slots.set(k, s);
      }
      if (examples.length < max) {
        examples.push({
          id: order.id,
          name: order.name,
          date: new Date(order.at).toISOString().slice(0, 10),
          before: rb,
          after: ra,
          rowsBefore: before!.flatMap((d) => d.rows),
          rowsAfter: after!.flatMap((d) => d.rows),
        });
      }
    },
  });
  return {
    orders,
    changed,
    transitions: [...transitions]
      .map(([k, n]) => {
        const [before, after] = k.split('\u0000') as [string, string];
        return { before, after, orders: n };
      })
      .sort((x, y) => y.orders - x.orders || x.before.localeCompare(y.before)),
    slots: [...slots.values()].sort((x, y) => y.added + y.removed - (x.added + x.removed) || x.role.localeCompare(y.role)),
    examples,
    base: b!,
    head: h!,
  };
}

/** True when replaying the change moved anything a reviewer should see. */
export function hasImpact(i: DecisionImpact): boolean {
  const fill = (r: SimulationResult): string => JSON.stringify(r.allocation.byTier.map((t) => t.simulated));
  return (
    i.changed > 0 ||
    fill(i.base) !== fill(i.head) ||
    i.base.replenishment.proposals !== i.head.replenishment.proposals ||
    i.base.approvals.escalations.reduce((n, e) => n + e.count, 0) !== i.head.approvals.escalations.reduce((n, e) => n + e.count, 0)
  );
}
