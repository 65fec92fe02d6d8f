import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/** refunds/create: becomes an ERP credit memo, once. */
export const action = ({ request }: ActionFunctionArgs) => respondToWebhook(request, acceptShopifyWebhook);
