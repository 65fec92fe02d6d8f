/**
 * The merchant's choices for a shop, kept as JSON on the Shop row: which flows run and how
 * often, the latency targets the dashboard measures breaches against, and the onboarding
 * steps already done. Read with defaults, so a shop that never saved anything has sensible ones.
 */
import { z } from "zod";
import type { Db } from "~/db/client.server";

/** Flows a merchant can turn on or off and schedule. */
export const SCHEDULABLE_FLOWS = ["orders", "inventory", "catalog", "fulfillment", "returns"] as const;
export type SchedulableFlow = (typeof SCHEDULABLE_FLOWS)[number];

const FlowChoice = z.object({
  enabled: z.boolean().default(true),
  /** How often its timer runs, in minutes; null: the app's default. */
  intervalMinutes: z.number().int().min(1).max(24 * 60).nullable().default(null),
});

export const LatencyTargets = z.object({
  /** An order should be in the ERP this many minutes after it was placed. */
  ordersMinutes: z.number().int().min(1).max(24 * 60).default(2),
  /** An ERP stock change should be in Shopify within this many minutes. */
  stockMinutes: z.number().int().min(1).max(24 * 60).default(5),
  /** An ERP shipment should be a Shopify fulfilment within this many minutes. */
  shipmentsMinutes: z.number().int().min(1).max(24 * 60).default(30),
});
export type LatencyTargets = z.infer<typeof LatencyTargets>;

export const ShopSettings = z.object({
  flows: z.partialRecord(z.enum(SCHEDULABLE_FLOWS), FlowChoice).default({}),
  latencyTargets: LatencyTargets.default(LatencyTargets.parse({})),
  /** Onboarding steps marked done, by step name, with when. */
  onboarding: z.record(z.string(), z.string()).default({}),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

/** Settings stored as text, with defaults for what is missing; unreadable text counts as none. */
export function parseShopSettings(text: string | null | undefined): ShopSettings {
  let json: unknown = {};
  try {
    json = JSON.parse(text || "{}");
  } catch {
    json = {};
  }
  const parsed = ShopSettings.safeParse(json);
  return parsed.success ? parsed.data : ShopSettings.parse({});
}

export async function readShopSettings(db: Db, shopId: string): Promise<ShopSettings> {
  const row = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true } });
  return parseShopSettings(row.settings);
}

/** Applies a change to the stored settings (read, change, write) and returns the result. */
export async function updateShopSettings(db: Db, shopId: string, change: (current: ShopSettings) => ShopSettings): Promise<ShopSettings> {
  const next = ShopSettings.parse(change(await readShopSettings(db, shopId)));
  await db.shop.update({ where: { id: shopId }, data: { settings: JSON.stringify(next) } });
  return next;
}
