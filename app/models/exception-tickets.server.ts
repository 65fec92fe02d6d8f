/**
 * Exceptions that support must hear about: which exception changes become helpdesk jobs (high
 * business impact, a shop with an active helpdesk connection), and what those jobs read and
 * keep (the exception with its attempts, the ticket it opened).
 */
import type { Db } from "~/db/client.server";
import type { JobQueue } from "~/queue/port";
import { openConnection, type OpenedConnection } from "./connections.server";

/** The queue of the jobs that open and update helpdesk tickets. */
export const HELPDESK_FLOW = "helpdesk";

export const EXCEPTION_TICKET_EVENTS = ["opened", "failed_again", "resolved", "ignored"] as const;
export type ExceptionTicketEvent = (typeof EXCEPTION_TICKET_EVENTS)[number];

/** False for a "resolved" or "ignored" change of an exception that is not (or no longer) in that state. */
export function closedAs(status: string, event: ExceptionTicketEvent): boolean {
  return (event !== "resolved" && event !== "ignored") || status === event;
}

/** What a helpdesk job about an exception carries. */
export interface ExceptionTicketPayload {
  exceptionId: string;
  event: ExceptionTicketEvent;
  /** failed_again: how many failed attempts the exception had then, so the note names that one. */
  failures?: number;
}

export const EXCEPTION_TICKET_JOB = "exception-ticket";

/** The shop's active helpdesk connection (the oldest, if several), opened; null when there is none. */
export async function activeHelpdeskConnectionOfShop(db: Db, shopId: string): Promise<OpenedConnection | null> {
  const row = await db.connection.findFirst({ where: { shopId, kind: "helpdesk", status: "active" }, orderBy: { createdAt: "asc" } });
  return row ? openConnection(row) : null;
}

/**
 * After an exception changed: enqueues the helpdesk job that tells its ticket, when support
 * must hear of it. Returns the job id, or null when the exception is not one for a ticket.
 * Jobs of one exception run in order (opened before failed_again before resolved), and
 * enqueueing the same change twice is a no-op.
 */
export async function notifyExceptionChange(db: Db, queue: JobQueue, change: Pick<ExceptionTicketPayload, "exceptionId" | "event">): Promise<string | null> {
  const exception = await db.syncException.findUnique({
    where: { id: change.exceptionId },
    select: { id: true, shopId: true, status: true, businessImpact: true, correlationId: true, _count: { select: { attempts: { where: { outcome: "failed" } } } } },
  });
  if (!exception || exception.businessImpact !== "high") return null;
  if (!closedAs(exception.status, change.event)) return null;
  const helpdesk = await db.connection.findFirst({ where: { shopId: exception.shopId, kind: "helpdesk", status: "active" }, select: { id: true } });
  if (!helpdesk) return null;
  // Each failure is its own update; the count tells the first from a repeat of the same one.
  const failures = exception._count.attempts;
  const key = change.event === "failed_again" ? `failed_again:${failures}` : change.event;
  const { id } = await queue.enqueue({
    queue: HELPDESK_FLOW,
    name: EXCEPTION_TICKET_JOB,
    payload: change.event === "failed_again" ? { exceptionId: exception.id, event: change.event, failures } : { exceptionId: exception.id, event: change.event },
    shopId: exception.shopId,
    correlationId: exception.correlationId,
    dedupeKey: `exception-ticket:${exception.id}:${key}`,
    ordered: true,
    orderingKey: `exception:${exception.id}`,
  });
  return id;
}

/** An exception as its ticket tells it: what failed, where, the attempts so far, and its shop. */
export function exceptionForTicket(db: Db, exceptionId: string) {
  return db.syncException.findUnique({
    where: { id: exceptionId },
    include: {
      shop: { select: { id: true, domain: true } },
      attempts: { orderBy: { at: "asc" }, select: { at: true, outcome: true, errorClass: true, message: true, actor: true } },
    },
  });
}

export type ExceptionForTicket = NonNullable<Awaited<ReturnType<typeof exceptionForTicket>>>;

/** Keeps the ticket an exception opened, so later changes update it instead of opening another. */
export async function saveExceptionTicket(db: Db, exceptionId: string, ticketId: string): Promise<void> {
  await db.syncException.update({ where: { id: exceptionId }, data: { helpdeskTicketId: ticketId } });
}
