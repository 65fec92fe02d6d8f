import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";

/** customers/data_request, customers/redact, shop/redact: stored, then answered from the inbox. */
export const action = async ({ request }: ActionFunctionArgs) => {
  await acceptShopifyWebhook(request);
  return new Response(null, { status: 200 });
};
