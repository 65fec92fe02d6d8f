/**
 * ERP callback intake: the connection's connector checks the signature and reads the event,
 * then the exact body goes into the inbox under the ERP's event id, so a repeated callback is a
 * duplicate. Business work happens later, from the inbox. Refusals are typed AppErrors thrown
 * before anything is stored: not_found (no such active connection), auth, validation.
 */
import { connectorFor } from "~/connectors/erp/factory";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { callbackConnection } from "~/models/callback-connections.server";
import { recordDelivery } from "~/models/inbox.server";
import { readBodyWithLimit } from "./read-body.server";

export type ErpCallbackOutcome = { outcome: "stored" | "duplicate"; topic: string; eventId: string };

export async function acceptErpCallback(db: Db, request: Request, connectionId: string): Promise<ErpCallbackOutcome> {
  const found = await callbackConnection(db, connectionId);
  const erp = found ? connectorFor(found.connection) : null;
  if (!found || !erp?.readCallback) throw new AppError("not_found", "No ERP connection takes callbacks here");
  const rawBody = await readBodyWithLimit(request);
  const event = erp.readCallback({ rawBody, headers: request.headers });
  const topic = `erp/${event.type}`;
  const stored = await recordDelivery(db, {
    shopDomain: found.shopDomain,
    source: "erp",
    topic,
    deliveryId: event.eventId,
    eventId: event.eventId,
    triggeredAt: null,
    apiVersion: null,
    rawBody,
    correlationId: event.eventId,
  });
  return { outcome: stored.stored ? "stored" : "duplicate", topic, eventId: event.eventId };
}
