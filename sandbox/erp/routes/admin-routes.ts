/** Simulation controls under /_admin: what the ERP's own staff or a test does (ship, count stock, break things). */
import { z } from "zod";
import { ErpApiError } from "../errors";
import { ItemInput, parseBody, ShipmentInput, StockAdjustmentInput, WarehouseInput } from "../schemas";
import { upsertItem, upsertWarehouse } from "../store/catalog";
import { fillBackorders } from "../store/order-lines";
import { getSalesOrder } from "../store/sales-order-view";
import { createShipment } from "../store/shipments";
import { getStockLevel, setOnHand } from "../store/stock";
import type { Route } from "./types";

const SwitchesInput = z.object({
  latencyMs: z.number().int().nonnegative().optional(),
  faultRate: z.number().min(0).max(1).optional(),
  faultKind: z.enum(["error", "timeout", "mixed"]).optional(),
  rateLimit: z.object({ capacity: z.number().int().positive(), refillPerSecond: z.number().positive() }).nullable().optional(),
  outage: z.enum(["off", "unavailable", "refused"]).optional(),
  crashAfterCommit: z.number().int().nonnegative().optional(),
  /** Required with outage "refused": nobody could switch it back over HTTP otherwise. */
  restoreAfterMs: z.number().int().positive().optional(),
});

/** Every /_admin route. */
export const adminRoutes: Route[] = [
  { method: "GET", path: "/_admin/switches", operationId: "getSwitches", area: "admin", handle: ({ runtime }) => ({ status: 200, body: runtime.switchBoard.switches }) },
  {
    method: "POST", path: "/_admin/switches", operationId: "setSwitches", area: "admin",
    handle: ({ runtime, body }) => {
      const { restoreAfterMs, ...switches } = parseBody(SwitchesInput, body);
      if (switches.outage === "refused" && !restoreAfterMs) {
        throw new ErpApiError(400, "invalid_request", "outage \"refused\" over HTTP needs restoreAfterMs", "restoreAfterMs");
      }
      return { status: 200, body: runtime.applySwitches(switches, restoreAfterMs) };
    },
  },
  {
    method: "POST", path: "/_admin/seed", operationId: "seed", area: "admin",
    handle: ({ runtime, body }) => {
      runtime.seed(body && typeof body === "object" && Object.keys(body).length ? body : undefined);
      return { status: 200, body: { ok: true } };
    },
  },
  { method: "POST", path: "/_admin/warehouses", operationId: "upsertWarehouse", area: "admin", handle: ({ ctx, body }) => ({ status: 200, body: upsertWarehouse(ctx.db, parseBody(WarehouseInput, body)) }) },
  {
    method: "POST", path: "/_admin/items", operationId: "upsertItem", area: "admin",
    handle: ({ ctx, body }) => {
      const input = parseBody(ItemInput, body);
      return { status: 200, body: upsertItem(ctx.db, ctx.clock, { ...input, barcode: input.barcode ?? null, compareAtPrice: input.compareAtPrice ?? null }) };
    },
  },
  {
    method: "POST", path: "/_admin/stock-adjustments", operationId: "adjustStock", area: "admin",
    handle: ({ ctx, body }) => {
      const input = parseBody(StockAdjustmentInput, body);
      const before = getStockLevel(ctx.db, ctx.clock, input.itemCode, input.warehouseCode);
      const onHand = input.onHand ?? before.onHand + (input.delta ?? 0);
      if (onHand < before.allocated) {
        throw new ErpApiError(422, "below_allocated", `on hand cannot drop below the ${before.allocated} unit(s) allocated to orders`, "onHand");
      }
      setOnHand(ctx.db, ctx.clock, ctx.stock, input.itemCode, input.warehouseCode, onHand);
      fillBackorders(ctx, input.itemCode, input.warehouseCode);
      return { status: 200, body: getStockLevel(ctx.db, ctx.clock, input.itemCode, input.warehouseCode) };
    },
  },
  {
    method: "POST", path: "/_admin/sales-orders/{id}/shipments", operationId: "createShipment", area: "admin",
    handle: ({ ctx, params, body, runtime }) => {
      const shipment = createShipment(ctx, params.id, parseBody(ShipmentInput, body));
      runtime.callbacks.record("shipment.created", { shipment, salesOrder: { id: params.id, status: getSalesOrder(ctx.db, params.id).status } });
      return { status: 201, body: shipment };
    },
  },
  { method: "GET", path: "/_admin/callbacks", operationId: "listCallbacks", area: "admin", handle: ({ runtime }) => ({ status: 200, body: { data: runtime.callbacks.list() } }) },
];
