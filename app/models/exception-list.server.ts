import type { Db } from "~/db/client.server";
import { AGES, PAGE_SIZE, type ExceptionFilters } from "./exception-filters";

const OPEN = ["open", "retrying"];
const LIKE_WILDCARD = /[%_\\]/;
const CLOSED = ["resolved", "ignored"];

/** The database condition of a shop's exceptions that match these filters. */
export function exceptionWhere(shopId: string, filters: ExceptionFilters, now = new Date()) {
  const status = filters.status === "open" ? { in: OPEN } : filters.status === "closed" ? { in: CLOSED } : undefined;
  const q = filters.q;
  return {
    shopId,
    ...(status ? { status } : {}),
    ...(filters.flow ? { flow: filters.flow } : {}),
    ...(filters.errorClass ? { errorClass: filters.errorClass } : {}),
    ...(filters.impact ? { businessImpact: filters.impact } : {}),
    ...(filters.sourceType ? { sourceType: filters.sourceType } : {}),
    ...(filters.age ? { createdAt: { lt: new Date(now.getTime() - AGES[filters.age]) } } : {}),
    // A merchant types "#1001" or "1001", or pastes an id from a ticket or a log line.
    ...(q
      ? {
          OR: [
            // Prisma's `contains` is a LIKE without escaping: "%" or "_" would match every name.
            { sourceName: LIKE_WILDCARD.test(q) ? { in: [q, `#${q.replace(/^#/, "")}`] } : { contains: q } },
            { sourceId: q.replace(/^#/, "") },
            { id: q },
            { correlationId: q },
          ],
        }
      : {}),
  };
}

/**
 * One page of a shop's exceptions matching the filters, newest first, with how many match in
 * all and how many attempts each has seen.
 */
export async function listExceptions(db: Db, shopId: string, filters: ExceptionFilters, now = new Date()) {
  const where = exceptionWhere(shopId, filters, now);
  const [total, rows] = await Promise.all([
    db.syncException.count({ where }),
    db.syncException.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, flow: true, errorClass: true, message: true, businessImpact: true, status: true,
        correlationId: true, sourceType: true, sourceId: true, sourceName: true, createdAt: true, updatedAt: true,
        inboxEventId: true, jobId: true, _count: { select: { attempts: true } },
      },
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The flows, error classes and document types a shop's exceptions have: the filters' choices. */
export async function exceptionFilterChoices(db: Db, shopId: string) {
  const distinct = async (field: "flow" | "errorClass" | "sourceType") => {
    const rows = await db.syncException.findMany({ where: { shopId }, distinct: [field], select: { flow: true, errorClass: true, sourceType: true }, orderBy: { [field]: "asc" } });
    return rows.map((r) => r[field]).filter((v): v is string => Boolean(v));
  };
  const [flows, errorClasses, sourceTypes] = await Promise.all([distinct("flow"), distinct("errorClass"), distinct("sourceType")]);
  return { flows, errorClasses, sourceTypes };
}

/** An exception of this shop, or null: ids from the browser never reach another shop's data. */
export function findShopException(db: Db, shopId: string, id: string) {
  return db.syncException.findFirst({ where: { id, shopId }, select: { id: true } });
}
