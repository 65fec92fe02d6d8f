/** POST /helpdesk/:connectionId/orders/:orderId/retry-sync : an agent retries an order's sync. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { answerHelpdesk, helpdeskJson, logRefusal, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { authenticateHelpdesk } from "~/flows/helpdesk/authenticate.server";
import { retryOrderSync } from "~/flows/helpdesk/retry-sync";
import { webRetrySyncDeps } from "~/flows/helpdesk/web-deps.server";
import { appQueue } from "~/queue.server";

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return answerHelpdesk(async () => {
    const { shop } = await authenticateHelpdesk(db, request, params.connectionId ?? "", new Date(), logRefusal);
    const sync = await retryOrderSync(webRetrySyncDeps(db, appQueue()), { shop, orderId: params.orderId ?? "", actor: "zendesk" });
    return helpdeskJson({ sync }, 202);
  }, { request, connectionId: params.connectionId });
}

export function loader(_args: LoaderFunctionArgs) {
  return methodNotAllowed("POST");
}
