import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordUninstall } from "~/models/shop.server";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";

/** The merchant removed the app: its access tokens are no longer valid, so forget them. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { context } = await acceptShopifyWebhook(request);
  await recordUninstall(db, context.shop);
  return new Response(null, { status: 200 });
};
