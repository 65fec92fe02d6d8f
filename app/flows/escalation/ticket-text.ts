/**
 * What a ticket about an exception says: the subject, the first comment (what failed, the
 * error, the attempts so far, the correlation id, the link to the exception) and the notes that
 * follow (failed again, resolved, ignored). Every text is made from stored facts only, so the
 * same update written twice reads the same and can be recognised as already there.
 */
import type { ExceptionForTicket } from "~/models/exception-tickets.server";

export const TICKET_TAGS = ["erp_bridge", "erp_bridge_exception"];

/** The external id that ties a ticket to its exception: the lookup that prevents a second ticket. */
export function ticketExternalId(exceptionId: string): string {
  return `erp-bridge-exception-${exceptionId}`;
}

type Exception = Pick<ExceptionForTicket, "flow" | "errorClass" | "message" | "correlationId" | "sourceType" | "sourceId" | "sourceName" | "attempts">;

/** "Order #1001", "Refund 9876", "#1001 return RA-7": the document as a merchant names it. */
export function documentLabel(exception: Pick<Exception, "sourceType" | "sourceId" | "sourceName" | "correlationId">): string {
  const name = exception.sourceName ?? exception.sourceId;
  const type = exception.sourceType ? exception.sourceType[0].toUpperCase() + exception.sourceType.slice(1) : null;
  if (!name) return type ? `A ${exception.sourceType}` : `Job ${exception.correlationId}`;
  if (!type || name.toLowerCase().includes(exception.sourceType!.toLowerCase())) return name;
  return `${type} ${name}`;
}

/** When, in UTC, to the minute: what a support agent reads in a note. */
export function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const failures = (exception: Pick<Exception, "attempts">) => exception.attempts.filter((a) => a.outcome === "failed");

export function ticketSubject(exception: Exception): string {
  const late = exception.errorClass === "late";
  const what = late ? "not in the ERP in time" : `${exception.flow} sync failed (${exception.errorClass})`;
  return `ERP Bridge: ${documentLabel(exception)} ${what}`.slice(0, 150);
}

/** The first comment: everything a person needs to start. */
export function openingComment(exception: Exception, link: string): string {
  const failed = failures(exception);
  const first = failed[0]?.at;
  const newest = failed.at(-1)?.at;
  return [
    `ERP Bridge could not finish work that needs a person.`,
    ``,
    `What failed: ${documentLabel(exception)} in the ${exception.flow} flow`,
    `Error (${exception.errorClass}): ${exception.message}`,
    `Attempts so far: ${failed.length}${first && newest ? ` (first ${utc(first)}, latest ${utc(newest)})` : ""}`,
    `Correlation id: ${exception.correlationId}`,
    ``,
    `Open the exception: ${link}`,
  ].join("\n");
}

/** A note for the nth failure (1-based count of failed attempts); null when that attempt is unknown. */
export function failedAgainComment(exception: Exception, failureCount: number, link: string): string | null {
  const attempt = failures(exception)[failureCount - 1];
  if (!attempt) return null;
  return [
    `Failed again at ${utc(attempt.at)} (attempt ${failureCount}).`,
    `Error (${attempt.errorClass ?? exception.errorClass}): ${attempt.message ?? exception.message}`,
    `Attempts so far: ${failureCount}. Correlation id: ${exception.correlationId}`,
    `Open the exception: ${link}`,
  ].join("\n");
}

/** Who closed an exception, in words: an admin user, the app after a retry, or the app on its own. */
export function actorWords(actor: string | null): string {
  if (!actor) return "someone";
  if (actor.startsWith("admin:")) return `a staff member in the Shopify admin of ${actor.slice("admin:".length)}`;
  if (actor === "worker") return "ERP Bridge, after a retry succeeded";
  if (actor === "system") return "ERP Bridge";
  return actor;
}

export function closedComment(exception: Exception & { status: string; resolvedAt: Date | null; resolvedBy: string | null }, event: "resolved" | "ignored", link: string): string {
  const when = exception.resolvedAt ? ` at ${utc(exception.resolvedAt)}` : "";
  const outcome =
    event === "resolved"
      ? `Resolved by ${actorWords(exception.resolvedBy)}${when}. ${documentLabel(exception)} needs nothing more from support.`
      : `Ignored by ${actorWords(exception.resolvedBy)}${when}: ERP Bridge will not do this work.`;
  return [outcome, `Attempts: ${failures(exception).length}. Correlation id: ${exception.correlationId}`, `Exception: ${link}`].join("\n");
}
