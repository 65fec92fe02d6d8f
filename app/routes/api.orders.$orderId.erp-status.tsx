/**
 * GET /api/orders/:orderId/erp-status : the ERP's view of one order for the admin order-details
 * block (extensions/erp-order-status). The block's fetch carries Shopify's ID token; only
 * authenticate.admin decides the shop, and every read is scoped to it. The ERP facts and sync
 * state are the helpdesk's (one view of an order, whichever screen shows it).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { AppError } from "~/errors";
import { answerHelpdesk, extensionRateLimited, extensionTokenMissing, helpdeskJson, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { orderErpStatus } from "~/flows/helpdesk/order-status";
import { webCustomerOrdersDeps, webRetrySyncDeps } from "~/flows/helpdesk/web-deps.server";
import { findShop } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const limited = await extensionRateLimited(request);
  if (limited) return limited;
  const refused = extensionTokenMissing(request);
  if (refused) return refused;
  const { session, cors } = await authenticate.admin(request);
  return cors(
    await answerHelpdesk(async () => {
      const shop = await findShop(db, session.shop);
      if (!shop || shop.status !== "installed") throw new AppError("not_found", "This shop is not installed");
      const deps = { ...webCustomerOrdersDeps(db), orderExists: webRetrySyncDeps(db, appQueue()).orderExists };
      return helpdeskJson(await orderErpStatus(deps, { id: shop.id, domain: shop.domain }, params.orderId ?? ""));
    }),
  );
}

/** Browsers send a CORS preflight (OPTIONS) first: authenticate.admin answers it with 204. */
export async function action({ request }: ActionFunctionArgs) {
  const limited = await extensionRateLimited(request);
  if (limited) return limited;
  if (request.method === "OPTIONS") await authenticate.admin(request);
  return methodNotAllowed("GET");
}
