import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/**
 * customers/data_request, customers/redact, shop/redact: verified (bad HMAC 401), stored in the
 * inbox and answered 200 at once; the privacy flow (app/flows/privacy) does the work from there,
 * well within the 30 days Shopify allows.
 */
export const action = ({ request }: ActionFunctionArgs) => respondToWebhook(request, acceptShopifyWebhook);
