/** The distributor's suppliers: who they are, what they supply, how fast and how reliably. */
import type { TagName } from './reference.js';

export interface VendorDef {
  name: string;
  country: string;
  /** Top-level categories supplied; empty means a generalist wholesaler. */
  supplies: readonly string[];
  /** Lead time range in days. */
  lead: readonly [number, number];
  /** Price relative to the product's reference cost. */
  priceFactor: number;
  /** Share of purchase orders that arrive on the planned date. */
  onTime: number;
  tags: readonly TagName[];
}

const ASIA: readonly TagName[] = ['Asia Import'];

export const VENDOR_DEFS: readonly VendorDef[] = [
  { name: 'Rheinland Schraubenwerk GmbH', country: 'DE', supplies: ['Fasteners'], lead: [6, 12], priceFactor: 1, onTime: 0.85, tags: ['Preferred Vendor'] },
  { name: 'Ningbo Sunrise Fasteners Co., Ltd.', country: 'CN', supplies: ['Fasteners'], lead: [35, 45], priceFactor: 0.72, onTime: 0.6, tags: ASIA },
  { name: 'Taichung Precision Screw Co., Ltd.', country: 'TW', supplies: ['Fasteners'], lead: [30, 42], priceFactor: 0.78, onTime: 0.7, tags: ASIA },
  { name: 'Bevestigingstechniek Holland B.V.', country: 'NL', supplies: ['Fasteners'], lead: [3, 5], priceFactor: 1.08, onTime: 0.92, tags: [] },
  { name: 'Inox Viteria Lombarda S.r.l.', country: 'IT', supplies: ['Fasteners'], lead: [10, 18], priceFactor: 0.95, onTime: 0.75, tags: [] },
  { name: 'Ankerbolt Systems GmbH', country: 'DE', supplies: ['Fasteners'], lead: [5, 10], priceFactor: 1.02, onTime: 0.88, tags: [] },
  { name: 'Oleodinamica Emiliana S.p.A.', country: 'IT', supplies: ['Hydraulics'], lead: [14, 28], priceFactor: 0.96, onTime: 0.7, tags: ['Preferred Vendor'] },
  { name: 'HydroFlex Slangen B.V.', country: 'NL', supplies: ['Hydraulics'], lead: [3, 7], priceFactor: 1.04, onTime: 0.9, tags: ['Preferred Vendor'] },
  { name: 'Hansa Hydraulik Komponenten GmbH', country: 'DE', supplies: ['Hydraulics'], lead: [5, 12], priceFactor: 1, onTime: 0.86, tags: [] },
  { name: 'Flandria Hydraulics NV', country: 'BE', supplies: ['Hydraulics'], lead: [10, 20], priceFactor: 0.98, onTime: 0.8, tags: [] },
  { name: 'Zhejiang Fluid Power Co., Ltd.', country: 'CN', supplies: ['Hydraulics'], lead: [35, 45], priceFactor: 0.75, onTime: 0.6, tags: ASIA },
  { name: 'Nordic Cylinder A/S', country: 'DK', supplies: ['Hydraulics'], lead: [12, 25], priceFactor: 1.03, onTime: 0.82, tags: ['Single Source'] },
  { name: 'Kabelwerk Westfalen GmbH', country: 'DE', supplies: ['Electrical'], lead: [5, 10], priceFactor: 0.98, onTime: 0.87, tags: ['Preferred Vendor'] },
  { name: 'Elektrogroothandel Kempen B.V.', country: 'NL', supplies: ['Electrical'], lead: [3, 5], priceFactor: 1.1, onTime: 0.93, tags: [] },
  { name: 'Polska Kable Sp. z o.o.', country: 'PL', supplies: ['Electrical'], lead: [8, 15], priceFactor: 0.88, onTime: 0.78, tags: [] },
  { name: 'Schaltgeräte Süd GmbH', country: 'DE', supplies: ['Electrical'], lead: [7, 14], priceFactor: 1, onTime: 0.84, tags: [] },
  { name: 'Enclosure Solutions Europe BV', country: 'BE', supplies: ['Electrical'], lead: [6, 12], priceFactor: 1, onTime: 0.85, tags: [] },
  { name: 'Shenzhen Brightlink Electric Co., Ltd.', country: 'CN', supplies: ['Electrical'], lead: [35, 45], priceFactor: 0.74, onTime: 0.62, tags: ASIA },
  { name: 'Sialkot Glove Industries (Pvt.) Ltd.', country: 'PK', supplies: ['Safety'], lead: [30, 45], priceFactor: 0.7, onTime: 0.65, tags: ASIA },
  { name: 'VeiligWerk Benelux B.V.', country: 'NL', supplies: ['Safety'], lead: [3, 6], priceFactor: 1.06, onTime: 0.92, tags: ['Preferred Vendor'] },
  { name: 'Securitas Protective Wear NV', country: 'BE', supplies: ['Safety'], lead: [5, 10], priceFactor: 1, onTime: 0.86, tags: [] },
  { name: 'Guangzhou SafeGuard PPE Co., Ltd.', country: 'CN', supplies: ['Safety'], lead: [35, 45], priceFactor: 0.72, onTime: 0.6, tags: ASIA },
  { name: 'Pneumatik Technik Hessen GmbH', country: 'DE', supplies: ['Pneumatics'], lead: [5, 10], priceFactor: 1, onTime: 0.87, tags: ['Preferred Vendor'] },
  { name: 'AirLine Componenten B.V.', country: 'NL', supplies: ['Pneumatics'], lead: [3, 6], priceFactor: 1.07, onTime: 0.9, tags: [] },
  { name: 'Valvole Pneumatiche Brescia S.r.l.', country: 'IT', supplies: ['Pneumatics'], lead: [12, 20], priceFactor: 0.9, onTime: 0.74, tags: [] },
  { name: 'Lagerhaus Kugellager GmbH', country: 'DE', supplies: ['Bearings & Transmission'], lead: [4, 9], priceFactor: 1, onTime: 0.88, tags: ['Preferred Vendor'] },
  { name: 'Transmissie Techniek Twente B.V.', country: 'NL', supplies: ['Bearings & Transmission'], lead: [3, 6], priceFactor: 1.05, onTime: 0.9, tags: [] },
  { name: 'Jiangsu Bearing Works Co., Ltd.', country: 'CN', supplies: ['Bearings & Transmission'], lead: [35, 45], priceFactor: 0.7, onTime: 0.6, tags: ASIA },
  { name: 'Kettenfabrik Sauerland GmbH', country: 'DE', supplies: ['Bearings & Transmission'], lead: [8, 14], priceFactor: 0.97, onTime: 0.83, tags: [] },
  { name: 'Werkzeug Großhandel Remscheid GmbH', country: 'DE', supplies: ['Tools'], lead: [4, 8], priceFactor: 1, onTime: 0.88, tags: ['Preferred Vendor'] },
  { name: 'Gereedschap Centrale Nederland B.V.', country: 'NL', supplies: ['Tools'], lead: [3, 5], priceFactor: 1.06, onTime: 0.92, tags: [] },
  { name: 'PowerTools Europe Distribution SAS', country: 'FR', supplies: ['Tools'], lead: [6, 12], priceFactor: 0.98, onTime: 0.8, tags: ['Single Source'] },
  { name: 'Smeermiddelen Rijnmond B.V.', country: 'NL', supplies: ['Lubricants'], lead: [3, 7], priceFactor: 1, onTime: 0.9, tags: ['Preferred Vendor'] },
  { name: 'Lubrifiants du Nord SAS', country: 'FR', supplies: ['Lubricants'], lead: [7, 12], priceFactor: 0.95, onTime: 0.8, tags: [] },
  { name: 'Industriebedarf Niederrhein GmbH', country: 'DE', supplies: [], lead: [3, 6], priceFactor: 1.1, onTime: 0.9, tags: [] },
  { name: 'Technische Groothandel Brabant B.V.', country: 'NL', supplies: [], lead: [3, 5], priceFactor: 1.14, onTime: 0.93, tags: [] },
  { name: 'MRO Supplies Benelux NV', country: 'BE', supplies: [], lead: [3, 6], priceFactor: 1.12, onTime: 0.88, tags: [] },
  { name: 'EuroParts Industrial Ltd', country: 'GB', supplies: ['Fasteners', 'Bearings & Transmission', 'Tools'], lead: [7, 14], priceFactor: 0.99, onTime: 0.78, tags: [] },
  { name: 'Alpine Industrial Supply AG', country: 'CH', supplies: ['Hydraulics', 'Pneumatics'], lead: [8, 15], priceFactor: 1.05, onTime: 0.85, tags: [] },
  { name: 'Hytec Hose Fittings Ltd', country: 'GB', supplies: ['Hydraulics'], lead: [8, 14], priceFactor: 0.97, onTime: 0.8, tags: [] },
];
