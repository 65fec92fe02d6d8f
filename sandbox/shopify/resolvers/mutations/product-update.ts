import { idOf } from "../../graphql/gid";
import { handleize, uniqueHandle } from "../../store/catalog";
import type { ProductRecord } from "../../store/types";
import type { ResolverMap } from "../types";
import { productView } from "../views/catalog";

interface ProductUpdateInput {
  id?: string | null;
  title?: string | null;
  handle?: string | null;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  tags?: string[] | null;
  status?: ProductRecord["status"] | null;
}

/** productUpdate (2026-10, `product: ProductUpdateInput`, optional `identifier`): product fields only, never variants. */
export const productUpdateResolvers: ResolverMap = {
  "Mutation.productUpdate": (
    _src,
    args: { product?: ProductUpdateInput | null; input?: ProductUpdateInput | null; identifier?: { id?: string | null; handle?: string | null } | null },
    { shop },
  ) => {
    const input = args.product ?? args.input ?? {};
    const gid = input.id ?? args.identifier?.id;
    const id = gid ? idOf(gid, "Product") : null;
    const product = id
      ? shop.products.get(id)
      : args.identifier?.handle
        ? [...shop.products.values()].find((p) => p.handle === args.identifier!.handle)
        : undefined;
    if (!product) return { product: null, userErrors: [{ field: ["id"], message: "Product does not exist" }] };
    if (input.title !== undefined && !input.title?.trim()) return { product: null, userErrors: [{ field: ["title"], message: "Title can't be blank" }] };
    if (input.title) product.title = input.title.trim();
    if (input.handle != null) product.handle = uniqueHandle(shop, handleize(input.handle), product.id);
    if (input.descriptionHtml != null) product.descriptionHtml = input.descriptionHtml;
    if (input.vendor != null) product.vendor = input.vendor;
    if (input.productType != null) product.productType = input.productType;
    if (input.tags != null) product.tags = input.tags;
    if (input.status != null) product.status = input.status;
    product.updatedAt = shop.tick(product.updatedAt);
    return { product: productView(shop, product), userErrors: [] };
  },
};
