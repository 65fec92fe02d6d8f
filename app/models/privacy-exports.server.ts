/** Customer data exports made for customers/data_request, for the merchant to download. */
import type { Db } from "~/db/client.server";

export interface NewExport {
  shopDomain: string;
  dataRequestId: string;
  customerId: string | null;
  inboxEventId: string;
  content: string;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** The export of a data request, if one was made. */
export function findExportOfRequest(db: Db, shopDomain: string, dataRequestId: string) {
  return db.dataRequestExport.findUnique({ where: { shopDomain_dataRequestId: { shopDomain, dataRequestId } }, select: { id: true, status: true } });
}

/** Stores an export; a second one for the same request (a redelivery racing the first) is a no-op. */
export async function saveExport(db: Db, input: NewExport): Promise<{ id: string; created: boolean }> {
  try {
    const row = await db.dataRequestExport.create({ data: input, select: { id: true } });
    return { id: row.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.dataRequestExport.findUniqueOrThrow({
      where: { shopDomain_dataRequestId: { shopDomain: input.shopDomain, dataRequestId: input.dataRequestId } },
      select: { id: true },
    });
    return { id: existing.id, created: false };
  }
}

/** The shop's exports, newest first, without their content. */
export function listExports(db: Db, shopDomain: string, take = 100) {
  return db.dataRequestExport.findMany({
    where: { shopDomain },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, dataRequestId: true, customerId: true, status: true, createdAt: true, downloadedAt: true },
  });
}

/** One export of the shop, with its content; null when it is another shop's or gone. */
export function exportForDownload(db: Db, shopDomain: string, id: string) {
  return db.dataRequestExport.findFirst({ where: { id, shopDomain }, select: { id: true, dataRequestId: true, customerId: true, status: true, content: true } });
}

/** A download: audited (who, which request) and the export marked downloaded, together. */
export function recordDownload(
  db: Db,
  input: { shopId: string; actor: string; exportId: string; dataRequestId: string; customerId: string | null },
  at = new Date(),
) {
  return db.$transaction([
    db.auditEntry.create({
      data: {
        shopId: input.shopId,
        actor: input.actor,
        action: "privacy.export_download",
        subjectType: "data_request_export",
        subjectId: input.exportId,
        details: JSON.stringify({ dataRequestId: input.dataRequestId, customerId: input.customerId }),
        at,
      },
    }),
    db.dataRequestExport.updateMany({ where: { id: input.exportId, status: "ready" }, data: { status: "downloaded", downloadedAt: at } }),
  ]);
}

/**
 * After a customers/redact: the customer's exports lose their content (it is the very data
 * that had to go) and say so; the row stays so the merchant sees what became of the request.
 */
export async function withdrawExports(db: Db, shopDomain: string, match: { customerId: string | null; terms: string[] }): Promise<number> {
  const or = [...(match.customerId ? [{ customerId: match.customerId }] : []), ...match.terms.map((t) => ({ content: { contains: t } }))];
  if (or.length === 0) return 0;
  const { count } = await db.dataRequestExport.updateMany({ where: { shopDomain, status: { not: "withdrawn" }, OR: or }, data: { status: "withdrawn", content: "{}" } });
  return count;
}
