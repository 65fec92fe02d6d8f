import type { Db } from "~/db/client.server";

/** Which exceptions a list shows. */
export type ExceptionFilter = "open" | "closed" | "all";

/** A shop's exceptions, newest first, with how many attempts each has seen. */
export async function listExceptions(db: Db, shopId: string, filter: ExceptionFilter = "open", take = 100) {
  const status =
    filter === "open" ? { in: ["open", "retrying"] } : filter === "closed" ? { in: ["resolved", "ignored"] } : undefined;
  return db.syncException.findMany({
    where: { shopId, ...(status ? { status } : {}) },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true, flow: true, errorClass: true, message: true, businessImpact: true, status: true,
      correlationId: true, sourceType: true, sourceId: true, sourceName: true, createdAt: true,
      inboxEventId: true, jobId: true, _count: { select: { attempts: true } },
    },
  });
}

/** An exception of this shop, or null: ids from the browser never reach another shop's data. */
export function findShopException(db: Db, shopId: string, id: string) {
  return db.syncException.findFirst({ where: { id, shopId }, select: { id: true } });
}
