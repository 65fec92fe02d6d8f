import { createHmac, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import type { StoreEvent } from "../store/events";
import type { ShopState } from "../store/shop-state";
import type { WebhookSubscription } from "./app-toml";
import { stringifyExact } from "./exact-json";
import { webhookBody } from "./payloads";
import { DELIVERY_TIMEOUT_MS, RETRY_DELAYS_MS } from "./retry-schedule";
import type { Scheduler } from "./scheduler";
import { DEFAULT_SWITCHES, type DeliverySwitches } from "./switches";

export interface DeliveryAttempt {
  at: string;
  webhookId: string;
  status: number | null;
  error: string | null;
}

export interface Delivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  body: string;
  triggeredAt: string;
  state: "pending" | "held" | "delivered" | "retrying" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
  /** Set on the second copy a duplicate switch sends. */
  duplicateOf: string | null;
}

export interface DispatcherOptions {
  appUrl: string;
  apiSecret: string;
  apiVersion: string;
  subscriptions: WebhookSubscription[];
  clock: Clock;
  scheduler: Scheduler;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retryDelaysMs?: readonly number[];
  /** Dice for the duplicate and reorder rates (default Math.random). */
  random?: () => number;
}

export function webhookHmac(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** Delivers store events to the app as Shopify does, with retries, a log and fault switches. */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private globalSwitches: DeliverySwitches = { ...DEFAULT_SWITCHES };
  private readonly shopSwitches = new Map<string, Partial<DeliverySwitches>>();
  private held: Delivery[] = [];

  constructor(private readonly options: DispatcherOptions) {}

  setSwitches(shop: string | null, switches: Partial<DeliverySwitches>): DeliverySwitches {
    if (shop) this.shopSwitches.set(shop, { ...this.shopSwitches.get(shop), ...switches });
    else this.globalSwitches = { ...this.globalSwitches, ...switches };
    return this.switchesFor(shop ?? "");
  }

  switchesFor(shop: string): DeliverySwitches {
    return { ...this.globalSwitches, ...this.shopSwitches.get(shop) };
  }

  resetSwitches(): void {
    this.globalSwitches = { ...DEFAULT_SWITCHES };
    this.shopSwitches.clear();
  }

  /** Store listener: one delivery per subscription whose topics include the event's. */
  handle(shop: ShopState, event: StoreEvent): void {
    const subs = this.options.subscriptions.filter((s) => s.topics.includes(event.topic));
    if (subs.length === 0) return;
    const body = stringifyExact(webhookBody(shop, event));
    const eventId = randomUUID();
    const triggeredAt = new Date(this.options.clock.now()).toISOString();
    for (const sub of subs) {
      const delivery: Delivery = {
        webhookId: randomUUID(),
        eventId,
        topic: event.topic,
        shop: shop.domain,
        url: new URL(sub.uri, this.options.appUrl).toString(),
        body,
        triggeredAt,
        state: "pending",
        attempts: [],
        duplicateOf: null,
      };
      this.deliveries.push(delivery);
      this.route(delivery);
    }
  }

  private route(delivery: Delivery): void {
    const sw = this.switchesFor(delivery.shop);
    const applies = sw.topics.length === 0 || sw.topics.includes(delivery.topic);
    if (applies && sw.drop) {
      delivery.state = "dropped";
      return;
    }
    if (applies && sw.holdAndReverse > 0) {
      delivery.state = "held";
      this.held.push(delivery);
      if (this.held.filter((d) => d.shop === delivery.shop).length >= sw.holdAndReverse) this.release(delivery.shop);
      return;
    }
    if (applies && sw.delayMs > 0) this.options.scheduler.schedule(sw.delayMs, () => this.deliver(delivery));
    else if (applies && this.roll(sw.reorderRate)) this.options.scheduler.schedule(this.upTo(sw.reorderDelayMs), () => this.deliver(delivery));
    else this.track(this.deliver(delivery));
  }

  private roll(rate: number): boolean {
    return rate > 0 && (this.options.random ?? Math.random)() < rate;
  }

  /** A random wait in (0, maxMs]. */
  private upTo(maxMs: number): number {
    return Math.max(1, Math.ceil((this.options.random ?? Math.random)() * maxMs));
  }

  /** Sends held deliveries newest first, one after another (so the app sees them reversed). */
  release(shop?: string): number {
    const batch = this.held.filter((d) => !shop || d.shop === shop).reverse();
    this.held = this.held.filter((d) => !batch.includes(d));
    this.track(
      (async () => {
        for (const d of batch) {
          d.state = "pending";
          await this.deliver(d);
        }
      })(),
    );
    return batch.length;
  }

  /** Resolves once nothing is being sent right now (scheduled retries may remain). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async deliver(delivery: Delivery): Promise<void> {
    await this.attempt(delivery);
    const sw = this.switchesFor(delivery.shop);
    const applies = sw.topics.length === 0 || sw.topics.includes(delivery.topic);
    if (applies && sw.duplicate !== "off" && delivery.duplicateOf === null && delivery.attempts.length === 1) {
      const copy: Delivery = {
        ...delivery,
        webhookId: sw.duplicate === "same-webhook-id" ? delivery.webhookId : randomUUID(),
        state: "pending",
        attempts: [],
        duplicateOf: delivery.webhookId,
      };
      this.deliveries.push(copy);
      await this.attempt(copy);
    } else if (applies && delivery.duplicateOf === null && delivery.attempts.length === 1 && this.roll(sw.duplicateRate)) {
      const copy: Delivery = { ...delivery, state: "pending", attempts: [], duplicateOf: delivery.webhookId };
      this.deliveries.push(copy);
      if (sw.reorderDelayMs > 0) this.options.scheduler.schedule(this.upTo(sw.reorderDelayMs), () => this.attempt(copy));
      else await this.attempt(copy);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { clock, apiSecret, apiVersion } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const subscription = this.options.subscriptions.find((s) => new URL(s.uri, this.options.appUrl).toString() === delivery.url);
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      Accept: "*/*",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Hmac-Sha256": webhookHmac(delivery.body, apiSecret),
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-API-Version": apiVersion,
      "X-Shopify-Webhook-Id": delivery.webhookId,
      "X-Shopify-Triggered-At": delivery.triggeredAt,
      "X-Shopify-Event-Id": delivery.eventId,
    };
    if (subscription?.name) headers["X-Shopify-Name"] = subscription.name;
    const record: DeliveryAttempt = { at: new Date(clock.now()).toISOString(), webhookId: delivery.webhookId, status: null, error: null };
    delivery.attempts.push(record);
    try {
      const res = await doFetch(delivery.url, {
        method: "POST",
        headers,
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS),
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) {
        delivery.state = "delivered";
        return;
      }
      record.error = `HTTP ${res.status}`;
    } catch (e) {
      record.error = e instanceof Error && e.name === "TimeoutError" ? "timeout" : String((e as Error)?.message ?? e);
    }
    const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS;
    const retriesDone = delivery.attempts.length - 1;
    if (retriesDone < delays.length) {
      delivery.state = "retrying";
      this.options.scheduler.schedule(delays[retriesDone], () => this.attempt(delivery));
    } else delivery.state = "failed";
  }

  reset(): void {
    this.deliveries.length = 0;
    this.held = [];
    this.options.scheduler.cancelAll();
    this.resetSwitches();
  }
}
