/**
 * The fixed reference data of the example company: company, currency, countries and regions,
 * users and teams, pricelists, payment terms, partner tags, units, warehouses and locations,
 * activity types. None of it depends on the seed: it is the company's set-up, not its history.
 */

export const COMPANY = {
  id: 1,
  partnerId: 1,
  name: 'Nordic Fasteners & Fluid Supply B.V.',
  country: 'NL',
};

export const EUR = { id: 1, name: 'EUR', symbol: '€' };
export const USD = { id: 2, name: 'USD', symbol: '$' };

export interface Country {
  id: number;
  code: string;
  name: string;
  /** Intra-EU B2B sales are reverse-charged (0 %); domestic sales carry 21 % VAT. */
  vat: number;
}

const COUNTRY_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['NL', 'Netherlands'], ['BE', 'Belgium'], ['DE', 'Germany'], ['FR', 'France'], ['LU', 'Luxembourg'],
  ['AT', 'Austria'], ['DK', 'Denmark'], ['PL', 'Poland'], ['ES', 'Spain'], ['IT', 'Italy'],
  ['CH', 'Switzerland'], ['GB', 'United Kingdom'], ['CN', 'China'], ['TW', 'Taiwan'], ['PK', 'Pakistan'],
];

export const COUNTRIES: readonly Country[] = COUNTRY_ROWS.map(([code, name], i) => ({ id: i + 1, code, name, vat: code === 'NL' ? 0.21 : 0 }));

export function country(code: string): Country {
  const c = COUNTRIES.find((x) => x.code === code);
  if (!c) throw new Error(`unknown country ${code}`);
  return c;
}

export interface Region {
  id: number;
  code: string;
  name: string;
  country: string;
}

const REGION_ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['NL', 'DR', 'Drenthe'], ['NL', 'FL', 'Flevoland'], ['NL', 'FR', 'Friesland'], ['NL', 'GE', 'Gelderland'],
  ['NL', 'GR', 'Groningen'], ['NL', 'LI', 'Limburg'], ['NL', 'NB', 'Noord-Brabant'], ['NL', 'NH', 'Noord-Holland'],
  ['NL', 'OV', 'Overijssel'], ['NL', 'UT', 'Utrecht'], ['NL', 'ZE', 'Zeeland'], ['NL', 'ZH', 'Zuid-Holland'],
  ['BE', 'VAN', 'Antwerpen'], ['BE', 'VOV', 'Oost-Vlaanderen'], ['BE', 'VWV', 'West-Vlaanderen'], ['BE', 'VBR', 'Vlaams-Brabant'],
  ['BE', 'VLI', 'Limburg'], ['BE', 'WLG', 'Liège'], ['BE', 'WHT', 'Hainaut'], ['BE', 'WNA', 'Namur'],
  ['DE', 'NW', 'Nordrhein-Westfalen'], ['DE', 'NI', 'Niedersachsen'], ['DE', 'HH', 'Hamburg'], ['DE', 'HB', 'Bremen'],
  ['DE', 'HE', 'Hessen'], ['DE', 'BW', 'Baden-Württemberg'], ['DE', 'BY', 'Bayern'], ['DE', 'SN', 'Sachsen'],
];

export const REGIONS: readonly Region[] = REGION_ROWS.map(([c, code, name], i) => ({ id: i + 1, code, name, country: c }));

/** The region of each city the name pools use (countries without regions map to none). */
export const PLACE_REGION: Readonly<Record<string, string>> = {
  Amsterdam: 'NH', Rotterdam: 'ZH', Utrecht: 'UT', Eindhoven: 'NB', Tilburg: 'NB', Groningen: 'GR', Zwolle: 'OV',
  Arnhem: 'GE', Nijmegen: 'GE', Breda: 'NB', 'Den Bosch': 'NB', Delft: 'ZH', Leiden: 'ZH', Haarlem: 'NH',
  Almere: 'FL', Enschede: 'OV', Venlo: 'LI', Dordrecht: 'ZH', Alkmaar: 'NH', Apeldoorn: 'GE', Helmond: 'NB',
  Deventer: 'OV', Emmen: 'DR', Zaandam: 'NH', Moerdijk: 'NB', Schiedam: 'ZH',
  Antwerpen: 'VAN', Gent: 'VOV', Brugge: 'VWV', Leuven: 'VBR', Mechelen: 'VAN', Hasselt: 'VLI', Genk: 'VLI',
  Kortrijk: 'VWV', Liège: 'WLG', Charleroi: 'WHT', Namur: 'WNA', Aalst: 'VOV', Geel: 'VAN', Zeebrugge: 'VWV',
  Duisburg: 'NW', Düsseldorf: 'NW', Köln: 'NW', Essen: 'NW', Dortmund: 'NW', Münster: 'NW', Aachen: 'NW',
  Krefeld: 'NW', Bochum: 'NW', Hamburg: 'HH', Bremen: 'HB', Hannover: 'NI', Frankfurt: 'HE', Stuttgart: 'BW',
  München: 'BY', Leipzig: 'SN', Mannheim: 'BW', Kassel: 'HE',
};

export function region(countryCode: string, code: string): Region | undefined {
  return REGIONS.find((r) => r.country === countryCode && r.code === code);
}

export const UOM = {
  units: { id: 1, name: 'Units' },
  metre: { id: 2, name: 'm' },
  litre: { id: 3, name: 'L' },
  kg: { id: 4, name: 'kg' },
} as const;

export interface PaymentTerm {
  id: number;
  name: string;
  days: number;
}

export const PAYMENT_TERMS: readonly PaymentTerm[] = [
  { id: 1, name: 'Immediate Payment', days: 0 },
  { id: 2, name: '15 Days', days: 15 },
  { id: 3, name: '21 Days', days: 21 },
  { id: 4, name: '30 Days', days: 30 },
  { id: 5, name: '45 Days', days: 45 },
  { id: 6, name: 'End of Following Month', days: 45 },
];

export type Tier = 'Platinum' | 'Gold' | 'Silver' | 'Bronze';
export const TIERS: readonly Tier[] = ['Platinum', 'Gold', 'Silver', 'Bronze'];

export interface Pricelist {
  id: number;
  name: string;
  /** Price factor on the list price. */
  factor: number;
}

export const PRICELISTS: Readonly<Record<Tier | 'Public', Pricelist>> = {
  Public: { id: 1, name: 'Public Pricelist', factor: 1 },
  Platinum: { id: 2, name: 'Platinum Partners', factor: 0.88 },
  Gold: { id: 3, name: 'Gold Partners', factor: 0.92 },
  Silver: { id: 4, name: 'Silver Partners', factor: 0.96 },
  Bronze: { id: 1, name: 'Public Pricelist', factor: 1 },
};

export const TAGS = {
  'Tier: Platinum': 1,
  'Tier: Gold': 2,
  'Tier: Silver': 3,
  'Tier: Bronze': 4,
  'Key Account': 5,
  'Credit Hold': 6,
  'Fill or Kill': 7,
  'Ship Complete': 8,
  OEM: 9,
  Reseller: 10,
  MRO: 11,
  Export: 12,
  'New Customer': 13,
  'Preferred Vendor': 14,
  'Single Source': 15,
  'Asia Import': 16,
} as const;
export type TagName = keyof typeof TAGS;

export function tierTag(tier: Tier): TagName {
  return `Tier: ${tier}`;
}

export const ACTIVITY_TYPES = [
  { id: 1, name: 'Email', category: 'default' },
  { id: 2, name: 'Call', category: 'phonecall' },
  { id: 3, name: 'Meeting', category: 'meeting' },
  { id: 4, name: 'To-Do', category: 'default' },
  { id: 5, name: 'Upload Document', category: 'upload_file' },
  { id: 6, name: 'Approval', category: 'default' },
] as const;
export const APPROVAL_ACTIVITY = ACTIVITY_TYPES[5];

export const MESSAGE_SUBTYPES = [
  { id: 1, name: 'Discussions', internal: false },
  { id: 2, name: 'Note', internal: true },
  { id: 3, name: 'Activities', internal: true },
] as const;
export const ACTIVITIES_SUBTYPE = MESSAGE_SUBTYPES[2];

// ---------------------------------------------------------------------------------------------
// Warehouses and locations.

export interface Warehouse {
  /** Index into WAREHOUSES. */
  index: number;
  id: number;
  code: string;
  name: string;
  viewLocationId: number;
  stockLocationId: number;
  receiptTypeId: number;
  deliveryTypeId: number;
  /** Share of demand shipped from here. */
  share: number;
}

export const LOCATIONS = {
  physical: { id: 1, name: 'Physical Locations', complete: 'Physical Locations' },
  partners: { id: 2, name: 'Partners', complete: 'Partners' },
  virtual: { id: 3, name: 'Virtual Locations', complete: 'Virtual Locations' },
  vendors: { id: 4, name: 'Vendors', complete: 'Partners/Vendors' },
  customers: { id: 5, name: 'Customers', complete: 'Partners/Customers' },
  adjustment: { id: 6, name: 'Inventory adjustment', complete: 'Virtual Locations/Inventory adjustment' },
} as const;

export const WAREHOUSES: readonly Warehouse[] = [
  { code: 'AMS', name: 'Amsterdam', share: 0.45 },
  { code: 'RTM', name: 'Rotterdam', share: 0.35 },
  { code: 'ANR', name: 'Antwerpen', share: 0.2 },
].map((w, index) => ({
  ...w,
  index,
  id: index + 1,
  viewLocationId: 7 + index * 2,
  stockLocationId: 8 + index * 2,
  receiptTypeId: 1 + index * 2,
  deliveryTypeId: 2 + index * 2,
}));

// ---------------------------------------------------------------------------------------------
// People: users (with their partner records) and sales teams.

export type Role = 'system' | 'admin' | 'sales' | 'sales-manager' | 'sales-director' | 'finance' | 'cfo' | 'buyer' | 'warehouse';

export interface User {
  id: number;
  login: string;
  name: string;
  partnerId: number;
  role: Role;
  active: boolean;
  /** Sales team the user sells in (or leads). */
  team?: number;
  /** A user who left during the window: days after its start (orders move to a colleague). */
  leavesAfterDays?: number;
}

interface UserRow {
  login: string;
  name: string;
  role: Role;
  team?: number;
  active?: boolean;
  leavesAfterDays?: number;
}

export interface Team {
  id: number;
  name: string;
  leader: string;
}

export const TEAMS: readonly Team[] = [
  { id: 1, name: 'Benelux Sales', leader: 'a.bakker' },
  { id: 2, name: 'DACH Sales', leader: 'k.schneider' },
  { id: 3, name: 'France & Export', leader: 'c.moreau' },
  { id: 4, name: 'Key Accounts', leader: 'm.dejong' },
  { id: 5, name: 'Inside Sales', leader: 'i.vos' },
];

const USER_ROWS: readonly UserRow[] = [
  { login: '__system__', name: 'OdooBot', role: 'system', active: false },
  { login: 'admin', name: 'Administrator', role: 'admin' },
  { login: 'j.devries', name: 'Jan de Vries', role: 'sales', team: 1 },
  { login: 'l.visser', name: 'Lotte Visser', role: 'sales', team: 1 },
  { login: 't.peeters', name: 'Tom Peeters', role: 'sales', team: 1 },
  { login: 'm.claes', name: 'Marie Claes', role: 'sales', team: 1 },
  { login: 'd.mulder', name: 'Daan Mulder', role: 'sales', team: 1 },
  { login: 'r.hendriks', name: 'Ruben Hendriks', role: 'sales', team: 1 },
  { login: 'p.vanleeuwen', name: 'Pieter van Leeuwen', role: 'sales', team: 1, active: false, leavesAfterDays: 133 },
  { login: 's.weber', name: 'Stefan Weber', role: 'sales', team: 2 },
  { login: 'a.fischer', name: 'Anna Fischer', role: 'sales', team: 2 },
  { login: 'j.koch', name: 'Jonas Koch', role: 'sales', team: 2 },
  { login: 'c.dubois', name: 'Camille Dubois', role: 'sales', team: 3 },
  { login: 'n.laurent', name: 'Nicolas Laurent', role: 'sales', team: 3 },
  { login: 'e.vandijk', name: 'Emma van Dijk', role: 'sales', team: 4 },
  { login: 'f.smits', name: 'Fleur Smits', role: 'sales', team: 5 },
  { login: 'b.dewit', name: 'Bram de Wit', role: 'sales', team: 5 },
  { login: 'a.bakker', name: 'Anouk Bakker', role: 'sales-manager', team: 1 },
  { login: 'k.schneider', name: 'Klaus Schneider', role: 'sales-manager', team: 2 },
  { login: 'c.moreau', name: 'Claire Moreau', role: 'sales-manager', team: 3 },
  { login: 'm.dejong', name: 'Mark de Jong', role: 'sales-manager', team: 4 },
  { login: 'i.vos', name: 'Iris Vos', role: 'sales-manager', team: 5 },
  { login: 'h.vanrijn', name: 'Hans van Rijn', role: 'sales-director' },
  { login: 'e.smit', name: 'Eva Smit', role: 'finance' },
  { login: 'w.kok', name: 'Willem Kok', role: 'finance' },
  { login: 'f.brouwer', name: 'Frank Brouwer', role: 'cfo' },
  { login: 't.vandenberg', name: 'Thijs van den Berg', role: 'buyer' },
  { login: 'n.dekker', name: 'Nina Dekker', role: 'buyer' },
  { login: 'y.bos', name: 'Yvonne Bos', role: 'buyer' },
  { login: 'g.meijer', name: 'Gerrit Meijer', role: 'warehouse' },
  { login: 'r.dijkstra', name: 'Rob Dijkstra', role: 'warehouse' },
  { login: 'k.maes', name: 'Koen Maes', role: 'warehouse' },
];

/** Partner ids 1–3 are the company, OdooBot and the administrator, as in a fresh Odoo database. */
export const USERS: readonly User[] = USER_ROWS.map((u, i) => ({
  id: i + 1,
  login: u.login,
  name: u.name,
  partnerId: i + 2,
  role: u.role,
  active: u.active ?? true,
  ...(u.team !== undefined ? { team: u.team } : {}),
  ...(u.leavesAfterDays !== undefined ? { leavesAfterDays: u.leavesAfterDays } : {}),
}));

/** The first partner id free for vendors and customers. */
export const FIRST_FREE_PARTNER_ID = USERS.length + 2;

export function user(login: string): User {
  const u = USERS.find((x) => x.login === login);
  if (!u) throw new Error(`unknown user ${login}`);
  return u;
}

export function usersWithRole(role: Role): User[] {
  return USERS.filter((u) => u.role === role);
}
