import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordUninstall } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/**
 * The merchant removed the app: its access tokens and ERP credentials are no longer to be
 * used, so forget them and stop its work (app/models/shop.server.ts, recordUninstall). A
 * delivery Shopify retried after a reinstall is older than the install and changes nothing.
 */
export const action = ({ request }: ActionFunctionArgs) =>
  respondToWebhook(request, async (req) => {
    const { context } = await acceptShopifyWebhook(req);
    await recordUninstall(db, appQueue(), context.shop, { triggeredAt: triggeredAt(req.headers.get("X-Shopify-Triggered-At")) });
  });

function triggeredAt(value: string | null): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
