import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";

/** refunds/create: becomes an ERP credit memo, once. */
export const action = async ({ request }: ActionFunctionArgs) => {
  await acceptShopifyWebhook(request);
  return new Response(null, { status: 200 });
};
