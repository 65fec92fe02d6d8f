import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { recordScopes } from "~/models/shop.server";
import { acceptShopifyWebhook } from "~/webhooks/accept.server";

/** The merchant approved a change of access scopes. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { context } = await acceptShopifyWebhook(request);
  const current = (context.payload as { current?: unknown }).current;
  if (Array.isArray(current)) await recordScopes(db, context.shop, current.map(String).join(","));
  return new Response(null, { status: 200 });
};
