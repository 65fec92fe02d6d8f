import type { Clock } from "../clock";
import { idGenerator, type IdGenerator } from "./ids";
import type { StoreEvent, StoreEventListener } from "./events";
import type {
  CustomerRecord,
  InventoryAdjustmentGroupRecord,
  InventoryItemRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderRecord,
  PlanName,
  ProductRecord,
  ShopRecord,
  VariantRecord,
} from "./types";

/** Everything one shop holds, plus its id sequence and event outlet. */
export class ShopState {
  readonly ids: IdGenerator;
  readonly shop: ShopRecord;
  readonly products = new Map<string, ProductRecord>();
  readonly variants = new Map<string, VariantRecord>();
  readonly inventoryItems = new Map<string, InventoryItemRecord>();
  readonly locations = new Map<string, LocationRecord>();
  /** Keyed by `${inventoryItemId}:${locationId}`. */
  readonly inventoryLevels = new Map<string, InventoryLevelRecord>();
  readonly adjustmentGroups = new Map<string, InventoryAdjustmentGroupRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  readonly orders = new Map<string, OrderRecord>();

  constructor(
    init: { domain: string; name?: string; plan?: PlanName; currencyCode?: string; email?: string; bigIds?: boolean; firstId?: bigint },
    readonly clock: Clock,
    private readonly listener: StoreEventListener,
  ) {
    this.ids = idGenerator({ beyondSafeIntegers: init.bigIds, firstId: init.firstId });
    const now = clock.now();
    this.shop = {
      id: this.ids.next(),
      domain: init.domain,
      name: init.name ?? init.domain.replace(/\.myshopify\.com$/, ""),
      email: init.email ?? `owner@${init.domain}`,
      plan: init.plan ?? "shopify",
      currencyCode: init.currencyCode ?? "USD",
      ianaTimezone: "UTC",
      createdAt: now,
      updatedAt: now,
      installed: true,
      nextOrderNumber: 1001,
    };
  }

  get domain(): string {
    return this.shop.domain;
  }

  /** A timestamp strictly later than `previous`, so updatedAt moves on every change. */
  tick(previous?: number): number {
    const now = this.clock.now();
    return previous !== undefined && now <= previous ? previous + 1000 : now;
  }

  emit(event: StoreEvent): void {
    this.listener(this.shop.domain, event);
  }

  levelKey(inventoryItemId: string, locationId: string): string {
    return `${inventoryItemId}:${locationId}`;
  }

  variantBySku(sku: string): VariantRecord | undefined {
    for (const v of this.variants.values()) if (v.sku === sku) return v;
    return undefined;
  }

  primaryLocation(): LocationRecord | undefined {
    return [...this.locations.values()].find((l) => l.isActive);
  }
}
