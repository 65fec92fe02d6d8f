/**
 * POST /api/orders/:orderId/retry-sync : the order-details block's "Retry sync". The same retry
 * as the helpdesk's (an exception's failed job again, or its delivery replayed), by the staff
 * member the ID token names, recorded in the audit trail whatever the outcome.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { AppError, asAppError } from "~/errors";
import { recordAudit } from "~/flows/connections/audit";
import { answerHelpdesk, extensionRateLimited, extensionTokenMissing, helpdeskJson, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { retryOrderSync } from "~/flows/helpdesk/retry-sync";
import { webRetrySyncDeps } from "~/flows/helpdesk/web-deps.server";
import { actorOf } from "~/flows/mappings/actor";
import { findShop } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const limited = await extensionRateLimited(request);
  if (limited) return limited;
  // The preflight carries no token: authenticate.admin answers it with 204 and CORS headers.
  if (request.method === "OPTIONS") await authenticate.admin(request);
  if (request.method !== "POST") return methodNotAllowed("POST");
  const refused = extensionTokenMissing(request);
  if (refused) return refused;
  const { session, sessionToken, cors } = await authenticate.admin(request);
  const orderId = params.orderId ?? "";
  return cors(
    await answerHelpdesk(async () => {
      const shop = await findShop(db, session.shop);
      if (!shop || shop.status !== "installed") throw new AppError("not_found", "This shop is not installed");
      const actor = actorOf({ session, sessionToken });
      const audit = (details: Record<string, unknown>) =>
        recordAudit(db, { shopId: shop.id, actor, action: "order.retry_sync", subjectType: "order", subjectId: orderId.slice(0, 40), details });
      try {
        const sync = await retryOrderSync(webRetrySyncDeps(db, appQueue()), { shop: { id: shop.id, domain: shop.domain }, orderId, actor });
        await audit({ ok: true, state: sync.state });
        return helpdeskJson({ sync }, 202);
      } catch (error) {
        await audit({ ok: false, errorClass: asAppError(error).errorClass });
        throw error;
      }
    }),
  );
}

export function loader(_args: LoaderFunctionArgs) {
  return methodNotAllowed("POST");
}
