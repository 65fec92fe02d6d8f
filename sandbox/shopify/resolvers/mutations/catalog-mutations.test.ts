import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocation } from "../../store/catalog";
import { seedShop, startTestSandbox, type TestSandbox } from "../../test-support";

let t: TestSandbox;
let ctx: ReturnType<typeof seedShop>;
beforeEach(async () => {
  t = await startTestSandbox();
  ctx = seedShop(t.sandbox);
});
afterEach(async () => {
  await t.sandbox.close();
});

const SHOP = "acme.myshopify.com";
const PRODUCT_CREATE = `mutation($product: ProductCreateInput!) {
  productCreate(product: $product) {
    product { id title handle status options { name values } variants(first: 5) { nodes { id title price sku inventoryItem { id tracked } } } }
    userErrors { field message }
  }
}`;
const BULK_CREATE = `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $strategy: ProductVariantsBulkCreateStrategy) {
  productVariantsBulkCreate(productId: $productId, variants: $variants, strategy: $strategy) {
    product { options { name values } variants(first: 10) { nodes { title } } }
    productVariants { id title price compareAtPrice barcode sku selectedOptions { name value } inventoryItem { id inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available"]) { quantity } } } } }
    userErrors { field message code }
  }
}`;
const BULK_UPDATE = `mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $partial: Boolean) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: $partial) {
    productVariants { id price compareAtPrice barcode sku inventoryItem { sku } }
    userErrors { field message code }
  }
}`;

async function newProduct(product: Record<string, unknown>) {
  const { body } = await t.gql(SHOP, PRODUCT_CREATE, { product });
  return body.data.productCreate;
}

describe("productCreate (2026-10)", () => {
  it("creates the product with one default variant and an inventory item stocked nowhere", async () => {
    const { product, userErrors } = await newProduct({ title: "Desk Lamp", vendor: "ERP", status: "DRAFT" });
    expect(userErrors).toEqual([]);
    expect(product).toMatchObject({ title: "Desk Lamp", handle: "desk-lamp", status: "DRAFT", options: [{ name: "Title", values: ["Default Title"] }] });
    expect(product.variants.nodes).toEqual([expect.objectContaining({ title: "Default Title", price: "0.00", sku: null, inventoryItem: expect.objectContaining({ tracked: true }) })]);
    const itemId = product.variants.nodes[0].inventoryItem.id;
    const levels = await t.gql(SHOP, `query($id: ID!) { inventoryItem(id: $id) { inventoryLevels(first: 5) { nodes { id } } } }`, { id: itemId });
    expect(levels.body.data.inventoryItem.inventoryLevels.nodes).toEqual([]);
    // A second product with the same title gets its own handle.
    expect((await newProduct({ title: "Desk Lamp" })).product.handle).toBe("desk-lamp-1");
  });

  it("uses the first value of each option for the variant; refuses a blank title and duplicated option values", async () => {
    const { product } = await newProduct({ title: "Tee", productOptions: [{ name: "Size", values: [{ name: "S" }, { name: "M" }] }] });
    expect(product.options).toEqual([{ name: "Size", values: ["S", "M"] }]);
    expect(product.variants.nodes.map((v: { title: string }) => v.title)).toEqual(["S"]);
    expect((await newProduct({ title: " " })).userErrors).toEqual([{ field: ["title"], message: "Title can't be blank" }]);
    const dup = await newProduct({ title: "Cap", productOptions: [{ name: "Color", values: [{ name: "Red" }, { name: "Red" }] }] });
    expect(dup.product).toBeNull();
    expect(dup.userErrors[0].field).toEqual(["productOptions", "0", "values", "1", "name"]);
  });
});

describe("productVariantsBulkCreate / productVariantsBulkUpdate (2026-10)", () => {
  it("creates variants replacing the standalone default one, stocked where inventoryQuantities say, visible to sku: and barcode: search", async () => {
    const { product } = await newProduct({ title: "Sock" });
    const { body } = await t.gql(SHOP, BULK_CREATE, {
      productId: product.id,
      variants: [
        { optionValues: [{ optionName: "Size", name: "S" }], price: "4.50", compareAtPrice: "6.00", barcode: "900001", inventoryItem: { sku: "SOCK-S" }, inventoryQuantities: [{ locationId: `gid://shopify/Location/${ctx.location.id}`, availableQuantity: 12 }] },
        { optionValues: [{ optionName: "Size", name: "M" }], price: "4.50", inventoryItem: { sku: "SOCK-M" } },
      ],
    });
    const payload = body.data.productVariantsBulkCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.product.options).toEqual([{ name: "Size", values: ["S", "M"] }]);
    expect(payload.product.variants.nodes.map((v: { title: string }) => v.title)).toEqual(["S", "M"]);
    expect(payload.productVariants[0]).toMatchObject({ price: "4.50", compareAtPrice: "6.00", barcode: "900001", sku: "SOCK-S", selectedOptions: [{ name: "Size", value: "S" }] });
    expect(payload.productVariants[0].inventoryItem.inventoryLevels.nodes).toEqual([{ location: { name: "Warehouse" }, quantities: [{ quantity: 12 }] }]);
    expect(payload.productVariants[1].inventoryItem.inventoryLevels.nodes).toEqual([]);
    expect(body.extensions.cost.requestedQueryCost).toBeGreaterThanOrEqual(10);

    const bySku = await t.gql(SHOP, `{ productVariants(first: 5, query: "sku:SOCK-M") { nodes { id } } }`);
    expect(bySku.body.data.productVariants.nodes).toEqual([{ id: payload.productVariants[1].id }]);
    const byBarcode = await t.gql(SHOP, `{ productVariants(first: 5, query: "barcode:900001") { nodes { sku } } }`);
    expect(byBarcode.body.data.productVariants.nodes).toEqual([{ sku: "SOCK-S" }]);
    const products = await t.gql(SHOP, `{ products(first: 5, query: "sku:SOCK-S") { nodes { title } } }`);
    expect(products.body.data.products.nodes).toEqual([{ title: "Sock" }]);
  });

  it("answers Shopify's userErrors: negative price, existing variant, unknown product, unknown location", async () => {
    const productId = `gid://shopify/Product/${ctx.tee.productId}`;
    const neg = (await t.gql(SHOP, BULK_CREATE, { productId, variants: [{ optionValues: [{ optionName: "Title", name: "XL" }], price: "-1.00" }] })).body.data.productVariantsBulkCreate;
    expect(neg.userErrors).toEqual([{ field: ["variants", "0", "price"], message: "Variant price must be greater than or equal to zero.", code: "GREATER_THAN_OR_EQUAL_TO" }]);
    const dup = (await t.gql(SHOP, BULK_CREATE, {
      productId,
      variants: [{ optionValues: [{ optionName: "Title", name: "Default Title" }], price: "1.00" }],
      strategy: "PRESERVE_STANDALONE_VARIANT",
    })).body.data.productVariantsBulkCreate;
    expect(dup.userErrors).toEqual([{ field: ["variants", "0", "optionValues"], message: "The variant 'Default Title' already exists.", code: "VARIANT_ALREADY_EXISTS" }]);
    const missing = (await t.gql(SHOP, BULK_CREATE, { productId: "gid://shopify/Product/1", variants: [{ price: "1.00" }] })).body.data.productVariantsBulkCreate;
    expect(missing.userErrors).toEqual([{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }]);
    const loc = (await t.gql(SHOP, BULK_CREATE, {
      productId,
      variants: [{ optionValues: [{ optionName: "Title", name: "XL" }], price: "1.00", inventoryQuantities: [{ locationId: "gid://shopify/Location/1", availableQuantity: 1 }] }],
      strategy: "PRESERVE_STANDALONE_VARIANT",
    })).body.data.productVariantsBulkCreate;
    expect(loc.userErrors[0].code).toBe("TRACKED_VARIANT_LOCATION_NOT_FOUND");
    expect(ctx.shop.products.get(ctx.tee.productId)!.variantIds).toEqual([ctx.tee.id]);
  });

  it("updates price, compareAtPrice, barcode and sku; all or nothing unless allowPartialUpdates", async () => {
    const productId = `gid://shopify/Product/${ctx.tee.productId}`;
    const id = `gid://shopify/ProductVariant/${ctx.tee.id}`;
    const ok = (await t.gql(SHOP, BULK_UPDATE, { productId, variants: [{ id, price: "21.00", compareAtPrice: "25.00", barcode: "0009", inventoryItem: { sku: "TEE-RED" } }] })).body.data.productVariantsBulkUpdate;
    expect(ok).toEqual({ productVariants: [{ id, price: "21.00", compareAtPrice: "25.00", barcode: "0009", sku: "TEE-RED", inventoryItem: { sku: "TEE-RED" } }], userErrors: [] });

    const bad = (await t.gql(SHOP, BULK_UPDATE, {
      productId,
      variants: [{ id, price: "22.00" }, { id: `gid://shopify/ProductVariant/${ctx.mug.id}`, price: "1.00" }, { id, price: "-5" }],
    })).body.data.productVariantsBulkUpdate;
    expect(bad.productVariants).toBeNull();
    expect(bad.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join(".")])).toEqual([
      ["PRODUCT_VARIANT_DOES_NOT_EXIST", "variants.1.id"],
      ["GREATER_THAN_OR_EQUAL_TO", "variants.2.price"],
    ]);
    expect(ctx.tee.price).toBe(2100);

    const partial = (await t.gql(SHOP, BULK_UPDATE, { productId, partial: true, variants: [{ id, price: "22.00" }, { id, price: "-5" }] })).body.data.productVariantsBulkUpdate;
    expect(partial.productVariants.map((v: { price: string }) => v.price)).toEqual(["22.00"]);
    expect(partial.userErrors).toHaveLength(1);

    const qty = (await t.gql(SHOP, BULK_UPDATE, { productId, variants: [{ id, inventoryQuantities: [{ locationId: `gid://shopify/Location/${ctx.location.id}`, availableQuantity: 1 }] }] })).body.data.productVariantsBulkUpdate;
    expect(qty.userErrors[0].code).toBe("NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE");
  });
});

describe("productUpdate (2026-10)", () => {
  it("updates product fields; an unknown product is a userError", async () => {
    const UPDATE = `mutation($product: ProductUpdateInput!) { productUpdate(product: $product) { product { title vendor tags status } userErrors { field message } } }`;
    const id = `gid://shopify/Product/${ctx.tee.productId}`;
    const { body } = await t.gql(SHOP, UPDATE, { product: { id, title: "Tee Shirt", vendor: "ERP", tags: ["erp"], status: "ARCHIVED" } });
    expect(body.data.productUpdate).toEqual({ product: { title: "Tee Shirt", vendor: "ERP", tags: ["erp"], status: "ARCHIVED" }, userErrors: [] });
    const missing = await t.gql(SHOP, UPDATE, { product: { id: "gid://shopify/Product/1", title: "x" } });
    expect(missing.body.data.productUpdate).toEqual({ product: null, userErrors: [{ field: ["id"], message: "Product does not exist" }] });
  });
});

describe("inventoryActivate (2026-10)", () => {
  const ACTIVATE = `mutation($item: ID!, $loc: ID!, $available: Int, $key: String!) {
    inventoryActivate(inventoryItemId: $item, locationId: $loc, available: $available) @idempotent(key: $key) {
      inventoryLevel { id isActive quantities(names: ["available", "on_hand"]) { name quantity } location { name } }
      userErrors { field message }
    }
  }`;

  it("stocks an item at a location with an initial quantity; a replay with the same key changes nothing", async () => {
    const depot = createLocation(ctx.shop, { name: "Depot" });
    const vars = { item: `gid://shopify/InventoryItem/${ctx.tee.inventoryItemId}`, loc: `gid://shopify/Location/${depot.id}`, available: 5, key: "act-1" };
    const first = (await t.gql(SHOP, ACTIVATE, vars)).body;
    expect(first.data.inventoryActivate.userErrors).toEqual([]);
    expect(first.data.inventoryActivate.inventoryLevel).toMatchObject({
      isActive: true,
      location: { name: "Depot" },
      quantities: [{ name: "available", quantity: 5 }, { name: "on_hand", quantity: 5 }],
    });
    expect(first.extensions.cost.requestedQueryCost).toBe(10);
    const replay = (await t.gql(SHOP, ACTIVATE, vars)).body;
    expect(replay.data).toEqual(first.data);
    const mismatch = (await t.gql(SHOP, ACTIVATE, { ...vars, available: 9 })).body.data.inventoryActivate;
    expect(mismatch.userErrors[0].message).toMatch(/idempotency key/);
    // Already active: setting a quantity again is refused.
    const again = (await t.gql(SHOP, ACTIVATE, { ...vars, available: 9, key: "act-2" })).body.data.inventoryActivate;
    expect(again.userErrors).toEqual([{ field: ["available"], message: "Not allowed to set available quantity when the item is already active at the location." }]);
    const read = await t.gql(SHOP, `{ productVariants(first: 1, query: "sku:TEE-1") { nodes { inventoryQuantity } } }`);
    expect(read.body.data.productVariants.nodes[0].inventoryQuantity).toBe(15);
  });

  it("keeps the quantities an inactive level holds when activated without quantities; needs @idempotent", async () => {
    const depot = createLocation(ctx.shop, { name: "Depot" });
    await t.control(`/_sandbox/shops/${SHOP}/inventory`, { variantId: `gid://shopify/ProductVariant/${ctx.mug.id}`, location: "Depot", quantities: { available: 3 } });
    const level = [...ctx.shop.inventoryLevels.values()].find((l) => l.locationId === depot.id)!;
    level.active = false;
    const vars = { item: `gid://shopify/InventoryItem/${ctx.mug.inventoryItemId}`, loc: `gid://shopify/Location/${depot.id}`, key: "act-3" };
    const ok = (await t.gql(SHOP, ACTIVATE, vars)).body.data.inventoryActivate;
    expect(ok.inventoryLevel.quantities[0]).toEqual({ name: "available", quantity: 3 });
    const noKey = ACTIVATE.replace(", $key: String!", "").replace(" @idempotent(key: $key)", "");
    const { body } = await t.gql(SHOP, noKey, { item: vars.item, loc: vars.loc });
    expect(body.errors[0].message).toBe("The @idempotent directive is required for the inventoryActivate mutation.");
    const unknown = (await t.gql(SHOP, ACTIVATE, { ...vars, item: "gid://shopify/InventoryItem/1", key: "act-4" })).body.data.inventoryActivate;
    expect(unknown.userErrors[0].field).toEqual(["inventoryItemId"]);
  });
});
