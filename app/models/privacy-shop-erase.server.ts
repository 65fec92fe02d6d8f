/**
 * shop/redact: every row of one shop, in every table, deleted a batch at a time (one
 * transaction per batch, so a huge shop neither holds a long lock nor loses a half batch).
 * Children go before parents; the Shop row goes last. Only the redaction record stays.
 */
import type { Db } from "~/db/client.server";
import type { RedactionCounts } from "./privacy-redactions.server";

const BATCH = 500;

// The same two calls on every model; Prisma gives each model its own delegate type.
interface Deletable {
  findMany(args: { where: object; select: { id: true }; take: number }): Promise<{ id: string }[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): ReturnType<Db["job"]["deleteMany"]>;
}

export interface ShopToErase {
  shopDomain: string;
  shopId: string | null;
  /** The job doing the erasing: deleting its row under it would cost it its lease. */
  keepJobId: string | null;
  /** The redaction record, the one row allowed to name the shop afterwards. */
  keepRedactionId: string;
}

/** Job rows whose payload, dedupe key or correlation id carry the shop's domain. */
const namingShop = (shopDomain: string) => ({
  OR: [{ payload: { contains: JSON.stringify(shopDomain) } }, { dedupeKey: { contains: shopDomain } }, { correlationId: { contains: shopDomain } }],
});

function tables(db: Db, shop: ShopToErase): [string, Deletable, object][] {
  const d = (delegate: unknown) => delegate as Deletable;
  const notKeptJob = shop.keepJobId ? { id: { not: shop.keepJobId } } : {};
  const byShop: [string, Deletable, object][] = shop.shopId
    ? [
        ["job", d(db.job), { shopId: shop.shopId, ...notKeptJob }],
        ["syncException", d(db.syncException), { shopId: shop.shopId }],
        ["returnCase", d(db.returnCase), { shopId: shop.shopId }],
        ["documentLink", d(db.documentLink), { shopId: shop.shopId }],
        ["erpOrderSnapshot", d(db.erpOrderSnapshot), { shopId: shop.shopId }],
        ["shadowComparison", d(db.shadowComparison), { shopId: shop.shopId }],
        ["inventoryState", d(db.inventoryState), { shopId: shop.shopId }],
        ["catalogReview", d(db.catalogReview), { shopId: shop.shopId }],
        ["syncCursor", d(db.syncCursor), { shopId: shop.shopId }],
        ["syncRun", d(db.syncRun), { shopId: shop.shopId }],
        ["auditEntry", d(db.auditEntry), { shopId: shop.shopId }],
        ["erpRoute", d(db.erpRoute), { shopId: shop.shopId }],
        ["skuMapping", d(db.skuMapping), { shopId: shop.shopId }],
        ["locationMapping", d(db.locationMapping), { shopId: shop.shopId }],
        ["codeMapping", d(db.codeMapping), { shopId: shop.shopId }],
        ["connection", d(db.connection), { shopId: shop.shopId }],
      ]
    : [];
  return [
    ...byShop,
    // Jobs enqueued before the install was recorded carry only the domain.
    ["job", d(db.job), { shopId: null, ...namingShop(shop.shopDomain), ...notKeptJob }],
    ["inboxEvent", d(db.inboxEvent), { shopDomain: shop.shopDomain }],
    ["session", d(db.session), { shop: shop.shopDomain }],
    ["flowPause", d(db.flowPause), { shopDomain: shop.shopDomain }],
    ["dataRequestExport", d(db.dataRequestExport), { shopDomain: shop.shopDomain }],
    ["privacyRedaction", d(db.privacyRedaction), { shopDomain: shop.shopDomain, id: { not: shop.keepRedactionId } }],
  ];
}

/** Deletes the shop's rows; returns how many went per table. */
export async function eraseShopRows(db: Db, shop: ShopToErase): Promise<RedactionCounts> {
  const counts: RedactionCounts = {};
  for (const [name, delegate, where] of tables(db, shop)) {
    for (;;) {
      const ids = (await delegate.findMany({ where, select: { id: true }, take: BATCH })).map((r) => r.id);
      if (ids.length === 0) break;
      const [{ count }] = await db.$transaction([delegate.deleteMany({ where: { id: { in: ids } } })]);
      counts[name] = (counts[name] ?? 0) + count;
      if (ids.length < BATCH) break;
    }
  }
  if (shop.shopId) {
    // The erasing job's row would go with the shop (cascade): it is detached and swept later.
    const [, { count }] = await db.$transaction([
      db.job.updateMany({ where: { id: shop.keepJobId ?? "", shopId: shop.shopId }, data: { shopId: null } }),
      db.shop.deleteMany({ where: { id: shop.shopId } }),
    ]);
    counts.shop = count;
  }
  return counts;
}

/** Finished jobs that still name the shop (the erasing job itself), deleted once they have settled. */
export async function sweepShopJobs(db: Db, shopDomain: string, keepJobId: string | null): Promise<{ deleted: number; running: number }> {
  const where = { ...namingShop(shopDomain), ...(keepJobId ? { id: { not: keepJobId } } : {}) };
  const running = await db.job.count({ where: { ...where, status: "running" } });
  const { count } = await db.job.deleteMany({ where: { ...where, status: { not: "running" } } });
  return { deleted: count, running };
}
