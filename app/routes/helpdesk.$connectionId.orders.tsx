/** GET /helpdesk/:connectionId/orders?email=&order= : a customer's orders for the Zendesk sidebar. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { answerHelpdesk, helpdeskJson, logRefusal, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { authenticateHelpdesk } from "~/flows/helpdesk/authenticate.server";
import { customerOrders } from "~/flows/helpdesk/customer-orders";
import { parseOrdersQuery } from "~/flows/helpdesk/orders-query";
import { webCustomerOrdersDeps } from "~/flows/helpdesk/web-deps.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return answerHelpdesk(async () => {
    const { shop } = await authenticateHelpdesk(db, request, params.connectionId ?? "", new Date(), logRefusal);
    const query = parseOrdersQuery(new URL(request.url).searchParams);
    return helpdeskJson(await customerOrders(webCustomerOrdersDeps(db), { shop, ...query }));
  }, { request, connectionId: params.connectionId });
}

export function action(_args: ActionFunctionArgs) {
  return methodNotAllowed("GET");
}
