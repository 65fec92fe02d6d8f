import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { AppError } from "~/errors";
import { rateLimiter } from "~/security/rate-limit.server";
import { acceptErpCallback } from "~/webhooks/accept-erp-callback.server";
import { erpCallbacks } from "~/webhooks/metrics";
import { BodyTooLargeError } from "~/webhooks/read-body.server";

const STATUS_BY_CLASS: Partial<Record<AppError["errorClass"], number>> = { not_found: 404, auth: 401, validation: 400 };

/**
 * ERP callbacks (shipment.created, stock.changed) for one ERP connection: 200 once stored in
 * the inbox (or already there); a refusal, a 429 over the rate limit included, stores nothing.
 * Anything else is a 500, which makes the ERP send it again later.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response(null, { status: 405 });
  // Per client IP and per connection, before the body is read or the signature checked.
  const limited = await rateLimiter().check("erp_callbacks", request, { connectionId: params.connectionId });
  if (limited) {
    erpCallbacks.inc({ topic: "unknown", outcome: "refused_429" });
    return limited;
  }
  try {
    const accepted = await acceptErpCallback(db, request, params.connectionId ?? "");
    erpCallbacks.inc({ topic: accepted.topic, outcome: accepted.outcome });
    return new Response(null, { status: 200 });
  } catch (error) {
    const status = error instanceof BodyTooLargeError ? 413 : error instanceof AppError ? STATUS_BY_CLASS[error.errorClass] : undefined;
    if (!status) throw error;
    erpCallbacks.inc({ topic: "unknown", outcome: `refused_${status}` });
    return new Response((error as AppError).message, { status });
  }
}
