/**
 * shop/redact, which Shopify sends 48 hours after an uninstall: every row of the shop goes, in
 * batches, and a redaction record (domain, when, how many rows) is all that stays. A shop that
 * installed the app again meanwhile keeps its data: erasing it would also erase the document
 * links that keep its orders from being posted to the ERP twice.
 */
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { finishRedaction, findRedaction, startRedaction, type RedactionCounts } from "~/models/privacy-redactions.server";
import { eraseShopRows, sweepShopJobs } from "~/models/privacy-shop-erase.server";
import { findShop } from "~/models/shop.server";
import type { EnqueueRequest } from "~/queue/port";

export const SHOP_REDACT_SWEEP_JOB = "shop/redact-sweep";
/** Time for the erasing job to settle before its own row is swept. */
const SWEEP_DELAY_MS = 2_000;

export interface ShopRedactResult {
  redactionId: string;
  status: "completed" | "skipped";
  counts: RedactionCounts;
}

export async function redactShop(db: Db, input: { shopDomain: string; jobId: string | null }, now = new Date()): Promise<ShopRedactResult> {
  const redaction = await startRedaction(db, { shopDomain: input.shopDomain, topic: "shop/redact", subjectKey: "shop" }, now);
  const shop = await findShop(db, input.shopDomain);
  if (shop?.status === "installed") {
    await finishRedaction(db, redaction.id, "skipped", {}, now);
    return { redactionId: redaction.id, status: "skipped", counts: {} };
  }
  const counts = await eraseShopRows(db, { shopDomain: input.shopDomain, shopId: shop?.id ?? null, keepJobId: input.jobId, keepRedactionId: redaction.id });
  await finishRedaction(db, redaction.id, "completed", counts, now);
  return { redactionId: redaction.id, status: "completed", counts };
}

/** The follow-up that removes the erasing job's own row; its payload names only the redaction. */
export function shopRedactSweepJob(redactionId: string, correlationId: string, now = new Date()): EnqueueRequest {
  return {
    queue: "privacy",
    name: SHOP_REDACT_SWEEP_JOB,
    payload: { redactionId },
    shopId: null,
    correlationId,
    dedupeKey: `privacy-sweep:${redactionId}`,
    runAt: new Date(now.getTime() + SWEEP_DELAY_MS),
  };
}

/** Deletes settled jobs that still name the shop; waits (transient error) while one still runs. */
export async function sweepRedactedShop(db: Db, redactionId: string, ownJobId: string): Promise<number> {
  const redaction = await findRedaction(db, redactionId);
  if (!redaction || redaction.status !== "completed") return 0;
  const { deleted, running } = await sweepShopJobs(db, redaction.shopDomain, ownJobId);
  if (running > 0) throw new AppError("transient", "A job of the redacted shop is still running; sweeping again shortly", { retryAfterMs: SWEEP_DELAY_MS });
  return deleted;
}
