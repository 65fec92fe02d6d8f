/** What every mappings page starts from: the signed-in shop and the ERP connection it works on (?connection=). */
import type { Db } from "~/db/client.server";
import { findShop } from "~/models/shop.server";
import { chooseConnection, type ConnectionChoice } from "./web-deps.server";

export interface MappingPageContext extends ConnectionChoice {
  shop: { id: string; domain: string };
}

/** Null when the shop is not installed. */
export async function mappingPageContext(db: Db, shopDomain: string, url: URL): Promise<MappingPageContext | null> {
  const shop = await findShop(db, shopDomain);
  if (!shop) return null;
  const choice = await chooseConnection(db, shop.id, url.searchParams.get("connection"));
  return { shop: { id: shop.id, domain: shop.domain }, ...choice };
}
