import { toCents } from "./money";
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

export function createProduct(s: ShopState, input: ProductInput): { product: ProductRecord; variants: VariantRecord[] } {
  const now = s.tick();
  const product: ProductRecord = {
    id: s.ids.next(),
    title: input.title,
    handle: input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/(^-|-$)/g, ""),
    vendor: input.vendor ?? s.shop.name,
    productType: input.productType ?? "",
    status: "ACTIVE",
    tags: input.tags ?? [],
    isGiftCard: input.isGiftCard ?? false,
    variantIds: [],
    createdAt: now,
    updatedAt: now,
  };
  s.products.set(product.id, product);
  const variants = input.variants.map((vi, i) => {
    const variant: VariantRecord = {
      id: s.ids.next(),
      productId: product.id,
      title: vi.title ?? (input.variants.length === 1 ? "Default Title" : `Variant ${i + 1}`),
      sku: vi.sku ?? null,
      barcode: vi.barcode ?? null,
      price: toCents(vi.price),
      compareAtPrice: vi.compareAtPrice == null ? null : toCents(vi.compareAtPrice),
      inventoryItemId: s.ids.next(),
      taxable: vi.taxable ?? !product.isGiftCard,
      grams: vi.grams ?? 0,
      position: i + 1,
      createdAt: now,
      updatedAt: now,
    };
    s.variants.set(variant.id, variant);
    product.variantIds.push(variant.id);
    s.inventoryItems.set(variant.inventoryItemId, {
      id: variant.inventoryItemId,
      variantId: variant.id,
      tracked: !product.isGiftCard,
      requiresShipping: vi.requiresShipping ?? !product.isGiftCard,
      createdAt: now,
      updatedAt: now,
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

/** The level for an item at a location, stocking it there (all zero) when asked to. */
export function inventoryLevel(s: ShopState, itemId: string, locationId: string, create = false): InventoryLevelRecord | undefined {
  const key = s.levelKey(itemId, locationId);
  let level = s.inventoryLevels.get(key);
  if (!level && create) {
    const now = s.tick();
    level = {
      id: s.ids.next(),
      inventoryItemId: itemId,
      locationId,
      quantities: Object.fromEntries(STORED_QUANTITY_NAMES.map((n) => [n, 0])) as Record<StoredQuantityName, number>,
      createdAt: now,
      updatedAt: now,
    };
    s.inventoryLevels.set(key, level);
  }
  return level;
}

/** Sets stored quantities (seeding and control API); stocks the item at the location if needed. */
export function setQuantities(
  s: ShopState,
  itemId: string,
  locationId: string,
  quantities: Partial<Record<StoredQuantityName, number>>,
): InventoryLevelRecord {
  if (!s.inventoryItems.has(itemId)) throw new Error(`unknown inventory item ${itemId}`);
  if (!s.locations.has(locationId)) throw new Error(`unknown location ${locationId}`);
  const level = inventoryLevel(s, itemId, locationId, true)!;
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
  const level = inventoryLevel(s, itemId, locationId, true)!;
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
