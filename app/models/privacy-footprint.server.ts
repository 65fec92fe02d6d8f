/**
 * Reads for privacy requests: the records of one shop that concern a customer, found by the
 * documents they are about (order ids) or by text they contain (email, phone, customer id).
 * Text matches are candidates; the privacy flow confirms each before using it.
 */
import type { Db } from "~/db/client.server";

// SQLite takes at most 999 parameters per statement.
const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const mentions = (column: string, terms: string[]) => terms.map((term) => ({ [column]: { contains: term } }));

export interface InboxRow {
  id: string;
  source: string;
  topic: string;
  payload: string;
  receivedAt: Date;
  status: string;
}

/** Deliveries of the shop whose body contains any of the terms, a page at a time in id order. */
export async function inboxEventsMentioning(db: Db, shopDomain: string, terms: string[], afterId: string | null, take: number): Promise<InboxRow[]> {
  if (terms.length === 0) return [];
  const rows: InboxRow[] = [];
  for (const part of chunks(terms)) {
    rows.push(
      ...(await db.inboxEvent.findMany({
        where: { shopDomain, ...(afterId ? { id: { gt: afterId } } : {}), OR: mentions("payload", part) },
        orderBy: { id: "asc" },
        take,
        select: { id: true, source: true, topic: true, payload: true, receivedAt: true, status: true },
      })),
    );
  }
  const unique = new Map(rows.map((r) => [r.id, r]));
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, take);
}

/** ERP documents made from these Shopify documents. */
export async function documentLinksOf(db: Db, shopId: string, sourceIds: string[]) {
  const rows = [];
  for (const part of chunks(sourceIds)) {
    rows.push(
      ...(await db.documentLink.findMany({
        where: { shopId, sourceId: { in: part } },
        select: { sourceType: true, sourceId: true, sourceName: true, erpType: true, erpId: true, erpNumber: true, state: true, createdAt: true, connection: { select: { name: true } } },
      })),
    );
  }
  return rows;
}

/** Exceptions about these documents or deliveries, or whose text mentions a term, with their attempts. */
export async function exceptionsOf(db: Db, shopId: string, input: { sourceIds: string[]; inboxEventIds: string[]; terms: string[] }) {
  const found = new Map<string, Awaited<ReturnType<typeof exceptionPage>>[number]>();
  const add = (rows: Awaited<ReturnType<typeof exceptionPage>>) => rows.forEach((r) => found.set(r.id, r));
  for (const part of chunks(input.sourceIds)) add(await exceptionPage(db, { shopId, sourceId: { in: part } }));
  for (const part of chunks(input.inboxEventIds)) add(await exceptionPage(db, { shopId, inboxEventId: { in: part } }));
  if (input.terms.length) {
    add(await exceptionPage(db, { shopId, OR: [...mentions("message", input.terms), ...mentions("payloadSnapshot", input.terms)] }));
    add(await exceptionPage(db, { shopId, attempts: { some: { OR: mentions("message", input.terms) } } }));
  }
  return [...found.values()];
}

function exceptionPage(db: Db, where: NonNullable<Parameters<Db["syncException"]["findMany"]>[0]>["where"]) {
  return db.syncException.findMany({ where, include: { attempts: { orderBy: { at: "asc" } } } });
}

/** The ERP's last word on these orders, kept for the helpdesk. */
export async function erpOrderSnapshotsOf(db: Db, shopId: string, orderIds: string[], terms: string[]) {
  const where = [...chunks(orderIds).map((part) => ({ orderId: { in: part } })), ...mentions("data", terms)];
  if (where.length === 0) return [];
  return db.erpOrderSnapshot.findMany({ where: { shopId, OR: where } });
}

/** Return cases of these orders, with their steps. */
export async function returnCasesOf(db: Db, shopId: string, orderIds: string[], terms: string[]) {
  const where = [...chunks(orderIds).map((part) => ({ orderId: { in: part } })), ...mentions("request", terms)];
  if (where.length === 0) return [];
  return db.returnCase.findMany({ where: { shopId, OR: where }, include: { steps: { orderBy: { at: "asc" } } } });
}

/** Dual-run comparisons of these orders. */
export async function shadowComparisonsOf(db: Db, shopId: string, orderIds: string[], terms: string[]) {
  const where = [...chunks(orderIds).map((part) => ({ sourceId: { in: part } })), ...mentions("differences", terms)];
  if (where.length === 0) return [];
  return db.shadowComparison.findMany({ where: { shopId, OR: where } });
}

/** Queued work of the shop (or of no shop yet) whose payload or last error mentions a term. */
export async function jobsMentioning(db: Db, shopId: string | null, terms: string[]) {
  if (terms.length === 0) return [];
  return db.job.findMany({
    where: { OR: [{ shopId: null }, ...(shopId ? [{ shopId }] : [])], AND: [{ OR: [...mentions("payload", terms), ...mentions("lastError", terms)] }] },
    select: { id: true, payload: true, lastError: true },
  });
}

/** Audit entries whose details mention a term. */
export async function auditEntriesMentioning(db: Db, shopId: string, terms: string[]) {
  if (terms.length === 0) return [];
  return db.auditEntry.findMany({ where: { shopId, OR: mentions("details", terms) }, select: { id: true, details: true } });
}

/** Sync runs whose parameters or last error mention a term. */
export async function syncRunsMentioning(db: Db, shopId: string, terms: string[]) {
  if (terms.length === 0) return [];
  return db.syncRun.findMany({ where: { shopId, OR: [...mentions("params", terms), ...mentions("lastError", terms)] }, select: { id: true, params: true, lastError: true } });
}
