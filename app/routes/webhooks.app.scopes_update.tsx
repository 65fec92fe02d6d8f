import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordScopes } from "~/models/shop.server";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";
import { respondToWebhook } from "~/webhooks/respond.server";

/** The merchant approved a change of access scopes. */
export const action = ({ request }: ActionFunctionArgs) =>
  respondToWebhook(request, async (req) => {
    const { context } = await acceptShopifyWebhook(req);
    const current = (context.payload as { current?: unknown }).current;
    if (Array.isArray(current)) await recordScopes(db, context.shop, current.map(String).join(","));
  });
