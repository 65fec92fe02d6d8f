/** A verified reference ERP callback read into canonical ERP events. */
import { AppError } from "~/errors";
import type { ErpCallbackEvent } from "../erp-documents";
import { verifyErpCallback } from "./callback-signature";
import { fromStockLevel } from "./mappers/catalog";
import { fromShipment } from "./mappers/sales-order";
import { CallbackBody } from "./payloads";

/** Verifies and reads a callback; AppError "auth" when the signature or timestamp is wrong, "validation" when the body is not a known event. */
export function readReferenceErpCallback(
  request: { rawBody: string; headers: Pick<Headers, "get"> },
  secret: string | readonly string[],
  nowMs?: number,
): ErpCallbackEvent {
  const check = verifyErpCallback({ ...request, secret, nowMs });
  if (!check.valid) throw new AppError("auth", `ERP callback refused: ${check.reason.replace("_", " ")}`, { details: { reason: check.reason } });
  return parseReferenceErpCallback(request.rawBody);
}

/** Reads a callback body already verified (e.g. from the inbox); AppError "validation" when it is not a known event. */
export function parseReferenceErpCallback(rawBody: string): ErpCallbackEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    throw new AppError("validation", "ERP callback body is not JSON", { cause: error });
  }
  const parsed = CallbackBody.safeParse(json);
  if (!parsed.success) {
    const { id, type } = (json ?? {}) as { id?: unknown; type?: unknown };
    const named = typeof type === "string" ? `${type} ` : "";
    throw new AppError("validation", `ERP callback ${named}has an unknown shape`, { details: { eventId: typeof id === "string" ? id : null } });
  }
  const event = parsed.data;
  return event.type === "shipment.created"
    ? { eventId: event.id, type: event.type, shipment: fromShipment(event.data.shipment) }
    : { eventId: event.id, type: event.type, levels: event.data.levels.map(fromStockLevel) };
}
