import { toGid } from "../../graphql/gid";
import { onHand } from "../../store/catalog";
import { compareIds } from "../../store/ids";
import type { ShopState } from "../../store/shop-state";
import type { InventoryLevelRecord, LocationRecord, ProductRecord, VariantRecord } from "../../store/types";
import { count, iso, moneyScalar, moneyV2, type View } from "./common";
import { GraphQLError } from "graphql";

const QUANTITY_NAMES = ["available", "committed", "damaged", "incoming", "on_hand", "quality_control", "reserved", "safety_stock"];

export function productView(s: ShopState, p: ProductRecord): View {
  const variants = () => p.variantIds.map((id) => s.variants.get(id)!).filter(Boolean);
  const prices = () => variants().map((v) => v.price);
  return {
    __typename: "Product",
    id: toGid("Product", p.id),
    legacyResourceId: p.id,
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    tags: p.tags,
    isGiftCard: p.isGiftCard,
    description: p.descriptionHtml.replace(/<[^>]*>/g, ""),
    descriptionHtml: p.descriptionHtml,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    publishedAt: iso(p.createdAt),
    hasOnlyDefaultVariant: p.variantIds.length === 1 && s.variants.get(p.variantIds[0])?.title === "Default Title",
    options: (args: { first?: number }) =>
      p.options.slice(0, args.first ?? undefined).map((o, i) => ({
        __typename: "ProductOption",
        id: toGid("ProductOption", o.id),
        name: o.name,
        position: i + 1,
        values: o.values.map((v) => v.name),
        optionValues: o.values.map((v) => optionValueView(s, p, o.name, v)),
        linkedMetafield: null,
        translations: [],
      })),
    hasOutOfStockVariants: () => variants().some((v) => availableTotal(s, v) <= 0),
    tracksInventory: !p.isGiftCard,
    totalInventory: () => variants().reduce((sum, v) => sum + availableTotal(s, v), 0),
    variants: () => variants().map((v) => variantView(s, v)),
    variantsCount: () => count(p.variantIds.length),
    priceRangeV2: () => ({
      minVariantPrice: moneyV2(Math.min(...prices()), s.shop.currencyCode),
      maxVariantPrice: moneyV2(Math.max(...prices()), s.shop.currencyCode),
    }),
  };
}

function optionValueView(s: ShopState, p: ProductRecord, optionName: string, v: { id: string; name: string }) {
  return {
    __typename: "ProductOptionValue",
    id: toGid("ProductOptionValue", v.id),
    name: v.name,
    hasVariants: p.variantIds.some((id) => s.variants.get(id)?.optionValues.some((o) => o.name === optionName && o.value === v.name)),
    linkedMetafieldValue: null,
    swatch: null,
    translations: [],
  };
}

/** Available units over the locations where the item is stocked (inactive levels don't sell). */
function availableTotal(s: ShopState, v: VariantRecord): number {
  let total = 0;
  for (const loc of s.locations.values()) {
    const level = s.inventoryLevels.get(s.levelKey(v.inventoryItemId, loc.id));
    if (level?.active) total += level.quantities.available;
  }
  return total;
}

export function variantView(s: ShopState, v: VariantRecord): View {
  const product = s.products.get(v.productId)!;
  return {
    __typename: "ProductVariant",
    id: toGid("ProductVariant", v.id),
    legacyResourceId: v.id,
    title: v.title,
    displayName: `${product.title} - ${v.title}`,
    sku: v.sku,
    barcode: v.barcode,
    price: moneyScalar(v.price),
    compareAtPrice: moneyScalar(v.compareAtPrice),
    position: v.position,
    taxable: v.taxable,
    inventoryPolicy: v.inventoryPolicy,
    inventoryQuantity: () => availableTotal(s, v),
    sellableOnlineQuantity: () => Math.max(0, availableTotal(s, v)),
    availableForSale: true,
    requiresComponents: false,
    showUnitPrice: false,
    selectedOptions: v.optionValues.map((o) => {
      const value = product.options.find((x) => x.name === o.name)?.values.find((x) => x.name === o.value) ?? { id: v.id, name: o.value };
      return { name: o.name, value: o.value, optionValue: optionValueView(s, product, o.name, value) };
    }),
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    defaultCursor: Buffer.from(JSON.stringify({ last_id: toGid("ProductVariant", v.id) })).toString("base64"),
    product: () => productView(s, product),
    inventoryItem: () => inventoryItemView(s, v.inventoryItemId),
  };
}

export function inventoryItemView(s: ShopState, id: string): View | null {
  const item = s.inventoryItems.get(id);
  if (!item) return null;
  const variant = s.variants.get(item.variantId)!;
  const levels = (includeInactive = false) =>
    [...s.locations.values()]
      .map((l) => s.inventoryLevels.get(s.levelKey(item.id, l.id)))
      .filter((l): l is InventoryLevelRecord => !!l && (l.active || includeInactive))
      .sort((a, b) => compareIds(a.id, b.id));
  return {
    __typename: "InventoryItem",
    id: toGid("InventoryItem", item.id),
    legacyResourceId: item.id,
    sku: variant.sku,
    tracked: item.tracked,
    requiresShipping: item.requiresShipping,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    duplicateSkuCount: () => [...s.variants.values()].filter((v) => v.sku && v.sku === variant.sku).length - 1,
    harmonizedSystemCode: null,
    countryCodeOfOrigin: null,
    provinceCodeOfOrigin: null,
    unitCost: null,
    inventoryHistoryUrl: null,
    trackedEditable: { locked: false, reason: null },
    measurement: { id: toGid("InventoryItemMeasurement", item.id), weight: { unit: "GRAMS", value: variant.grams } },
    variant: () => variantView(s, variant),
    variants: () => [variantView(s, variant)],
    locationsCount: () => count(levels().length),
    inventoryLevels: (args: { includeInactive?: boolean }) => levels(args.includeInactive).map((l) => inventoryLevelView(s, l)),
    inventoryLevel: (args: { locationId: string; includeInactive?: boolean }) => {
      const locationId = String(args.locationId).replace(/^gid:\/\/shopify\/Location\//, "");
      const level = s.inventoryLevels.get(s.levelKey(item.id, locationId));
      return level && (level.active || args.includeInactive) ? inventoryLevelView(s, level) : null;
    },
  };
}

export function inventoryLevelGid(level: InventoryLevelRecord): string {
  return toGid("InventoryLevel", level.id, `inventory_item_id=${level.inventoryItemId}`);
}

export function inventoryLevelView(s: ShopState, level: InventoryLevelRecord): View {
  return {
    __typename: "InventoryLevel",
    id: inventoryLevelGid(level),
    isActive: level.active,
    canDeactivate: true,
    deactivationAlert: null,
    createdAt: iso(level.createdAt),
    updatedAt: iso(level.updatedAt),
    item: () => inventoryItemView(s, level.inventoryItemId),
    location: () => locationView(s, s.locations.get(level.locationId)!),
    quantities: (args: { names: string[] }) =>
      args.names.map((name) => {
        if (!QUANTITY_NAMES.includes(name)) {
          throw new GraphQLError(`Invalid quantity name: ${name}. Valid names are: ${QUANTITY_NAMES.join(", ")}.`, {
            extensions: { code: "BAD_REQUEST" },
          });
        }
        const quantity = name === "on_hand" ? onHand(level) : level.quantities[name as keyof typeof level.quantities];
        return {
          __typename: "InventoryQuantity",
          id: toGid("InventoryQuantity", level.id, `inventory_item_id=${level.inventoryItemId}&name=${name}`),
          name,
          quantity,
          updatedAt: iso(level.updatedAt),
        };
      }),
  };
}

export function locationView(s: ShopState, l: LocationRecord): View {
  const levels = (includeInactive = false) => [...s.inventoryLevels.values()].filter((x) => x.locationId === l.id && (x.active || includeInactive));
  const a = l.address;
  return {
    __typename: "Location",
    id: toGid("Location", l.id),
    legacyResourceId: l.id,
    name: l.name,
    isActive: l.isActive,
    activatable: !l.isActive,
    deactivatable: l.isActive,
    deletable: false,
    deactivatedAt: null,
    addressVerified: true,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    shipsInventory: true,
    isFulfillmentService: false,
    fulfillmentService: null,
    localPickupSettingsV2: null,
    suggestedAddresses: [],
    hasActiveInventory: () => levels().length > 0,
    hasUnfulfilledOrders: () =>
      [...s.orders.values()].some((o) => o.fulfillmentOrders.some((fo) => fo.locationId === l.id && (fo.status === "OPEN" || fo.status === "IN_PROGRESS"))),
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
    address: {
      ...a,
      formatted: [a.address1, a.address2, [a.zip, a.city].filter(Boolean).join(" "), a.province, a.country].filter((x) => !!x),
      latitude: null,
      longitude: null,
    },
    inventoryLevels: (args: { includeInactive?: boolean }) => levels(args.includeInactive).map((x) => inventoryLevelView(s, x)),
    inventoryLevel: (args: { inventoryItemId: string; includeInactive?: boolean }) => {
      const itemId = String(args.inventoryItemId).replace(/^gid:\/\/shopify\/InventoryItem\//, "");
      const level = s.inventoryLevels.get(s.levelKey(itemId, l.id));
      return level && (level.active || args.includeInactive) ? inventoryLevelView(s, level) : null;
    },
  };
}
