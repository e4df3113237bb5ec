/**
 * What a distributor of technical supplies sells, leaf category by leaf category: every
 * variant a leaf could list (name, internal reference, cost, unit, pack size). The catalogue
 * draws its products from these lists.
 */
import { UOM } from './reference.js';

export interface Variant {
  name: string;
  code: string;
  /** Purchase cost per unit of measure (EUR). */
  cost: number;
  uomId: number;
  /** Quantities are ordered in multiples of this. */
  step: number;
  /** Typical number of steps per order line: lognormal(mu, sigma). */
  packMu: number;
  packSigma: number;
}

export interface LeafCategory {
  path: readonly string[];
  /** Share of the catalogue. */
  weight: number;
  /** Relative order-line frequency of its products. */
  demand: number;
  /** List price = cost × a markup drawn from this range. */
  markup: readonly [number, number];
  variants: () => Variant[];
}

const cross = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b) => [a, b] as [A, B]));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const u = (name: string, code: string, cost: number, step: number, packMu: number, packSigma = 0.8, uomId: number = UOM.units.id): Variant => ({
  name,
  code,
  cost,
  uomId,
  step,
  packMu,
  packSigma,
});

const FASTENER_FINISH = [
  ['88Z', '8.8 zinc plated', 1],
  ['88G', '8.8 hot-dip galvanised', 1.4],
  ['109', '10.9 plain', 1.3],
  ['A2', 'A2-70 stainless', 3.2],
  ['A4', 'A4-80 stainless', 4.5],
] as const;

function bolts(): Variant[] {
  const standards = [['933', 'Hex Bolt DIN 933'], ['931', 'Hex Bolt DIN 931'], ['7990', 'Structural Bolt DIN 7990']] as const;
  const out: Variant[] = [];
  for (const [[std, label], d] of cross(standards, [6, 8, 10, 12, 16, 20, 24])) {
    for (const [l, [fc, fl, ff]] of cross([16, 20, 25, 30, 40, 50, 60, 80, 100, 120, 160], FASTENER_FINISH)) {
      if (l < d * 2 || l > d * 10) continue;
      const cost = 0.0012 * d ** 1.6 * (l / 20) ** 0.7 * ff;
      out.push(u(`${label} M${d}x${l} ${fl}`, `FB-${std}-M${pad(d, 2)}${pad(l, 3)}-${fc}`, cost, d <= 12 ? 50 : 25, 1.3));
    }
  }
  return out;
}

function nuts(): Variant[] {
  const types = [['934', 'Hex Nut DIN 934'], ['985', 'Nyloc Nut DIN 985'], ['6923', 'Flange Nut DIN 6923'], ['1587', 'Dome Nut DIN 1587']] as const;
  const finishes = [['8Z', 'class 8 zinc plated', 1], ['A2', 'A2 stainless', 3], ['A4', 'A4 stainless', 4.2]] as const;
  return cross(cross(types, [5, 6, 8, 10, 12, 16, 20, 24]), finishes).map(([[[std, label], d], [fc, fl, ff]]) =>
    u(`${label} M${d} ${fl}`, `FN-${std}-M${pad(d, 2)}-${fc}`, 0.0025 * d ** 1.5 * ff, 100, 1.1),
  );
}

function screws(): Variant[] {
  const types = [['912', 'Socket Head Cap Screw DIN 912'], ['7380', 'Button Head Screw ISO 7380'], ['10642', 'Countersunk Screw ISO 10642'], ['7981', 'Pan Head Tapping Screw DIN 7981']] as const;
  const finishes = [['129', '12.9 black', 1.2], ['A2', 'A2-70 stainless', 2.8], ['Z', 'zinc plated', 1]] as const;
  const out: Variant[] = [];
  for (const [[std, label], d] of cross(types, [3, 4, 5, 6, 8, 10, 12])) {
    for (const [l, [fc, fl, ff]] of cross([8, 10, 12, 16, 20, 25, 30, 40, 50, 60], finishes)) {
      if (l < d * 2 || l > d * 8) continue;
      out.push(u(`${label} M${d}x${l} ${fl}`, `FS-${std}-M${pad(d, 2)}${pad(l, 3)}-${fc}`, 0.0015 * d ** 1.5 * (l / 10) ** 0.6 * ff, d <= 6 ? 100 : 50, 1.1));
    }
  }
  return out;
}

function washers(): Variant[] {
  const types = [['125', 'Flat Washer DIN 125'], ['127', 'Spring Washer DIN 127'], ['9021', 'Large Flat Washer DIN 9021'], ['6798', 'Serrated Lock Washer DIN 6798']] as const;
  const finishes = [['Z', 'zinc plated', 1], ['A2', 'A2 stainless', 3], ['A4', 'A4 stainless', 4]] as const;
  return cross(cross(types, [4, 5, 6, 8, 10, 12, 16, 20, 24]), finishes).map(([[[std, label], d], [fc, fl, ff]]) =>
    u(`${label} M${d} ${fl}`, `FW-${std}-M${pad(d, 2)}-${fc}`, 0.0008 * d ** 1.4 * ff, d <= 10 ? 500 : 100, 0.9),
  );
}

function anchors(): Variant[] {
  const out: Variant[] = [];
  for (const [d, l] of cross([6, 8, 10, 12, 16], [50, 75, 100, 120, 150])) {
    out.push(u(`Wedge Anchor M${d}x${l} zinc plated`, `FA-WA-M${pad(d, 2)}${pad(l, 3)}`, 0.012 * d ** 1.3 * (l / 50) ** 0.8, 25, 1.2));
    out.push(u(`Chemical Anchor Rod M${d}x${l + 60} A4`, `FA-CR-M${pad(d, 2)}${pad(l + 60, 3)}`, 0.05 * d ** 1.2 * ((l + 60) / 100), 10, 1.0));
  }
  for (const [d, l] of cross([5, 6, 8, 10, 12, 14], [25, 30, 40, 50, 60, 80])) {
    if (l < d * 4) continue;
    out.push(u(`Nylon Plug ${d}x${l} mm`, `FA-NP-${pad(d, 2)}${pad(l, 3)}`, 0.002 * d * (l / 30), 100, 1.4));
  }
  return out;
}

function hoses(): Variant[] {
  const types = [['1SN', 'Hydraulic Hose EN 853 1SN', 1], ['2SN', 'Hydraulic Hose EN 853 2SN', 1.4], ['4SP', 'Hydraulic Hose EN 856 4SP', 2.4], ['R13', 'Hydraulic Hose SAE 100R13', 3.2], ['R7', 'Thermoplastic Hose SAE 100R7', 1.1]] as const;
  return cross(types, [6, 8, 10, 12, 16, 19, 25, 31]).map(([[code, label, f], dn]) =>
    u(`${label} DN${dn} (per m)`, `HH-${code}-DN${pad(dn, 2)}`, 2.2 * (dn / 10) ** 1.2 * f, 5, 1.5, 0.7, UOM.metre.id),
  );
}

function fittings(): Variant[] {
  const types = [['SMS', 'Straight Male Stud BSPP'], ['E90', 'Elbow 90° Male JIC'], ['TEE', 'Tee Female ORFS'], ['RAD', 'Reducing Adapter BSPP-NPT'], ['HTL', 'Hose Tail BSP'], ['BHD', 'Bulkhead Union DIN 2353']] as const;
  const sizes = [['04', '1/4"', 1], ['06', '3/8"', 1.4], ['08', '1/2"', 1.9], ['12', '3/4"', 2.8], ['16', '1"', 4.1], ['20', '1-1/4"', 6]] as const;
  const materials = [['ZN', 'steel zinc-nickel', 1], ['SS', 'stainless 316', 3.6], ['MS', 'brass', 1.8]] as const;
  return cross(cross(types, sizes), materials).map(([[[tc, tl], [sc, sl, sf]], [mc, ml, mf]]) =>
    u(`${tl} ${sl} ${ml}`, `HF-${tc}-${sc}-${mc}`, 1.6 * sf * mf, 5, 1.0),
  );
}

function pumps(): Variant[] {
  const groups: ReadonlyArray<readonly [number, readonly number[]]> = [[1, [1.2, 2, 3.2, 4.2]], [2, [4, 6, 8, 11, 14, 19, 22, 26]], [3, [26, 33, 38, 45, 52]]];
  const out: Variant[] = [];
  for (const [g, sizes] of groups) {
    for (const [cc, rot] of cross(sizes, ['CW', 'CCW'])) {
      out.push(u(`Gear Pump Group ${g} ${cc} cc/rev ${rot}`, `HP-G${g}-${String(cc).replace('.', '')}-${rot}`, 95 + g * 60 + cc * 4.5, 1, 0.1, 0.5));
    }
  }
  out.push(u('Hand Pump 25 cc double-acting', 'HP-HAND-25', 140, 1, 0.1, 0.5));
  out.push(u('Hand Pump 45 cc double-acting', 'HP-HAND-45', 175, 1, 0.1, 0.5));
  return out;
}

function cylinders(): Variant[] {
  const bores: ReadonlyArray<readonly [number, number]> = [[32, 18], [40, 20], [50, 25], [63, 32], [80, 40], [100, 50]];
  return cross(bores, [100, 200, 300, 400, 500, 800]).map(([[bore, rod], stroke]) =>
    u(`Double-acting Cylinder ${bore}/${rod}x${stroke}`, `HC-DA-${pad(bore, 3)}${pad(rod, 2)}-${pad(stroke, 3)}`, 60 + bore * 1.9 + stroke * bore * 0.004, 1, 0.2, 0.6),
  );
}

function cables(): Variant[] {
  const types = [['H07', 'Rubber Cable H07RN-F', 1.3], ['YMV', 'Installation Cable YMvK', 1], ['LIY', 'Control Cable LiYCY shielded', 1.5], ['NYY', 'Power Cable NYY-J', 1.1]] as const;
  const out: Variant[] = [];
  for (const [[tc, tl, tf], cores] of cross(types, [2, 3, 4, 5, 7])) {
    for (const mm2 of [0.75, 1.5, 2.5, 4, 6, 10, 16]) {
      if (cores === 7 && mm2 > 2.5) continue;
      if (tc === 'LIY' && mm2 > 2.5) continue;
      const cost = 0.12 * cores * mm2 ** 0.9 * tf + 0.15;
      out.push(u(`${tl} ${cores}G${mm2} mm² (per m)`, `EC-${tc}-${cores}G${String(mm2).replace('.', '')}`, cost, 50, 0.7, 0.7, UOM.metre.id));
    }
  }
  return out;
}

function connectors(): Variant[] {
  const out: Variant[] = [];
  for (const n of [2, 3, 5]) out.push(u(`Lever Splicing Connector ${n}-pole`, `EN-LSC-${n}`, 0.12 + n * 0.05, 50, 1.2));
  for (const [mm2, d] of cross([6, 10, 16, 25, 35, 50, 70, 95], [6, 8, 10, 12])) {
    out.push(u(`Cable Lug ${mm2} mm² M${d} tinned copper`, `EN-LUG-${pad(mm2, 3)}-M${pad(d, 2)}`, 0.08 + mm2 * 0.012, 50, 1.0));
  }
  for (const [pins, form] of cross([4, 5, 8], ['straight', 'angled'])) {
    out.push(u(`M12 Connector ${pins}-pin A-coded ${form}`, `EN-M12-${pins}${form === 'straight' ? 'S' : 'A'}`, 4.5 + pins * 0.6, 5, 1.0));
  }
  for (const mm2 of [0.5, 0.75, 1, 1.5, 2.5, 4, 6]) {
    out.push(u(`Insulated Ferrule ${mm2} mm² (box of 500)`, `EN-FER-${String(mm2).replace('.', '')}`, 3.2 + mm2 * 1.1, 1, 1.0));
  }
  return out;
}

function switches(): Variant[] {
  const out: Variant[] = [];
  for (const a of [16, 25, 40, 63, 80, 100, 125]) out.push(u(`Rotary Isolator Switch ${a} A 3P`, `ES-ISO-${pad(a, 3)}`, 9 + a * 0.45, 1, 1.0));
  for (const t of ['roller lever', 'plunger', 'adjustable rod', 'spring rod']) out.push(u(`Limit Switch ${t}`, `ES-LIM-${t.slice(0, 3).toUpperCase()}${t.length}`, 18 + t.length, 1, 1.0));
  for (const [d, o] of cross([8, 12, 18, 30], ['PNP NO', 'PNP NC', 'NPN NO', 'NPN NC'])) {
    out.push(u(`Inductive Sensor M${d} ${o}`, `ES-IND-M${pad(d, 2)}-${o.replace(' ', '')}`, 14 + d * 0.8, 1, 1.1));
  }
  out.push(u('Emergency Stop Pushbutton 40 mm', 'ES-ESTOP-40', 11.5, 1, 1.0));
  out.push(u('Emergency Stop Pushbutton in enclosure', 'ES-ESTOP-ENC', 24, 1, 0.8));
  return out;
}

function enclosures(): Variant[] {
  const sizes: ReadonlyArray<readonly [number, number, number]> = [[200, 150, 100], [300, 200, 150], [300, 300, 150], [400, 300, 200], [500, 400, 200], [600, 400, 250], [800, 600, 300], [1000, 800, 300]];
  const out: Variant[] = [];
  for (const [[w, h, d], m] of cross(sizes, [['PE', 'Polyester Enclosure', 1], ['ST', 'Steel Wall Box', 1.3], ['SS', 'Stainless Enclosure', 2.6]] as const)) {
    out.push(u(`${m[1]} ${w}x${h}x${d} mm IP66`, `EE-${m[0]}-${pad(w / 10, 3)}${pad(h / 10, 3)}${pad(d / 10, 2)}`, (8 + ((w * h * d) / 1e6) * 1.2) * m[2], 1, 0.7));
  }
  for (const n of [4, 6, 8, 10]) out.push(u(`Junction Box ${n} entries IP67`, `EE-JB-${pad(n, 2)}`, 5 + n * 0.7, 5, 0.8));
  return out;
}

function gloves(): Variant[] {
  const out: Variant[] = [];
  for (const s of [7, 8, 9, 10, 11]) {
    out.push(u(`Nitrile Foam Work Glove size ${s} (pair)`, `SG-NIT-${pad(s, 2)}`, 1.1, 12, 1.4));
    out.push(u(`Leather Rigger Glove size ${s} (pair)`, `SG-LEA-${pad(s, 2)}`, 2.8, 12, 1.0));
    for (const level of ['B', 'C', 'D', 'F']) out.push(u(`Cut Resistant Glove level ${level} size ${s} (pair)`, `SG-CUT${level}-${pad(s, 2)}`, 2.4 + 'BCDF'.indexOf(level) * 1.6, 12, 1.2));
  }
  for (const s of ['S', 'M', 'L', 'XL']) out.push(u(`Disposable Nitrile Glove size ${s} (box of 100)`, `SG-DIS-${s}`, 5.9, 10, 1.0));
  return out;
}

function eyewear(): Variant[] {
  const out: Variant[] = [];
  for (const lens of ['clear', 'tinted', 'yellow', 'clear anti-fog', 'amber', 'mirror']) {
    out.push(u(`Safety Spectacles ${lens} lens`, `SE-SPEC-${lens.replace(/[^a-z]/g, '').slice(0, 6).toUpperCase()}`, 2.4 + lens.length * 0.15, 10, 0.9));
  }
  out.push(u('Safety Goggles indirect vent', 'SE-GOG-IV', 4.8, 10, 0.8));
  out.push(u('Safety Goggles sealed anti-fog', 'SE-GOG-AF', 7.9, 10, 0.8));
  out.push(u('Over-spectacles clear', 'SE-OVER', 3.1, 10, 0.8));
  out.push(u('Face Shield with browguard', 'SE-FACE', 11.5, 5, 0.7));
  return out;
}

function helmets(): Variant[] {
  const out: Variant[] = [];
  for (const colour of ['white', 'yellow', 'blue', 'red', 'green', 'orange']) {
    out.push(u(`Safety Helmet EN 397 ${colour}`, `SH-397-${colour.slice(0, 3).toUpperCase()}`, 6.2, 5, 0.8));
    out.push(u(`Safety Helmet EN 397 ${colour} with chinstrap`, `SH-397-${colour.slice(0, 3).toUpperCase()}-CS`, 8.9, 5, 0.7));
  }
  return out;
}

function footwear(): Variant[] {
  const models = [['LOW', 'Safety Shoe S3 low', 38], ['HIGH', 'Safety Boot S3 high', 52], ['ESD', 'Safety Shoe S3 ESD low', 58]] as const;
  return cross(models, [38, 39, 40, 41, 42, 43, 44, 45, 46, 47]).map(([[mc, ml, cost], size]) => u(`${ml} size ${size}`, `SF-${mc}-${size}`, cost, 1, 0.9, 0.7));
}

function valves(): Variant[] {
  const ports = [['18', 'G1/8', 1], ['14', 'G1/4', 1.3], ['38', 'G3/8', 1.7], ['12', 'G1/2', 2.3]] as const;
  const types = [['52', '5/2 Solenoid Valve', 38, '24VDC'], ['32', '3/2 Solenoid Valve', 29, '24VDC'], ['53', '5/3 Solenoid Valve closed centre', 61, '24VDC'], ['BV', 'Ball Valve brass', 7.5, 'PN40'], ['FC', 'Flow Control Valve', 6.8, 'inline'], ['QE', 'Quick Exhaust Valve', 9.4, 'aluminium']] as const;
  return cross(types, ports).map(([[tc, tl, base, spec], [pc, pl, pf]]) => u(`${tl} ${pl} ${spec}`, `PV-${tc}-${pc}`, base * pf, 1, 1.0));
}

function tubing(): Variant[] {
  const sizes: ReadonlyArray<readonly [number, number]> = [[4, 2.5], [6, 4], [8, 6], [10, 8], [12, 9]];
  return cross(sizes, ['blue', 'black', 'natural', 'red']).map(([[od, id], colour]) =>
    u(`PU Tubing ${od}x${id} mm ${colour} (per m)`, `PT-PU-${pad(od, 2)}-${colour.slice(0, 3).toUpperCase()}`, 0.18 + od * 0.09, 25, 0.7, 0.6, UOM.metre.id),
  );
}

function bearings(): Variant[] {
  const out: Variant[] = [];
  for (const [series, n] of cross(['60', '62', '63'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])) {
    for (const seal of ['2RS', 'ZZ']) {
      const size = `${series}${pad(n, 2)}`;
      out.push(u(`Deep Groove Ball Bearing ${size}-${seal}`, `BB-${size}-${seal}`, 1.4 + (n + 1) ** 1.35 * (series === '63' ? 1.2 : series === '62' ? 0.8 : 0.55), 2, 1.2));
    }
  }
  return out;
}

function belts(): Variant[] {
  const out: Variant[] = [];
  for (let len = 800; len <= 3000; len += 100) {
    out.push(u(`V-Belt SPA ${len} Lw`, `BT-SPA-${pad(len, 4)}`, 4.5 + len * 0.004, 1, 1.0));
    out.push(u(`V-Belt SPZ ${len} Lw`, `BT-SPZ-${pad(len, 4)}`, 3.6 + len * 0.0032, 1, 1.0));
  }
  for (const [len, w] of cross([560, 720, 880, 1200, 1600], [20, 30, 50])) {
    out.push(u(`Timing Belt HTD ${len}-8M-${w}`, `BT-HTD-${pad(len, 4)}-${w}`, 9 + len * 0.01 * (w / 20), 1, 0.7));
  }
  return out;
}

function chains(): Variant[] {
  const sizes = [['08B1', '08B-1', 24], ['10B1', '10B-1', 33], ['12B1', '12B-1', 46], ['16B1', '16B-1', 78], ['08B2', '08B-2', 45], ['10B2', '10B-2', 62], ['12B2', '12B-2', 88]] as const;
  const out: Variant[] = [];
  for (const [code, label, cost] of sizes) {
    out.push(u(`Roller Chain ${label} (5 m)`, `BC-${code}-5M`, cost, 1, 0.8));
    out.push(u(`Connecting Link ${label}`, `BC-${code}-CL`, cost * 0.04, 10, 0.8));
  }
  return out;
}

function handTools(): Variant[] {
  const out: Variant[] = [];
  for (const mm of [8, 10, 12, 13, 14, 16, 17, 19, 22, 24, 27, 30, 32]) out.push(u(`Combination Wrench ${mm} mm`, `TH-CW-${pad(mm, 2)}`, 3 + mm * 0.35, 1, 0.6));
  for (const [lo, hi] of [[5, 25], [20, 100], [40, 200], [60, 340]] as const) out.push(u(`Torque Wrench ${lo}-${hi} Nm`, `TH-TW-${pad(hi, 3)}`, 55 + hi * 0.35, 1, 0.2, 0.5));
  for (const n of [7, 9, 12]) out.push(u(`Hex Key Set ${n} pcs`, `TH-HEX-${pad(n, 2)}`, 6 + n * 0.9, 1, 0.5));
  for (const n of [6, 8, 12]) out.push(u(`Screwdriver Set ${n} pcs VDE`, `TH-SD-${pad(n, 2)}`, 14 + n * 2.1, 1, 0.5));
  for (const inch of [10, 14, 18, 24]) out.push(u(`Pipe Wrench ${inch}"`, `TH-PW-${inch}`, 12 + inch * 1.1, 1, 0.4));
  return out;
}

function powerTools(): Variant[] {
  return [
    u('Cordless Drill Driver 18V brushless (body)', 'TP-DD18-B', 95, 1, 0.2, 0.5),
    u('Cordless Drill Driver 18V brushless 2x5.0 Ah kit', 'TP-DD18-K', 215, 1, 0.2, 0.5),
    u('Cordless Impact Wrench 18V 1/2" (body)', 'TP-IW18-B', 145, 1, 0.2, 0.5),
    u('Angle Grinder 125 mm 1200 W', 'TP-AG125', 62, 1, 0.2, 0.5),
    u('Angle Grinder 230 mm 2400 W', 'TP-AG230', 118, 1, 0.2, 0.5),
    u('Battery 18V 5.0 Ah', 'TP-BAT18-5', 58, 1, 0.4, 0.6),
    u('Battery 18V 8.0 Ah', 'TP-BAT18-8', 89, 1, 0.3, 0.6),
    u('Fast Charger 18V', 'TP-CHG18', 41, 1, 0.2, 0.5),
    u('Rotary Hammer SDS-plus 18V (body)', 'TP-RH18-B', 165, 1, 0.2, 0.5),
    u('Reciprocating Saw 18V (body)', 'TP-RS18-B', 128, 1, 0.2, 0.5),
    u('Cordless Grease Gun 18V', 'TP-GG18', 189, 1, 0.1, 0.4),
    u('Magnetic Drill 1100 W', 'TP-MAG', 640, 1, 0.05, 0.3),
  ];
}

function oils(): Variant[] {
  const out: Variant[] = [];
  for (const [vg, size] of cross([22, 32, 46, 68], [['20', '20 L', 1], ['208', '208 L drum', 9.4]] as const)) {
    out.push(u(`Hydraulic Oil HLP ${vg} (${size[1]})`, `LO-HLP${vg}-${size[0]}`, 46 * size[2], 1, 0.6, 0.7));
  }
  for (const vg of [100, 150, 220, 320, 460]) out.push(u(`Gear Oil CLP ${vg} (20 L)`, `LO-CLP${vg}-20`, 58 + vg * 0.03, 1, 0.5, 0.6));
  out.push(u('Cutting Oil water-miscible (5 L)', 'LO-CUT-5', 24, 1, 0.6));
  out.push(u('Compressor Oil VDL 100 (20 L)', 'LO-VDL100-20', 72, 1, 0.4));
  return out;
}

function greases(): Variant[] {
  const out: Variant[] = [];
  for (const ep of [0, 1, 2, 3]) {
    out.push(u(`Lithium Grease EP${ep} (400 g cartridge)`, `LG-LI-EP${ep}-400`, 3.1, 12, 0.8));
    out.push(u(`Lithium Grease EP${ep} (18 kg pail)`, `LG-LI-EP${ep}-18K`, 96, 1, 0.3, 0.5));
  }
  out.push(u('Food-grade Grease H1 (400 g cartridge)', 'LG-H1-400', 7.8, 12, 0.7));
  out.push(u('Copper Anti-seize Paste (500 g)', 'LG-CU-500', 11.2, 6, 0.6));
  return out;
}

export const LEAVES: readonly LeafCategory[] = [
  { path: ['Fasteners', 'Bolts'], weight: 100, demand: 1.6, markup: [1.8, 2.6], variants: bolts },
  { path: ['Fasteners', 'Nuts'], weight: 50, demand: 1.6, markup: [1.8, 2.6], variants: nuts },
  { path: ['Fasteners', 'Screws'], weight: 90, demand: 1.5, markup: [1.8, 2.6], variants: screws },
  { path: ['Fasteners', 'Washers'], weight: 40, demand: 1.3, markup: [1.9, 2.8], variants: washers },
  { path: ['Fasteners', 'Anchors'], weight: 30, demand: 1.0, markup: [1.7, 2.3], variants: anchors },
  { path: ['Hydraulics', 'Hoses'], weight: 35, demand: 1.3, markup: [1.45, 1.9], variants: hoses },
  { path: ['Hydraulics', 'Fittings'], weight: 90, demand: 1.2, markup: [1.5, 2.0], variants: fittings },
  { path: ['Hydraulics', 'Pumps'], weight: 20, demand: 0.4, markup: [1.35, 1.65], variants: pumps },
  { path: ['Hydraulics', 'Cylinders'], weight: 20, demand: 0.35, markup: [1.35, 1.65], variants: cylinders },
  { path: ['Electrical', 'Cables'], weight: 50, demand: 1.0, markup: [1.35, 1.7], variants: cables },
  { path: ['Electrical', 'Connectors'], weight: 40, demand: 1.0, markup: [1.6, 2.2], variants: connectors },
  { path: ['Electrical', 'Switches'], weight: 30, demand: 0.7, markup: [1.45, 1.8], variants: switches },
  { path: ['Electrical', 'Enclosures'], weight: 20, demand: 0.5, markup: [1.4, 1.75], variants: enclosures },
  { path: ['Safety', 'Gloves'], weight: 35, demand: 1.4, markup: [1.6, 2.1], variants: gloves },
  { path: ['Safety', 'Eyewear'], weight: 10, demand: 0.9, markup: [1.6, 2.1], variants: eyewear },
  { path: ['Safety', 'Helmets'], weight: 10, demand: 0.6, markup: [1.5, 1.9], variants: helmets },
  { path: ['Safety', 'Footwear'], weight: 20, demand: 0.6, markup: [1.45, 1.75], variants: footwear },
  { path: ['Pneumatics', 'Valves'], weight: 25, demand: 0.7, markup: [1.5, 1.9], variants: valves },
  { path: ['Pneumatics', 'Tubing'], weight: 15, demand: 0.9, markup: [1.6, 2.1], variants: tubing },
  { path: ['Bearings & Transmission', 'Ball Bearings'], weight: 30, demand: 1.0, markup: [1.6, 2.3], variants: bearings },
  { path: ['Bearings & Transmission', 'Belts'], weight: 20, demand: 0.7, markup: [1.6, 2.1], variants: belts },
  { path: ['Bearings & Transmission', 'Chains'], weight: 10, demand: 0.5, markup: [1.5, 1.9], variants: chains },
  { path: ['Tools', 'Hand Tools'], weight: 25, demand: 0.5, markup: [1.35, 1.7], variants: handTools },
  { path: ['Tools', 'Power Tools'], weight: 10, demand: 0.3, markup: [1.25, 1.5], variants: powerTools },
  { path: ['Lubricants', 'Oils'], weight: 12, demand: 0.6, markup: [1.25, 1.5], variants: oils },
  { path: ['Lubricants', 'Greases'], weight: 8, demand: 0.6, markup: [1.35, 1.7], variants: greases },
];

/** Service products sold alongside goods; never stocked, never moved. */
export const SERVICES: readonly { name: string; code: string; price: number }[] = [
  { name: 'Delivery charge', code: 'SRV-SHIP', price: 45 },
  { name: 'Express handling', code: 'SRV-EXPRESS', price: 25 },
  { name: 'Hose assembly labour', code: 'SRV-HOSE', price: 35 },
];
