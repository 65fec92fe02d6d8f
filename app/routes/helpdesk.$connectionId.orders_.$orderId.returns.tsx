/** POST /helpdesk/:connectionId/orders/:orderId/returns : an agent starts a return (StartReturnRequest). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { answerHelpdesk, helpdeskJson, logRefusal, methodNotAllowed, readJsonBody } from "~/flows/helpdesk/api-edge.server";
import { authenticateHelpdesk } from "~/flows/helpdesk/authenticate.server";
import { startReturn } from "~/flows/returns/start-return";
import { appQueue } from "~/queue.server";

export function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  return answerHelpdesk(async (correlationId) => {
    const { shop, connection } = await authenticateHelpdesk(db, request, params.connectionId ?? "", new Date(), logRefusal);
    const body = await readJsonBody(request);
    const returnCase = await startReturn(
      { db, queue: appQueue() },
      { shopId: shop.id, orderId: params.orderId ?? "", request: body, requestedBy: `zendesk (${connection.name})`, correlationId },
    );
    return helpdeskJson({ returnCase }, 202);
  }, { request, connectionId: params.connectionId });
}

export function loader(_args: LoaderFunctionArgs) {
  return methodNotAllowed("POST");
}
