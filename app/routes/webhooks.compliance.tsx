import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/** customers/data_request, customers/redact, shop/redact: stored, then answered from the inbox. */
export const action = ({ request }: ActionFunctionArgs) => respondToWebhook(request, acceptShopifyWebhook);
