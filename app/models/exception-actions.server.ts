/**
 * Runs a person's action on exceptions of one shop (one from the detail page, several from the
 * list's bulk actions), each outcome reported on its own and recorded in the audit trail.
 */
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import type { JobQueue } from "~/queue/port";
import { redactText } from "~/security/redact";
import { ACTION_TEXT, type ActionResult, type ExceptionAction } from "./exception-actions";
import { notifyExceptionChange } from "./exception-tickets.server";
import { ignoreException, replayFromInbox, resolveException, retryException } from "./exceptions.server";

/** Most exceptions one bulk action touches: a page of the list, with room to spare. */
export const MAX_BULK = 100;

export interface ActionDeps {
  db: Db;
  queue: JobQueue;
}

/** Who pressed the button, as the audit trail and the attempt history name them. */
export function actorOf(session: { shop: string; onlineAccessInfo?: { associated_user?: { email?: string } } | null }): string {
  return `admin:${session.onlineAccessInfo?.associated_user?.email ?? session.shop}`;
}

/** Runs one action on one exception of the shop; refusals (closed, no job) come back as results, not throws. */
export async function runExceptionAction(
  deps: ActionDeps,
  input: { shopId: string; exceptionId: string; action: ExceptionAction; actor: string },
): Promise<ActionResult> {
  const { db, queue } = deps;
  const exception = await db.syncException.findFirst({
    where: { id: input.exceptionId, shopId: input.shopId },
    select: { id: true, status: true, sourceName: true, sourceId: true, correlationId: true },
  });
  if (!exception) return { id: input.exceptionId, name: input.exceptionId, ok: false, message: "no such exception in this shop" };
  const name = exception.sourceName ?? exception.sourceId ?? exception.correlationId;
  const args = { exceptionId: exception.id, actor: input.actor };
  let result: ActionResult;
  try {
    if (input.action === "retry") await retryException(db, queue, args);
    if (input.action === "replay") await replayFromInbox(db, queue, args);
    if (input.action === "resolve" || input.action === "ignore") {
      const closed = input.action === "resolve" ? await resolveException(db, args) : await ignoreException(db, args);
      if (!closed) throw new AppError("conflict", `it is already ${exception.status}`);
      // A closed exception of high impact is noted on its helpdesk ticket; pressing again enqueues nothing new.
      await notifyExceptionChange(db, queue, { exceptionId: exception.id, event: input.action === "resolve" ? "resolved" : "ignored" });
    }
    result = { id: exception.id, name, ok: true, message: `${name} ${ACTION_TEXT[input.action].done}` };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    result = { id: exception.id, name, ok: false, message: redactText(lowerFirst(error.message)) };
  }
  await db.auditEntry.create({
    data: {
      shopId: input.shopId,
      actor: input.actor,
      action: `exception.${input.action}`,
      subjectType: "exception",
      subjectId: exception.id,
      details: JSON.stringify({ ok: result.ok, message: result.message }),
    },
  });
  return result;
}

/** Runs the action on each exception in turn, so one refusal never stops the others. */
export async function runBulkExceptionAction(
  deps: ActionDeps,
  input: { shopId: string; exceptionIds: string[]; action: ExceptionAction; actor: string },
): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const exceptionId of [...new Set(input.exceptionIds)].slice(0, MAX_BULK)) {
    results.push(await runExceptionAction(deps, { shopId: input.shopId, exceptionId, action: input.action, actor: input.actor }));
  }
  return results;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
