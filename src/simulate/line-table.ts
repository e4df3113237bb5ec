/**
 * Per-line numbers for lines still open, by line id, in typed arrays: a long history can hold
 * close to a million open lines at once, and an object plus a map entry each would cost
 * several times the 20 bytes a line takes here. Ids are dense in Odoo, so pages of
 * consecutive ids fill up; a page is dropped when its last line closes.
 */
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

interface Page {
  due: Float64Array;
  /** NaN: no open line with this id. */
  remaining: Float64Array;
  tier: Uint16Array;
  open: number;
}

export class OpenLineTable {
  private readonly pages = new Map<number, Page>();
  private readonly tierIndex = new Map<string, number>();
  private readonly tierNames: string[] = [];

  private page(id: number, create: boolean): Page | undefined {
    const n = Math.floor(id / PAGE);
    let p = this.pages.get(n);
    if (!p && create) {
      p = { due: new Float64Array(PAGE), remaining: new Float64Array(PAGE).fill(Number.NaN), tier: new Uint16Array(PAGE), open: 0 };
      this.pages.set(n, p);
    }
    return p;
  }

  set(id: number, tier: string, due: number, remaining: number): void {
    const p = this.page(id, true)!;
    const i = id & (PAGE - 1);
    if (Number.isNaN(p.remaining[i]!)) p.open++;
    let t = this.tierIndex.get(tier);
    if (t === undefined) {
      t = this.tierNames.push(tier) - 1;
      this.tierIndex.set(tier, t);
    }
    p.tier[i] = t;
    p.due[i] = due;
    p.remaining[i] = remaining;
  }

  /** The open line with this id, or undefined. */
  get(id: number): { tier: string; due: number; remaining: number } | undefined {
    const p = this.page(id, false);
    const i = id & (PAGE - 1);
    if (!p || Number.isNaN(p.remaining[i]!)) return undefined;
    return { tier: this.tierNames[p.tier[i]!]!, due: p.due[i]!, remaining: p.remaining[i]! };
  }

  setRemaining(id: number, remaining: number): void {
    const p = this.page(id, false);
    if (p) p.remaining[id & (PAGE - 1)] = remaining;
  }

  delete(id: number): void {
    const n = Math.floor(id / PAGE);
    const p = this.pages.get(n);
    const i = id & (PAGE - 1);
    if (!p || Number.isNaN(p.remaining[i]!)) return;
    p.remaining[i] = Number.NaN;
    if (--p.open === 0) this.pages.delete(n);
  }

  /** Every open line, by ascending id within each page. */
  *entries(): Generator<{ id: number; tier: string; due: number; remaining: number }> {
    for (const [n, p] of this.pages) {
      for (let i = 0; i < PAGE; i++) {
        if (!Number.isNaN(p.remaining[i]!)) yield { id: n * PAGE + i, tier: this.tierNames[p.tier[i]!]!, due: p.due[i]!, remaining: p.remaining[i]! };
      }
    }
  }

  clear(): void {
    this.pages.clear();
  }
}
