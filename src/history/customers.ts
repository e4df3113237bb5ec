/**
 * The customer base: 500 companies (each with one or two contacts) across the Benelux and
 * its neighbours, with a skewed order volume, tiers that follow volume, tags, credit terms,
 * a salesperson and the warehouse that serves them.
 */
import { capital, namesFor } from './names.js';
import { Rng, WeightedTable } from './random.js';
import {
  PAYMENT_TERMS,
  PLACE_REGION,
  PRICELISTS,
  TEAMS,
  USERS,
  WAREHOUSES,
  region,
  tierTag,
  type PaymentTerm,
  type TagName,
  type Tier,
  type User,
  type Warehouse,
} from './reference.js';

export interface Contact {
  partnerId: number;
  name: string;
}

export interface Customer {
  index: number;
  partnerId: number;
  ref: string;
  name: string;
  countryCode: string;
  regionId: number | false;
  tier: Tier | undefined;
  tags: TagName[];
  contacts: Contact[];
  /** Relative order volume. */
  weight: number;
  paymentTerm: PaymentTerm;
  pricelistId: number;
  pricelistName: string;
  priceFactor: number;
  /** false: no credit limit set. */
  creditLimit: number | false;
  /** Extra days past the term a customer takes to pay. */
  payDelay: number;
  /** Open amount carried in from before the window (overdue), part of `credit`. */
  openingOverdue: number;
  salesperson: User;
  /** Colleague who takes over when the salesperson leaves. */
  successor: User;
  teamId: number;
  warehouse: Warehouse;
  /** Orders only within [startDay, endDay). */
  startDay: number;
  endDay: number;
  /** picking_policy 'one' (Ship Complete) and backorders refused (Fill or Kill). */
  shipComplete: boolean;
  fillOrKill: boolean;
  /** Share of orders placed by the contact rather than the company. */
  contactShare: number;
}

const COUNTRY_MIX: ReadonlyArray<readonly [string, number]> = [
  ['NL', 0.45], ['BE', 0.2], ['DE', 0.18], ['FR', 0.08], ['LU', 0.02], ['AT', 0.02],
  ['DK', 0.015], ['PL', 0.015], ['ES', 0.01], ['IT', 0.005], ['CH', 0.005],
];

const NORTH_NL = new Set(['NH', 'FL', 'UT', 'GR', 'FR', 'DR', 'OV', 'GE']);

export function buildCustomers(rng: Rng, count: number, firstPartnerId: number, days: number): Customer[] {
  const r = rng.fork('customers');
  const countries = new WeightedTable(COUNTRY_MIX.map(([c]) => c), COUNTRY_MIX.map(([, w]) => w));
  const usedNames = new Set<string>();
  // Pareto volume: a few customers place a large share of the orders.
  const weights = Array.from({ length: count }, () => Math.min(60, (1 - r.next()) ** (-1 / 1.25)));
  const rankOf = rankDescending(weights);
  let partnerId = firstPartnerId;
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const countryCode = countries.draw(r);
    const names = namesFor(countryCode);
    const place = r.pick(names.places);
    const name = uniqueName(r, countryCode, place, usedNames);
    const rank = rankOf[i]! / count;
    let tier: Tier | undefined = rank < 0.04 ? 'Platinum' : rank < 0.18 ? 'Gold' : rank < 0.5 ? 'Silver' : 'Bronze';
    if (tier !== 'Platinum' && r.chance(0.04)) tier = undefined; // a new account nobody has tiered yet
    const tags: TagName[] = tier ? [tierTag(tier)] : [];
    if (tier === 'Platinum' || (tier === 'Gold' && r.chance(0.3))) tags.push('Key Account');
    const creditHold = tier !== 'Platinum' && r.chance(tier === 'Bronze' ? 0.05 : 0.02);
    if (creditHold) tags.push('Credit Hold');
    const fillOrKill = r.chance(0.04);
    if (fillOrKill) tags.push('Fill or Kill');
    const shipComplete = !fillOrKill && r.chance(0.08);
    if (shipComplete) tags.push('Ship Complete');
    const segment = r.weighted<TagName | undefined>(['OEM', 'Reseller', 'MRO', undefined], [0.25, 0.18, 0.45, 0.12]);
    if (segment) tags.push(segment);
    if (countryCode === 'CH' || (countryCode !== 'NL' && r.chance(0.05))) tags.push('Export');
    const isNew = !tier || r.chance(0.03);
    const startDay = isNew && tier !== 'Platinum' ? r.int(Math.floor(days * 0.45), Math.floor(days * 0.9)) : 0;
    if (startDay > 0) tags.push('New Customer');
    const closes = startDay === 0 && tier !== 'Platinum' && r.chance(0.012);
    const endDay = closes ? r.int(Math.floor(days * 0.3), Math.floor(days * 0.7)) : days + 1;
    const regionCode = PLACE_REGION[place];
    const regionId = regionCode ? (region(countryCode, regionCode)?.id ?? false) : false;
    const pricelist = PRICELISTS[tier ?? 'Bronze'];
    const team = teamFor(countryCode, tier, rank, tags);
    const sellers = USERS.filter((u) => u.role === 'sales' && u.team === team && u.active);
    const formerSeller = USERS.find((u) => u.login === 'p.vanleeuwen')!;
    const salesperson = team === 1 && r.chance(0.15) ? formerSeller : team === 4 && r.chance(0.35) ? USERS.find((u) => u.login === 'm.dejong')! : r.pick(sellers);
    const contactCount = tier === 'Platinum' || (tier === 'Gold' && r.chance(0.5)) ? 2 : 1;
    const partner = partnerId++;
    const contacts: Contact[] = [];
    for (let k = 0; k < contactCount; k++) {
      contacts.push({ partnerId: partnerId++, name: `${r.pick(names.first)} ${capital(r.pick(names.last))}` });
    }
    customers.push({
      index: i,
      partnerId: partner,
      ref: `C${10001 + i}`,
      name,
      countryCode,
      regionId,
      tier,
      tags,
      contacts,
      weight: weights[i]! * (startDay > 0 ? 0.6 : 1),
      paymentTerm: paymentTermFor(r, tier, startDay > 0),
      pricelistId: pricelist.id,
      pricelistName: pricelist.name,
      priceFactor: pricelist.factor,
      creditLimit: false, // sized later, once the expected volume is known
      payDelay: creditHold ? r.int(45, 110) : r.chance(0.15) ? r.int(8, 40) : r.int(0, 6),
      openingOverdue: 0,
      salesperson,
      successor: r.pick(sellers.filter((s) => s.login !== 'p.vanleeuwen')),
      teamId: team,
      warehouse: warehouseFor(countryCode, regionCode, r),
      startDay,
      endDay,
      shipComplete,
      fillOrKill,
      contactShare: r.float(0.1, 0.6),
    });
  }
  return customers;
}

/**
 * Credit limits sized by tier and by the customer's expected open receivables; about one in
 * eight customers has none (Odoo: no limit set).
 */
export function assignCreditLimits(rng: Rng, customers: Customer[], expectedMonthlyTotal: (c: Customer) => number): void {
  const r = rng.fork('credit');
  const floor: Record<Tier, number> = { Platinum: 100_000, Gold: 40_000, Silver: 15_000, Bronze: 5_000 };
  for (const c of customers) {
    const exposure = (expectedMonthlyTotal(c) * (c.paymentTerm.days + c.payDelay + 10)) / 30;
    const noLimit = c.tags.includes('Credit Hold') ? false : r.chance(c.tier === 'Platinum' ? 0.3 : 0.11);
    if (noLimit) {
      c.creditLimit = false;
    } else {
      const tierFloor = c.tier ? floor[c.tier] : 2_500;
      const sized = Math.max(tierFloor, exposure * r.float(0.8, 2.2));
      c.creditLimit = Math.round(sized / 2_500) * 2_500;
    }
    if (c.tags.includes('Credit Hold')) {
      const limit = typeof c.creditLimit === 'number' ? c.creditLimit : floor.Bronze;
      c.openingOverdue = Math.round(limit * r.float(0.9, 1.4));
    } else if (c.payDelay > 20) {
      c.openingOverdue = Math.round(expectedMonthlyTotal(c) * r.float(0.1, 0.6));
    }
  }
}

function teamFor(countryCode: string, tier: Tier | undefined, rank: number, tags: readonly TagName[]): number {
  if (tags.includes('Key Account')) return TEAMS[3]!.id;
  if (rank > 0.8 && tier === 'Bronze') return TEAMS[4]!.id;
  if (countryCode === 'NL' || countryCode === 'BE' || countryCode === 'LU') return TEAMS[0]!.id;
  if (countryCode === 'DE' || countryCode === 'AT' || countryCode === 'CH' || countryCode === 'PL' || countryCode === 'DK') return TEAMS[1]!.id;
  return TEAMS[2]!.id;
}

function warehouseFor(countryCode: string, regionCode: string | undefined, r: Rng): Warehouse {
  const [ams, rtm, anr] = WAREHOUSES as [Warehouse, Warehouse, Warehouse];
  if (countryCode === 'NL') return regionCode && NORTH_NL.has(regionCode) ? ams : regionCode ? rtm : r.pick([ams, rtm]);
  if (countryCode === 'BE' || countryCode === 'FR' || countryCode === 'LU' || countryCode === 'ES' || countryCode === 'IT') return anr;
  if (countryCode === 'DE') return r.chance(0.6) ? rtm : ams;
  return ams;
}

function paymentTermFor(r: Rng, tier: Tier | undefined, isNew: boolean): PaymentTerm {
  const byName = (n: string): PaymentTerm => PAYMENT_TERMS.find((t) => t.name === n)!;
  if (isNew) return r.chance(0.6) ? byName('Immediate Payment') : byName('15 Days');
  switch (tier) {
    case 'Platinum':
      return r.chance(0.5) ? byName('45 Days') : byName('End of Following Month');
    case 'Gold':
      return r.chance(0.7) ? byName('30 Days') : byName('45 Days');
    case 'Silver':
      return r.chance(0.7) ? byName('30 Days') : byName('21 Days');
    default:
      return r.weighted([byName('15 Days'), byName('30 Days'), byName('Immediate Payment')], [0.4, 0.45, 0.15]);
  }
}

function uniqueName(r: Rng, countryCode: string, place: string, used: Set<string>): string {
  const names = namesFor(countryCode);
  for (let attempt = 0; ; attempt++) {
    const base = r.pick(names.patterns)(r.pick(names.last), r.pick(names.sectors), place);
    const legal = r.weighted(names.legal.map(([l]) => l), names.legal.map(([, w]) => w));
    const name = attempt < 8 ? `${base} ${legal}` : `${base} ${r.pick(names.places)} ${legal}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function rankDescending(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const rank = new Array<number>(values.length);
  order.forEach(([, i], k) => (rank[i] = k));
  return rank;
}
