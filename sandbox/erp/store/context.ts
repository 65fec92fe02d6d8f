import type { Clock } from "../clock";
import type { ErpDatabase } from "../db";
import type { StockChanges } from "./stock";

/** What a store operation needs: the database, the time, and where to note stock it touched. */
export interface StoreContext {
  db: ErpDatabase;
  clock: Clock;
  stock: StockChanges;
  /** Where orders without a warehouse ship from. */
  defaultWarehouse: string;
}
