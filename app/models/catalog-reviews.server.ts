/** Catalog reviews: ERP items the sync would not link on its own, for a person to decide. */
import type { Db } from "~/db/client.server";

import type { CatalogReviewReason } from "./catalog-review-reasons";

/**
 * Opens (or reopens) the review of an item for a reason. An ignored review stays ignored; a
 * resolved one the sync finds again is opened again with the current candidates.
 */
export async function openCatalogReview(
  db: Db,
  input: { shopId: string; connectionId: string; itemCode: string; reason: CatalogReviewReason; candidates: string[]; detail?: string },
): Promise<void> {
  const key = { connectionId_itemCode_reason: { connectionId: input.connectionId, itemCode: input.itemCode, reason: input.reason } };
  const candidates = JSON.stringify(input.candidates);
  const existing = await db.catalogReview.findUnique({ where: key, select: { status: true } });
  if (existing?.status === "ignored") return;
  await db.catalogReview.upsert({
    where: key,
    create: { shopId: input.shopId, connectionId: input.connectionId, itemCode: input.itemCode, reason: input.reason, candidates, detail: input.detail },
    update: { status: "open", candidates, detail: input.detail },
  });
}

/** Marks an item's open reviews resolved: the sync has linked it. */
export async function closeCatalogReviews(db: Db, connectionId: string, itemCode: string): Promise<void> {
  await db.catalogReview.updateMany({ where: { connectionId, itemCode, status: "open" }, data: { status: "resolved" } });
}

export function openCatalogReviews(db: Db, shopId: string) {
  return db.catalogReview.findMany({ where: { shopId, status: "open" }, orderBy: [{ itemCode: "asc" }, { reason: "asc" }] });
}

/** A person's decision on a review of their shop; false when there is no such review. */
export async function decideCatalogReview(db: Db, shopId: string, id: string, status: "resolved" | "ignored"): Promise<boolean> {
  const { count } = await db.catalogReview.updateMany({ where: { id, shopId }, data: { status } });
  return count === 1;
}
