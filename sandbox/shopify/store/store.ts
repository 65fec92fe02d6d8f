import type { Clock } from "../clock";
import type { StoreEvent, StoreEventListener } from "./events";
import { ShopState } from "./shop-state";
import type { PlanName } from "./types";

export class UnknownShopError extends Error {
  constructor(readonly domain: string) {
    super(`no sandbox shop ${domain}; create it with POST /_sandbox/shops`);
  }
}

export interface CreateShopInput {
  domain: string;
  name?: string;
  plan?: PlanName;
  currencyCode?: string;
  email?: string;
  /** Issue every id above 2^53 to prove the app never turns ids into JS numbers. */
  bigIds?: boolean;
  /** Where ids start, so a shop recreated against an ERP that remembers its orders gets new ids, as Shopify's never repeat. */
  firstId?: bigint;
}

/** All sandbox shops. Listeners receive every domain event (the webhook dispatcher is one). */
export class SandboxStore {
  private readonly shops = new Map<string, ShopState>();
  private readonly listeners = new Set<StoreEventListener>();

  constructor(readonly clock: Clock) {}

  onEvent(listener: StoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  createShop(input: CreateShopInput): ShopState {
    const domain = normalizeShopDomain(input.domain);
    if (this.shops.has(domain)) throw new Error(`shop ${domain} already exists`);
    const state = new ShopState({ ...input, domain }, this.clock, (d, e) => this.publish(d, e));
    this.shops.set(domain, state);
    return state;
  }

  find(domain: string): ShopState | undefined {
    return this.shops.get(normalizeShopDomain(domain));
  }

  get(domain: string): ShopState {
    const shop = this.find(domain);
    if (!shop) throw new UnknownShopError(domain);
    return shop;
  }

  list(): ShopState[] {
    return [...this.shops.values()];
  }

  reset(): void {
    this.shops.clear();
  }

  private publish(domain: string, event: StoreEvent): void {
    for (const l of this.listeners) l(domain, event);
  }
}

/** "acme" -> "acme.myshopify.com"; full domains pass through lower-cased. */
export function normalizeShopDomain(domain: string): string {
  const d = domain.trim().toLowerCase();
  return d.includes(".") ? d : `${d}.myshopify.com`;
}
