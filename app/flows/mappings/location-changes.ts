/**
 * Location mappings as a person sets them: each Shopify location to one ERP warehouse of the
 * connection (checked against the ERP's list) with a safety stock, or to none. Audited.
 */
import type { ErpConnector, ErpWarehouse } from "~/connectors/erp";
import type { AdminGraphqlClient } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import { asAppError } from "~/errors";
import { recordMappingChange } from "~/models/mapping-audit.server";
import { locationMappingOf, locationMappings, removeLocationMapping, saveLocationMapping } from "~/models/mapping-locations.server";
import type { ChangeOutcome } from "./change-outcome";
import { shopLocations } from "~/connectors/shopify/admin-api";
import { checkSafetyStock, collect, type FieldErrors } from "./validation";

export interface LocationDeps {
  db: Db;
  client: AdminGraphqlClient;
  erp: Pick<ErpConnector, "listWarehouses">;
  actor: string;
}

export interface LocationTarget {
  shopId: string;
  shopDomain: string;
  connectionId: string;
}

export interface LocationRow {
  locationId: string;
  name: string;
  erpWarehouseId: string | null;
  safetyStock: number;
}

/** Every Shopify location with its warehouse, and the ERP's warehouses to choose from (or why they could not be read). */
export async function locationRows(deps: Omit<LocationDeps, "actor">, target: LocationTarget) {
  const [locations, mappings] = await Promise.all([shopLocations(deps.client, target.shopDomain), locationMappings(deps.db, target.connectionId)]);
  const byLocation = new Map(mappings.map((m) => [m.shopifyLocationId, m]));
  const rows: LocationRow[] = locations.map((l) => ({
    locationId: l.id,
    name: l.name,
    erpWarehouseId: byLocation.get(l.id)?.erpWarehouseId ?? null,
    safetyStock: byLocation.get(l.id)?.safetyStock ?? 0,
  }));
  let warehouses: ErpWarehouse[] = [];
  let warehousesProblem: string | null = null;
  try {
    warehouses = await deps.erp.listWarehouses();
  } catch (error) {
    warehousesProblem = `The ERP's warehouses could not be read: ${asAppError(error).message}`;
  }
  return { rows, warehouses, warehousesProblem };
}

export async function saveLocation(deps: LocationDeps, target: LocationTarget, form: { locationId: string; erpWarehouseId: unknown; safetyStock: unknown }): Promise<ChangeOutcome> {
  const warehouseId = typeof form.erpWarehouseId === "string" ? form.erpWarehouseId.trim() : "";
  const location = (await shopLocations(deps.client, target.shopDomain)).find((l) => l.id === form.locationId);
  if (!location) return { ok: false, errors: {}, message: "This Shopify location no longer exists" };
  const before = await locationMappingOf(deps.db, target.connectionId, location.id);
  const audit = (action: string, summary: string, after: unknown) =>
    recordMappingChange(deps.db, { shopId: target.shopId, actor: deps.actor, action: `location_mapping.${action}`, subjectType: "location_mapping", subjectId: location.id, connectionId: target.connectionId, summary, before, after });

  if (warehouseId === "") {
    if (!before) return { ok: true, message: "Nothing to change" };
    await removeLocationMapping(deps.db, target.connectionId, location.id);
    await audit("delete", `Location ${location.name} unmapped (was ERP warehouse ${before.erpWarehouseId})`, null);
    return { ok: true, message: `${location.name} no longer receives ERP stock` };
  }

  const { values, errors } = collect({ safetyStock: checkSafetyStock(form.safetyStock, { optional: false }) });
  const fieldErrors: FieldErrors = { ...errors };
  let warehouses: ErpWarehouse[];
  try {
    warehouses = await deps.erp.listWarehouses();
  } catch (error) {
    return { ok: false, errors: { erpWarehouseId: `The ERP's warehouses could not be read: ${asAppError(error).message}` } };
  }
  const warehouse = warehouses.find((w) => w.erpId === warehouseId);
  if (!warehouse) fieldErrors.erpWarehouseId = `The ERP has no warehouse "${warehouseId}"`;
  if (Object.keys(fieldErrors).length > 0 || !warehouse) return { ok: false, errors: fieldErrors };
  if (before && before.erpWarehouseId === warehouse.erpId && before.safetyStock === values.safetyStock) return { ok: true, message: "Nothing to change" };

  const after = await saveLocationMapping(deps.db, { shopId: target.shopId, connectionId: target.connectionId, shopifyLocationId: location.id, erpWarehouseId: warehouse.erpId, safetyStock: values.safetyStock ?? 0 });
  const was = before ? ` (was ${before.erpWarehouseId}, safety stock ${before.safetyStock})` : "";
  await audit(before ? "update" : "create", `Location ${location.name} mapped to ERP warehouse ${warehouse.name} (${warehouse.erpId}), safety stock ${after.safetyStock}${was}`, after);
  return { ok: true, message: `${location.name} mapped to ${warehouse.name}` };
}
