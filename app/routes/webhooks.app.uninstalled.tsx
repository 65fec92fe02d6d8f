import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordUninstall } from "~/models/shop.server";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/** The merchant removed the app: its access tokens are no longer valid, so forget them. */
export const action = ({ request }: ActionFunctionArgs) =>
  respondToWebhook(request, async (req) => {
    const { context } = await acceptShopifyWebhook(req);
    await recordUninstall(db, context.shop);
  });
