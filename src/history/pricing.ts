/**
 * Prices move during the year: list prices rise 4 % on the first of January, purchase costs
 * creep up about 3 % over the window. Product records hold the end-of-window values; order
 * lines carry the price of their day.
 */
import { priceRound, type Product, type SupplierInfo } from './catalog.js';
import { DAY } from './time.js';

export class PriceBook {
  /** Day index of the list-price increase (beyond the window when it has no 1 January). */
  private readonly increaseDay: number;

  constructor(
    start: number,
    private readonly days: number,
  ) {
    let day = days;
    for (let d = 1; d < days; d++) {
      const date = new Date(start + d * DAY);
      if (date.getUTCMonth() === 0 && date.getUTCDate() === 1) {
        day = d;
        break;
      }
    }
    this.increaseDay = day;
  }

  listPrice(product: Product, day: number): number {
    return day >= this.increaseDay ? product.listPrice : priceRound(product.listPrice / 1.04);
  }

  cost(product: Product, day: number): number {
    return priceRound(product.cost * this.drift(day));
  }

  supplierPrice(info: SupplierInfo, day: number): number {
    return priceRound(info.price * this.drift(day));
  }

  private drift(day: number): number {
    return 1 - 0.03 * (1 - Math.min(day, this.days) / this.days);
  }
}
