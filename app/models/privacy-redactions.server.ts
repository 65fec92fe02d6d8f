/**
 * The record of each customers/redact and shop/redact: started, then completed with how many
 * records changed. Keyed by shop domain without relations, so the record of a shop/redact is
 * what remains of the shop.
 */
import type { Db } from "~/db/client.server";

export type RedactionTopic = "customers/redact" | "shop/redact";
export type RedactionCounts = Record<string, number>;

/** Starts (or restarts, for a redelivered request) the redaction of one subject. */
export function startRedaction(db: Db, input: { shopDomain: string; topic: RedactionTopic; subjectKey: string }, at = new Date()) {
  return db.privacyRedaction.upsert({
    where: { shopDomain_topic_subjectKey: input },
    create: { ...input, requestedAt: at },
    update: { status: "running", completedAt: null },
    select: { id: true },
  });
}

export function finishRedaction(db: Db, id: string, status: "completed" | "skipped", counts: RedactionCounts, at = new Date()) {
  return db.privacyRedaction.update({ where: { id }, data: { status, counts: JSON.stringify(counts), completedAt: at } });
}

export function findRedaction(db: Db, id: string) {
  return db.privacyRedaction.findUnique({ where: { id } });
}

/** The shop's redactions, newest first. */
export function listRedactions(db: Db, shopDomain: string, take = 100) {
  return db.privacyRedaction.findMany({ where: { shopDomain }, orderBy: { requestedAt: "desc" }, take });
}
