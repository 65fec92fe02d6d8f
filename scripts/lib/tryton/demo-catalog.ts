/** The demo shop's catalogue in Tryton: the same codes as the reference ERP's items, and a shipping service. */
import type { CatalogSeed } from "./setup";

export const DEMO_TRYTON_CATALOG: CatalogSeed = {
  items: [
    { code: "TEE-1", name: "T-shirt", price: "25.00" },
    { code: "MUG-1", name: "Mug", price: "12.50" },
    { code: "CAP-1", name: "Cap", price: "18.00" },
    { code: "HOODIE-1", name: "Hoodie", price: "55.00" },
    { code: "SHIP", name: "Shipping", price: "0", type: "service" },
  ],
  stock: [
    { code: "TEE-1", quantity: 100 },
    { code: "MUG-1", quantity: 50 },
    { code: "CAP-1", quantity: 0 },
    { code: "HOODIE-1", quantity: 10 },
  ],
};
