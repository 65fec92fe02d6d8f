import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { actorOf } from "~/flows/mappings/actor";
import { exportForDownload, recordDownload } from "~/models/privacy-exports.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

/** A customer data export as a JSON file, only to its own shop; each download is audited. */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const found = await exportForDownload(db, session.shop, params.id ?? "");
  const shop = await findShop(db, session.shop);
  if (!found || !shop || found.status === "withdrawn") return new Response("Not found", { status: 404 });
  await recordDownload(db, { shopId: shop.id, actor: actorOf({ session, sessionToken }), exportId: found.id, dataRequestId: found.dataRequestId, customerId: found.customerId });
  return new Response(found.content, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="customer-data-request-${found.dataRequestId.replace(/\D/g, "")}.json"`,
      "Cache-Control": "no-store",
    },
  });
};
