import { toCents, type Cents } from "./money";
import type { ShopState } from "./shop-state";
import {
  STORED_QUANTITY_NAMES,
  type Address,
  type CustomerRecord,
  type InventoryLevelRecord,
  type LocationRecord,
  type ProductRecord,
  type StoredQuantityName,
  type VariantRecord,
} from "./types";

export function emptyAddress(over: Partial<Address> = {}): Address {
  return {
    firstName: null,
    lastName: null,
    company: null,
    address1: null,
    address2: null,
    city: null,
    province: null,
    provinceCode: null,
    country: null,
    countryCode: null,
    zip: null,
    phone: null,
    ...over,
  };
}

export function createLocation(s: ShopState, input: { name: string; address?: Partial<Address>; isActive?: boolean }): LocationRecord {
  const now = s.tick();
  const loc: LocationRecord = {
    id: s.ids.next(),
    name: input.name,
    isActive: input.isActive ?? true,
    fulfillsOnlineOrders: true,
    address: emptyAddress({ countryCode: "US", country: "United States", ...input.address }),
    createdAt: now,
    updatedAt: now,
  };
  s.locations.set(loc.id, loc);
  return loc;
}

export interface VariantInput {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  price: string | number;
  compareAtPrice?: string | number | null;
  taxable?: boolean;
  requiresShipping?: boolean;
  grams?: number;
  /** Available units per location (by location id or name). */
  inventory?: Record<string, number>;
}

export interface ProductInput {
  title: string;
  vendor?: string;
  productType?: string;
  tags?: string[];
  isGiftCard?: boolean;
  variants: VariantInput[];
}

export function handleize(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/(^-|-$)/g, "");
}

/** A handle not used by another product of the shop ("tee", "tee-1", "tee-2", ...). */
export function uniqueHandle(s: ShopState, wanted: string, exceptProductId?: string): string {
  const taken = new Set([...s.products.values()].filter((p) => p.id !== exceptProductId).map((p) => p.handle));
  const base = wanted || "product";
  let handle = base;
  for (let n = 1; taken.has(handle); n++) handle = `${base}-${n}`;
  return handle;
}

export const DEFAULT_OPTION = "Title";
export const DEFAULT_VALUE = "Default Title";

export interface NewVariantSpec {
  optionValues: { name: string; value: string }[];
  sku?: string | null;
  barcode?: string | null;
  price: Cents;
  compareAtPrice?: Cents | null;
  taxable?: boolean;
  requiresShipping?: boolean;
  tracked?: boolean;
  grams?: number;
  inventoryPolicy?: "DENY" | "CONTINUE";
}

/** Adds an option value to the product's option if it is new (option values are per product). */
export function ensureOptionValue(s: ShopState, product: ProductRecord, name: string, value: string): void {
  let option = product.options.find((o) => o.name === name);
  if (!option) {
    option = { id: s.ids.next(), name, values: [] };
    product.options.push(option);
  }
  if (!option.values.some((v) => v.name === value)) option.values.push({ id: s.ids.next(), name: value });
}

/** Creates a variant and its inventory item (stocked nowhere yet). */
export function addVariant(s: ShopState, product: ProductRecord, spec: NewVariantSpec): VariantRecord {
  const now = s.tick();
  for (const o of spec.optionValues) ensureOptionValue(s, product, o.name, o.value);
  const variant: VariantRecord = {
    id: s.ids.next(),
    productId: product.id,
    title: spec.optionValues.map((o) => o.value).join(" / "),
    optionValues: spec.optionValues,
    inventoryPolicy: spec.inventoryPolicy ?? "DENY",
    sku: spec.sku ?? null,
    barcode: spec.barcode ?? null,
    price: spec.price,
    compareAtPrice: spec.compareAtPrice ?? null,
    inventoryItemId: s.ids.next(),
    taxable: spec.taxable ?? !product.isGiftCard,
    grams: spec.grams ?? 0,
    position: product.variantIds.length + 1,
    createdAt: now,
    updatedAt: now,
  };
  s.variants.set(variant.id, variant);
  product.variantIds.push(variant.id);
  s.inventoryItems.set(variant.inventoryItemId, {
    id: variant.inventoryItemId,
    variantId: variant.id,
    tracked: spec.tracked ?? !product.isGiftCard,
    requiresShipping: spec.requiresShipping ?? !product.isGiftCard,
    createdAt: now,
    updatedAt: now,
  });
  product.updatedAt = s.tick(product.updatedAt);
  return variant;
}

/** Deletes a variant with its inventory item and levels, renumbering positions (option values stay). */
export function removeVariant(s: ShopState, product: ProductRecord, variantId: string): void {
  const variant = s.variants.get(variantId);
  if (!variant) return;
  s.variants.delete(variantId);
  s.inventoryItems.delete(variant.inventoryItemId);
  for (const [key, level] of s.inventoryLevels) if (level.inventoryItemId === variant.inventoryItemId) s.inventoryLevels.delete(key);
  product.variantIds = product.variantIds.filter((id) => id !== variantId);
  product.variantIds.forEach((id, i) => (s.variants.get(id)!.position = i + 1));
}

export function newProductRecord(
  s: ShopState,
  input: { title: string; handle?: string; vendor?: string; productType?: string; tags?: string[]; isGiftCard?: boolean; status?: ProductRecord["status"]; descriptionHtml?: string },
): ProductRecord {
  const now = s.tick();
  const product: ProductRecord = {
    id: s.ids.next(),
    title: input.title,
    handle: uniqueHandle(s, input.handle ?? handleize(input.title)),
    vendor: input.vendor ?? s.shop.name,
    productType: input.productType ?? "",
    status: input.status ?? "ACTIVE",
    tags: input.tags ?? [],
    isGiftCard: input.isGiftCard ?? false,
    descriptionHtml: input.descriptionHtml ?? "",
    options: [],
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  s.products.set(product.id, product);
  return product;
}

/** Seeds a product (control API): variants with titles become values of the option "Title". */
export function createProduct(s: ShopState, input: ProductInput): { product: ProductRecord; variants: VariantRecord[] } {
  const product = newProductRecord(s, input);
  const variants = input.variants.map((vi, i) => {
    const value = vi.title ?? (input.variants.length === 1 ? DEFAULT_VALUE : `Variant ${i + 1}`);
    const variant = addVariant(s, product, {
      optionValues: [{ name: DEFAULT_OPTION, value }],
      sku: vi.sku,
      barcode: vi.barcode,
      price: toCents(vi.price),
      compareAtPrice: vi.compareAtPrice == null ? null : toCents(vi.compareAtPrice),
      taxable: vi.taxable,
      requiresShipping: vi.requiresShipping,
      grams: vi.grams,
    });
    for (const [locKey, available] of Object.entries(vi.inventory ?? {})) {
      const loc = findLocation(s, locKey);
      if (!loc) throw new Error(`unknown location ${locKey}`);
      setQuantities(s, variant.inventoryItemId, loc.id, { available });
    }
    return variant;
  });
  return { product, variants };
}

export function findLocation(s: ShopState, idOrName: string): LocationRecord | undefined {
  return s.locations.get(idOrName) ?? [...s.locations.values()].find((l) => l.name === idOrName);
}

export function onHand(level: InventoryLevelRecord): number {
  const q = level.quantities;
  return q.available + q.committed + q.reserved + q.damaged + q.safety_stock + q.quality_control;
}

/**
 * The level for an item at a location (active or not). With `create`, a missing level is made
 * (all zero): stocked there when `create` is "active", kept inactive when "inactive".
 */
export function inventoryLevel(
  s: ShopState,
  itemId: string,
  locationId: string,
  create: false | "active" | "inactive" = false,
): InventoryLevelRecord | undefined {
  const key = s.levelKey(itemId, locationId);
  let level = s.inventoryLevels.get(key);
  if (!level && create) {
    const now = s.tick();
    level = {
      id: s.ids.next(),
      inventoryItemId: itemId,
      locationId,
      active: create === "active",
      quantities: Object.fromEntries(STORED_QUANTITY_NAMES.map((n) => [n, 0])) as Record<StoredQuantityName, number>,
      createdAt: now,
      updatedAt: now,
    };
    s.inventoryLevels.set(key, level);
  }
  return level;
}

/** Sets stored quantities (seeding, control API, a merchant's edit); stocks the item at the location. */
export function setQuantities(
  s: ShopState,
  itemId: string,
  locationId: string,
  quantities: Partial<Record<StoredQuantityName, number>>,
): InventoryLevelRecord {
  if (!s.inventoryItems.has(itemId)) throw new Error(`unknown inventory item ${itemId}`);
  if (!s.locations.has(locationId)) throw new Error(`unknown location ${locationId}`);
  const level = inventoryLevel(s, itemId, locationId, "active")!;
  level.active = true;
  Object.assign(level.quantities, quantities);
  level.updatedAt = s.tick(level.updatedAt);
  return level;
}

/** Moves units between quantity names (e.g. available -> committed when an order is placed). */
export function moveQuantity(
  s: ShopState,
  itemId: string,
  locationId: string,
  from: StoredQuantityName | null,
  to: StoredQuantityName | null,
  units: number,
): void {
  const level = inventoryLevel(s, itemId, locationId, "active")!;
  if (from) level.quantities[from] -= units;
  if (to) level.quantities[to] += units;
  level.updatedAt = s.tick(level.updatedAt);
}

export interface CustomerInput {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Partial<Address>;
  tags?: string[];
}

export function createCustomer(s: ShopState, input: CustomerInput): CustomerRecord {
  const now = s.tick();
  const c: CustomerRecord = {
    id: s.ids.next(),
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    note: null,
    tags: input.tags ?? [],
    state: "DISABLED",
    verifiedEmail: true,
    taxExempt: false,
    defaultAddress: input.address
      ? { id: s.ids.next(), ...emptyAddress({ firstName: input.firstName ?? null, lastName: input.lastName ?? null, ...input.address }) }
      : null,
    createdAt: now,
    updatedAt: now,
  };
  s.customers.set(c.id, c);
  return c;
}

export function customerByEmail(s: ShopState, email: string): CustomerRecord | undefined {
  const e = email.toLowerCase();
  return [...s.customers.values()].find((c) => c.email?.toLowerCase() === e);
}
