import { addVariant, DEFAULT_OPTION, DEFAULT_VALUE, ensureOptionValue, newProductRecord } from "../../store/catalog";
import type { ProductRecord } from "../../store/types";
import type { ResolverMap } from "../types";
import { productView } from "../views/catalog";
import { shopView } from "../views/shop";
import type { PlainUserError } from "./fulfillment-create";

export interface ProductCreateInput {
  title?: string | null;
  handle?: string | null;
  descriptionHtml?: string | null;
  vendor?: string | null;
  productType?: string | null;
  tags?: string[] | null;
  status?: ProductRecord["status"] | null;
  giftCard?: boolean | null;
  productOptions?: { name?: string | null; position?: number | null; values?: { name?: string | null }[] | null }[] | null;
}

const MAX_OPTIONS = 3;

function validate(input: ProductCreateInput): PlainUserError[] {
  const errors: PlainUserError[] = [];
  if (!input.title?.trim()) errors.push({ field: ["title"], message: "Title can't be blank" });
  const options = input.productOptions ?? [];
  if (options.length > MAX_OPTIONS) errors.push({ field: ["productOptions"], message: "Can only specify a maximum of 3 options" });
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (!o.name?.trim()) errors.push({ field: ["productOptions", String(i), "name"], message: "Name can't be blank" });
    else if (names.has(o.name)) errors.push({ field: ["productOptions", String(i), "name"], message: `Option '${o.name}' already exists.` });
    else names.add(o.name);
    const values = o.values ?? [];
    if (values.length === 0) errors.push({ field: ["productOptions", String(i), "values"], message: "Option values can't be blank" });
    const seen = new Set<string>();
    values.forEach((v, j) => {
      if (v.name != null && seen.has(v.name)) {
        errors.push({ field: ["productOptions", String(i), "values", String(j), "name"], message: `Duplicated option value '${v.name}'.` });
      }
      if (v.name != null) seen.add(v.name);
    });
  });
  return errors;
}

/**
 * productCreate (2026-10, `product: ProductCreateInput`): no variants input; the product gets
 * one variant, priced 0.00, made of the first value of each option ("Default Title" without
 * options), with a tracked inventory item stocked at no location yet. Products are created
 * ACTIVE unless `status` says otherwise. The deprecated `input: ProductInput` is read the same way.
 */
export const productCreateResolvers: ResolverMap = {
  "Mutation.productCreate": (_src, args: { product?: ProductCreateInput | null; input?: ProductCreateInput | null }, { shop }) => {
    const input = args.product ?? args.input ?? {};
    const userErrors = validate(input);
    if (userErrors.length > 0) return { product: null, shop: shopView(shop), userErrors };
    const product = newProductRecord(shop, {
      title: input.title!.trim(),
      handle: input.handle ?? undefined,
      vendor: input.vendor ?? undefined,
      productType: input.productType ?? undefined,
      tags: input.tags ?? undefined,
      status: input.status ?? undefined,
      isGiftCard: input.giftCard ?? false,
      descriptionHtml: input.descriptionHtml ?? undefined,
    });
    const options = [...(input.productOptions ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    for (const o of options) for (const v of o.values ?? []) ensureOptionValue(shop, product, o.name!, v.name ?? "");
    const firstValues = options.length
      ? options.map((o) => ({ name: o.name!, value: o.values![0].name ?? "" }))
      : [{ name: DEFAULT_OPTION, value: DEFAULT_VALUE }];
    addVariant(shop, product, { optionValues: firstValues, price: 0 });
    return { product: productView(shop, product), shop: shopView(shop), userErrors: [] };
  },
};
