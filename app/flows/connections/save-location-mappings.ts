/**
 * The onboarding step "map locations": which ERP warehouse holds the stock of each Shopify
 * location. Only locations the shop has and warehouses the ERP listed are accepted; a location
 * set to "none" loses its mapping (its stock is no longer pushed from the ERP).
 */
import type { Db } from "~/db/client.server";
import type { FieldErrors } from "~/models/connection-forms";
import { locationField } from "~/models/connection-forms-onboarding";
import { recordAudit } from "./audit";

export type SaveLocationMappingsResult = { ok: true; mapped: number; removed: number } | { ok: false; errors: FieldErrors };

export async function saveLocationMappings(
  db: Db,
  input: {
    shopId: string;
    connectionId: string;
    actor: string;
    locations: { id: string; name: string }[];
    warehouses: { erpId: string; name: string }[];
    /** Warehouse id by Shopify location id; "" for none. */
    choices: Record<string, string>;
  },
): Promise<SaveLocationMappingsResult> {
  const warehouses = new Set(input.warehouses.map((w) => w.erpId));
  const errors: FieldErrors = {};
  const chosen = input.locations.filter((l) => input.choices[l.id]);
  for (const location of chosen) {
    if (!warehouses.has(input.choices[location.id])) errors[locationField(location.id)] = `ERP warehouse for ${location.name} must be one the ERP lists`;
  }
  if (chosen.length === 0) errors.form = "Choose an ERP warehouse for at least one Shopify location";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const unmapped = input.locations.filter((l) => !input.choices[l.id]).map((l) => l.id);
  await db.$transaction([
    ...chosen.map((location) =>
      db.locationMapping.upsert({
        where: { connectionId_shopifyLocationId: { connectionId: input.connectionId, shopifyLocationId: location.id } },
        create: { shopId: input.shopId, connectionId: input.connectionId, shopifyLocationId: location.id, erpWarehouseId: input.choices[location.id] },
        update: { erpWarehouseId: input.choices[location.id] },
      }),
    ),
    db.locationMapping.deleteMany({ where: { connectionId: input.connectionId, shopifyLocationId: { in: unmapped } } }),
  ]);
  await recordAudit(db, {
    shopId: input.shopId,
    actor: input.actor,
    action: "location_mappings.save",
    subjectType: "connection",
    subjectId: input.connectionId,
    details: { mapped: Object.fromEntries(chosen.map((l) => [l.id, input.choices[l.id]])), unmapped },
  });
  return { ok: true, mapped: chosen.length, removed: unmapped.length };
}
