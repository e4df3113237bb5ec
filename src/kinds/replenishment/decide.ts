/**
 * The replenishment proposal for one product in one warehouse: a pure function of the policy
 * and the product's state. The forecast always counts stock on its way (inbound transfers,
 * open purchases) and committed demand: never reorder blind to what is already coming.
 * A scope condition that is unknown (missing fact) does not select a rule; the product then
 * falls to a later rule, and the proposal says which facts were missing.
 */
import type { Evaluator } from '../../compile/evaluate.js';
import { resolveFact } from '../../compile/truth.js';
import type { Facts } from '../../facts/model.js';
import type { ReplenishmentPolicy } from './policy.js';

export interface ReplenishmentProposal {
  policy: string;
  rule: string;
  product: string;
  warehouse: string;
  action: 'rfq' | 'alert';
  /** Quantity to order (0 with an alert when no order can be placed). */
  quantity: number;
  vendor: string | null;
  reason: string;
  forecast: number;
  expedite: boolean;
  skippedRules: string[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const roundUp = (q: number, multiple: number): number => Math.ceil(q / multiple - 1e-9) * multiple;

/** Forecast position: on hand + inbound + on order − committed. */
export function forecastOf(facts: Facts): number {
  const given = num(resolveFact(facts, ['stock', 'forecast']));
  if (given !== null) return given;
  const part = (k: string): number => num(resolveFact(facts, ['stock', k])) ?? 0;
  return part('on_hand') + part('inbound') + part('on_order') - part('committed');
}

export function proposeReplenishment(policy: ReplenishmentPolicy, facts: Facts, evaluate: Evaluator): ReplenishmentProposal | null {
  const warehouse = String(resolveFact(facts, ['warehouse', 'code']) ?? '');
  if (policy.warehouses && !policy.warehouses.includes(warehouse)) return null;
  const skipped: string[] = [];
  const rule = policy.rules.find((r) => {
    const t = evaluate(r.when, facts);
    if (t === 'unknown') skipped.push(r.id);
    return t === 'true';
  });
  if (!rule) return null;
  const forecast = forecastOf(facts);
  const vendorName = resolveFact(facts, ['vendor', 'name']);
  const vendor = typeof vendorName === 'string' ? vendorName : null;
  const base = {
    policy: policy.name,
    rule: rule.id,
    product: String(resolveFact(facts, ['product', 'code']) ?? ''),
    warehouse,
    forecast,
    expedite: policy.expedite && forecast < 0,
    skippedRules: skipped,
  };
  let quantity: number;
  let reason: string;
  const m = rule.method;
  if (m.type === 'minMax') {
    if (forecast >= m.min) return null;
    quantity = roundUp(m.max - forecast, m.multiple);
    reason = `forecast ${forecast} below min ${m.min}: order up to max ${m.max}`;
  } else {
    const daily = num(resolveFact(facts, ['demand', 'daily'])) ?? 0;
    const lead = num(resolveFact(facts, ['vendor', 'lead_days'])) ?? m.leadDays ?? null;
    if (lead === null) {
      return { ...base, action: 'alert', quantity: 0, vendor, reason: 'no lead time known (vendor.lead_days missing and no leadDays in the rule)' };
    }
    if (daily <= 0) return null;
    const reorderPoint = daily * (lead + m.safetyDays);
    if (forecast >= reorderPoint) return null;
    const target = daily * (lead + m.safetyDays + m.days);
    quantity = roundUp(target - forecast, m.multiple);
    reason = `forecast ${forecast} below ${round2(reorderPoint)} (${round2(daily)}/day × ${lead + m.safetyDays} days lead and safety): order up to ${m.days} days of cover`;
  }
  if (rule.action === 'rfq' && vendor === null) {
    return { ...base, action: 'alert', quantity, vendor, reason: `${reason}; no vendor to send an RFQ to` };
  }
  return { ...base, action: rule.action, quantity, vendor, reason };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
