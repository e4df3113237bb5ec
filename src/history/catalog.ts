/**
 * The product catalogue: category tree, products (one variant per template), vendors and
 * their supplier info. Drawn from its own random stream, so it is the same whatever the
 * number of orders.
 */
import { LEAVES, SERVICES, type Variant } from './catalog-variants.js';
import { Rng } from './random.js';
import { UOM } from './reference.js';
import { VENDOR_DEFS, type VendorDef } from './vendors.js';

export interface Category {
  id: number;
  name: string;
  completeName: string;
  parentId: number | false;
}

export interface Vendor {
  partnerId: number;
  ref: string;
  def: VendorDef;
  /** Login of the buyer who handles this vendor. */
  buyer: string;
}

export interface SupplierInfo {
  id: number;
  vendor: Vendor;
  sequence: number;
  minQty: number;
  /** Purchase price at the end of the window. */
  price: number;
  delay: number;
}

export interface Product {
  id: number;
  tmplId: number;
  code: string;
  name: string;
  /** `[code] name`, as Odoo displays it. */
  displayName: string;
  category: Category;
  /** First level under All, e.g. "Fasteners". */
  family: string;
  uomId: number;
  /** Standard cost and list price at the end of the window. */
  cost: number;
  listPrice: number;
  step: number;
  packMu: number;
  packSigma: number;
  /** Relative chance of appearing on an order line. */
  popularity: number;
  service: boolean;
  /** Supplier info by sequence; empty for services. */
  suppliers: SupplierInfo[];
}

export interface Catalog {
  categories: Category[];
  products: Product[];
  /** Stockable products only. */
  goods: Product[];
  services: Product[];
  vendors: Vendor[];
  supplierInfos: SupplierInfo[];
}

const BUYER_BY_FAMILY: Readonly<Record<string, string>> = {
  Fasteners: 't.vandenberg',
  'Bearings & Transmission': 't.vandenberg',
  Tools: 't.vandenberg',
  Hydraulics: 'n.dekker',
  Pneumatics: 'n.dekker',
  Lubricants: 'n.dekker',
  Electrical: 'y.bos',
  Safety: 'y.bos',
};

export function buildCatalog(rng: Rng, productCount: number, firstVendorPartnerId: number): Catalog {
  const categories = buildCategories();
  const vendors = VENDOR_DEFS.map((def, i) => ({
    partnerId: firstVendorPartnerId + i,
    ref: `V${20001 + i}`,
    def,
    buyer: BUYER_BY_FAMILY[def.supplies[0] ?? ''] ?? 'y.bos',
  }));
  const goodsCount = productCount - SERVICES.length;
  const counts = apportion(LEAVES.map((l) => l.weight), goodsCount);
  const products: Product[] = [];
  const supplierInfos: SupplierInfo[] = [];
  const pickRng = rng.fork('products');
  LEAVES.forEach((leaf, i) => {
    const category = categories.find((c) => c.completeName === `All / ${leaf.path.join(' / ')}`)!;
    const pool = pickRng.shuffle(leaf.variants());
    const wanted = counts[i]!;
    if (pool.length < wanted) throw new Error(`category ${category.completeName} has ${pool.length} variants, ${wanted} wanted`);
    const chosen = pool.slice(0, wanted).sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const variant of chosen) {
      const id = products.length + 1;
      const product = makeProduct(id, variant, category, leaf.path[0]!, leaf.demand, leaf.markup, pickRng);
      product.suppliers = chooseSuppliers(product, variant, vendors, pickRng, () => supplierInfos.length + 1);
      supplierInfos.push(...product.suppliers);
      product.cost = product.suppliers[0]!.price;
      products.push(product);
    }
  });
  const servicesCategory = categories.find((c) => c.completeName === 'All / Services')!;
  for (const s of SERVICES) {
    const id = products.length + 1;
    products.push({
      id,
      tmplId: id,
      code: s.code,
      name: s.name,
      displayName: `[${s.code}] ${s.name}`,
      category: servicesCategory,
      family: 'Services',
      uomId: UOM.units.id,
      cost: 0,
      listPrice: s.price,
      step: 1,
      packMu: 0,
      packSigma: 0,
      popularity: 0,
      service: true,
      suppliers: [],
    });
  }
  return {
    categories,
    products,
    goods: products.filter((p) => !p.service),
    services: products.filter((p) => p.service),
    vendors,
    supplierInfos,
  };
}

function buildCategories(): Category[] {
  const categories: Category[] = [{ id: 1, name: 'All', completeName: 'All', parentId: false }];
  const byPath = new Map<string, Category>([['All', categories[0]!]]);
  const ensure = (path: readonly string[]): Category => {
    const complete = ['All', ...path].join(' / ');
    const found = byPath.get(complete);
    if (found) return found;
    const parent = ensure(path.slice(0, -1));
    const c: Category = { id: categories.length + 1, name: path[path.length - 1]!, completeName: complete, parentId: parent.id };
    categories.push(c);
    byPath.set(complete, c);
    return c;
  };
  for (const leaf of LEAVES) ensure(leaf.path);
  ensure(['Services']);
  return categories;
}

function makeProduct(id: number, v: Variant, category: Category, family: string, demand: number, markup: readonly [number, number], rng: Rng): Product {
  const listPrice = priceRound(v.cost * rng.float(markup[0], markup[1]));
  return {
    id,
    tmplId: id,
    code: v.code,
    name: v.name,
    displayName: `[${v.code}] ${v.name}`,
    category,
    family,
    uomId: v.uomId,
    cost: v.cost,
    listPrice,
    step: v.step,
    packMu: v.packMu,
    packSigma: v.packSigma,
    popularity: demand * rng.lognormal(0, 1.1),
    service: false,
    suppliers: [],
  };
}

function chooseSuppliers(product: Product, v: Variant, vendors: readonly Vendor[], rng: Rng, nextId: () => number): SupplierInfo[] {
  const specialists = vendors.filter((x) => x.def.supplies.includes(product.family));
  const generalists = vendors.filter((x) => x.def.supplies.length === 0);
  const weights = specialists.map((x) => (x.def.tags.includes('Preferred Vendor') ? 3 : x.def.tags.includes('Asia Import') ? 1.2 : 1));
  const chosen: Vendor[] = [rng.weighted(specialists, weights)];
  if (rng.chance(0.5)) {
    const others = [...specialists.filter((x) => !chosen.includes(x)), ...generalists];
    chosen.push(rng.pick(others));
    if (rng.chance(0.3)) {
      const rest = [...specialists, ...generalists].filter((x) => !chosen.includes(x));
      if (rest.length > 0) chosen.push(rng.pick(rest));
    }
  }
  return chosen.map((vendor, i) => {
    const asia = vendor.def.tags.includes('Asia Import');
    const packsMin = asia ? rng.int(10, 40) : rng.chance(0.4) ? rng.int(2, 8) : 1;
    return {
      id: nextId() + i,
      vendor,
      sequence: i + 1,
      minQty: v.step * packsMin,
      price: priceRound(v.cost * vendor.def.priceFactor * rng.float(0.97, 1.03)),
      delay: rng.int(vendor.def.lead[0], vendor.def.lead[1]),
    };
  });
}

/** Prices under one euro keep four decimals (fasteners are priced per piece), others two. */
export function priceRound(x: number): number {
  const digits = Math.abs(x) < 1 ? 4 : 2;
  const f = 10 ** digits;
  return Math.max(1 / f, Math.round(x * f) / f);
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]! += 1;
  return parts;
}
