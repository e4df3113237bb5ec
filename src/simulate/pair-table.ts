/**
 * Values by product and warehouse id. Every line, move and order looks its product's stock up:
 * a `${product}/${warehouse}` string built and hashed for each lookup cost more than the rest
 * of the lookup. Per warehouse (a handful), an array indexed by product id.
 */
export class PairTable<T> {
  private readonly byWarehouse = new Map<number, T[]>();

  get(productId: number, warehouseId: number): T | undefined {
    return this.byWarehouse.get(warehouseId)?.[productId];
  }

  set(productId: number, warehouseId: number, value: T): void {
    let row = this.byWarehouse.get(warehouseId);
    if (!row) this.byWarehouse.set(warehouseId, (row = []));
    row[productId] = value;
  }
}
