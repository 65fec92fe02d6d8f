/**
 * GET /api/orders/:orderId/erp-status : the ERP's view of one order for the admin order-details
 * block (extensions/erp-order-status). The block's fetch carries Shopify's ID token; only
 * authenticate.admin decides the shop, and every read is scoped to it. The ERP facts and sync
 * state are the helpdesk's (one view of an order, whichever screen shows it).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { ShopifyId } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { answerHelpdesk, helpdeskError, helpdeskJson, methodNotAllowed } from "~/flows/helpdesk/api-edge.server";
import { DEFAULT_ERP_BUDGET_MS } from "~/flows/helpdesk/customer-orders";
import { erpFactsOf } from "~/flows/helpdesk/erp-facts";
import { openOrderExceptions, salesOrderLinks, syncStateView } from "~/flows/helpdesk/sync-state";
import type { ErpOrderView, SyncStateView } from "~/flows/helpdesk/view";
import { webCustomerOrdersDeps, webRetrySyncDeps } from "~/flows/helpdesk/web-deps.server";
import { routeFor } from "~/models/erp-routes.server";
import { findShop } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

/** The answer the block renders (extensions/erp-order-status imports this type). */
export interface OrderErpStatusAnswer {
  orderId: string;
  /** Null when the order is not in the ERP (see sync) or the ERP never answered for it. */
  erp: ErpOrderView | null;
  /** Set when the ERP could not be asked or answer now: what went wrong, in words. */
  erpUnavailable: string | null;
  sync: SyncStateView;
  generatedAt: string;
}

/** What a request without an ID token gets (a fetch, so a 401 rather than the login redirect). */
function missingToken(): Response {
  const response = helpdeskError(401, "unauthorized", "The request could not be authenticated.");
  // The block runs on Shopify's extension origin: without these the browser hides the 401.
  response.headers.set("Access-Control-Allow-Origin", "*");
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  return response;
}

const hasBearer = (request: Request) => /^Bearer \S+/.test(request.headers.get("authorization") ?? "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!hasBearer(request)) return missingToken();
  const { session, cors } = await authenticate.admin(request);
  return cors(
    await answerHelpdesk(async () => {
      const shop = await findShop(db, session.shop);
      if (!shop || shop.status !== "installed") throw new AppError("not_found", "This shop is not installed");
      return helpdeskJson(await orderErpStatus({ id: shop.id, domain: shop.domain }, params.orderId ?? ""));
    }),
  );
}

/** Browsers send a CORS preflight (OPTIONS) first: authenticate.admin answers it with 204. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method === "OPTIONS") await authenticate.admin(request);
  return methodNotAllowed("GET");
}

async function orderErpStatus(shop: { id: string; domain: string }, orderId: string): Promise<OrderErpStatusAnswer> {
  if (!ShopifyId.safeParse(orderId).success) {
    throw new AppError("validation", `orderId: "${orderId.slice(0, 40)}" is not a Shopify order id`, { details: { field: "orderId" } });
  }
  const deps = webCustomerOrdersDeps(db);
  const orderIds = [orderId];
  const [routed, exceptions] = await Promise.all([
    routeFor(db, shop.id, "orders").then(
      (r) => ({ connection: r.primary, problem: null }),
      (error: unknown) => ({ connection: null, problem: asAppError(error).message }),
    ),
    openOrderExceptions(db, { shopId: shop.id, orderIds }),
  ]);
  const { connection, problem } = routed;
  const link = connection ? ((await salesOrderLinks(db, { shopId: shop.id, connectionId: connection.id, orderIds })).get(orderId) ?? null) : null;
  const exception = exceptions.get(orderId) ?? null;
  // Nothing of ours names this order: only Shopify can say whether the shop has it at all.
  if (!link && !exception && !(await webRetrySyncDeps(db, appQueue()).orderExists(shop.domain, orderId))) {
    throw new AppError("not_found", `This shop has no order ${orderId}`, { details: { field: "orderId" } });
  }
  const facts =
    connection && link
      ? (
          await erpFactsOf(db, deps.connectorFor(connection), {
            shopId: shop.id,
            connectionId: connection.id,
            erpName: `The ERP (${connection.name})`,
            salesOrders: new Map([[orderId, link.erpId]]),
            budgetMs: DEFAULT_ERP_BUDGET_MS,
            now: deps.now,
            log: deps.log,
          })
        ).get(orderId)
      : undefined;
  const now = deps.now();
  return {
    orderId,
    erp: facts?.erp ?? null,
    erpUnavailable: facts?.erpUnavailable ?? (problem ? `No ERP to ask: ${problem}` : null),
    sync: syncStateView(link, exception, now),
    generatedAt: now.toISOString(),
  };
}
