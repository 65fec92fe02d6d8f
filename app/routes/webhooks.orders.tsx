import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";

/** orders/create, orders/updated, orders/paid, orders/cancelled, orders/edited. */
export const action = async ({ request }: ActionFunctionArgs) => {
  await acceptShopifyWebhook(request);
  return new Response(null, { status: 200 });
};
