import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/** orders/create, orders/updated, orders/paid, orders/cancelled, orders/edited. */
export const action = ({ request }: ActionFunctionArgs) => respondToWebhook(request, acceptShopifyWebhook);
