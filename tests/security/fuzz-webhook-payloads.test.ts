/**
 * Property-based fuzzing of Shopify webhook bodies, starting from real samples and mutating
 * them (tests/security/helpers/payload-mutations.ts). The mappers are pure and get many runs:
 * they either give a valid canonical document or throw ShopifyPayloadError naming the field,
 * nothing else. Fewer bodies go through the real intake route, inbox, database queue, worker,
 * order flow and reference ERP: every one is stored and ends either processed (an ERP document
 * link) or quarantined (a SyncException whose reason names what was wrong), never neither.
 * A failure prints fast-check's seed and path: re-run with them to reproduce it exactly.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toSalesOrderRequest } from "~/connectors/erp/reference/mappers/sales-order-request";
import { orderFromWebhook, refundFromWebhook, ShopifyPayloadError, type OrderWebhookTopic } from "~/connectors/shopify/mappers";
import { RestOrder } from "~/connectors/shopify/mappers/webhook-schemas";
import { AppError } from "~/errors";
import { orderFingerprint } from "~/flows/orders/fingerprint";
import { loadSample, mutated, ODD_TEXTS, orderBase, ORDER_SAMPLES, REFUND_SAMPLES, toRawBody, type Json } from "./helpers/payload-mutations";
import { startSecurityPipeline, type SecurityPipeline } from "./helpers/pipeline";

const ORDER_TOPICS: OrderWebhookTopic[] = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled"];
const ORDER_FIELDS = Object.keys(RestOrder.shape);

/** Runs `map`; a thrown ShopifyPayloadError must name a place or a reason. Anything else thrown fails the property. */
function mapsOrNamesTheField<T>(map: () => T, changes: string[]): T | ShopifyPayloadError {
  try {
    return map();
  } catch (error) {
    if (!(error instanceof ShopifyPayloadError)) throw new Error(`not a ShopifyPayloadError after [${changes.join("; ")}]: ${(error as Error)?.stack ?? String(error)}`);
    expect(error.reason.trim(), changes.join("; ")).not.toBe("");
    expect(error.message).toContain(error.source);
    return error;
  }
}

describe("the webhook mappers, fuzzed (pure)", () => {
  const orderSamples = ORDER_SAMPLES.map(loadSample);
  const refundSamples = REFUND_SAMPLES.map(loadSample);

  it("map a mutated order body or name the bad field; a mapped order goes on to the ERP request", () => {
    let mapped = 0;
    fc.assert(
      fc.property(fc.constantFrom(...orderSamples).chain((sample) => mutated(sample)), fc.constantFrom(...ORDER_TOPICS), ({ body, changes }, topic) => {
        const result = mapsOrNamesTheField(() => orderFromWebhook(body, topic), changes);
        if (result instanceof ShopifyPayloadError) return;
        mapped += 1;
        orderFingerprint(result);
        const itemCodes = Object.fromEntries(result.lines.map((line) => [line.id, "ITEM-1"]));
        try {
          toSalesOrderRequest({ order: result, itemCodes, customerErpId: null }, true);
        } catch (error) {
          // The ERP mapper may refuse an order it cannot express, with a typed reason; never crash.
          if (!(error instanceof AppError) || !error.message) throw new Error(`ERP request mapping crashed after [${changes.join("; ")}]: ${(error as Error).stack}`);
        }
      }),
      { numRuns: 1_500 },
    );
    // Not vacuous: some mutations (in fields the mapper ignores, or harmless values) still map.
    expect(mapped).toBeGreaterThan(50);
  });

  it("map a mutated refund body or name the bad field", () => {
    fc.assert(
      fc.property(fc.constantFrom(...refundSamples).chain((sample) => mutated(sample)), ({ body, changes }) => {
        mapsOrNamesTheField(() => refundFromWebhook(body), changes);
      }),
      { numRuns: 1_000 },
    );
  });

  it("name the body itself when it is not a JSON object at all", () => {
    const garbage = fc.oneof(
      fc.json(),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.constantFrom("", "{", "[]", "null", "\uFEFF{}", '{"id":1}\u0000', "{\"a\":" + "[".repeat(5_000), "1e999"),
    );
    fc.assert(
      fc.property(garbage, fc.constantFrom<"order" | "refund">("order", "refund"), (body, kind) => {
        const result = mapsOrNamesTheField<unknown>(() => (kind === "order" ? orderFromWebhook(body) : refundFromWebhook(body)), [JSON.stringify(body).slice(0, 80)]);
        expect(result).toBeInstanceOf(ShopifyPayloadError);
      }),
      { numRuns: 500 },
    );
  });

  it("keep odd unicode in names, SKUs and addresses exactly as sent, and refuse NUL and unpaired surrogates naming the field", () => {
    const base = orderBase("9200000000000000001", ORDER_FIELDS) as Record<string, Json>;
    for (const [text, reason] of [
      ["Ott\u0000awa", "contains a NUL character (U+0000)"],
      ["Ott\uD800awa", "contains an unpaired surrogate, which is not Unicode text"],
    ]) {
      const refused = structuredClone(base) as Record<string, Json>;
      (refused.shipping_address as Record<string, Json>).city = text;
      expect(() => orderFromWebhook(toRawBody(refused))).toThrow(`orders/create: shipping_address.city: ${reason}`);
    }
    // What every database can hold: no NUL, no unpaired surrogate.
    const noNul = (t: string) => !t.includes("\u0000") && !/[\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
    fc.assert(
      fc.property(fc.constantFrom(...ODD_TEXTS.filter((t) => t.trim() !== "" && noNul(t))), fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter(noNul), (odd, random) => {
        const text = `${odd}${random}`;
        const order = structuredClone(base) as Record<string, Json>;
        (order.line_items as Record<string, Json>[])[0].title = text;
        (order.line_items as Record<string, Json>[])[1].sku = text;
        (order.shipping_address as Record<string, Json>).address1 = text;
        (order.customer as Record<string, Json>).first_name = text;
        const mapped = orderFromWebhook(toRawBody(order));
        expect(mapped.lines[0].title).toBe(text);
        expect(mapped.lines[1].sku).toBe(text.trim() || null);
        expect(mapped.shippingAddress?.address1).toBe(text);
        expect(mapped.customer?.firstName).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("webhook bodies fuzzed through intake, the inbox, the queue and the order flow (SQLite, reference ERP)", () => {
  let s: SecurityPipeline;

  beforeAll(async () => {
    s = await startSecurityPipeline();
  });
  afterAll(async () => s?.close());

  it("the unmutated base order posts to the ERP (the control case)", async () => {
    const id = "9300000000000000001";
    expect(await s.deliver("orders/create", toRawBody(orderBase(id, ORDER_FIELDS)), { webhookId: "fuzz-control" })).toBe(200);
    const outcome = await s.settled("fuzz-control");
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "processed", exception: null });
    expect(await s.p.db.documentLink.count({ where: { sourceType: "order", sourceId: id } })).toBe(1);
  });

  it("every mutated order delivery is stored, then processed into an ERP document or quarantined with the reason", async () => {
    const seen = { processed: 0, quarantined: 0 };
    await fc.assert(
      fc.asyncProperty(
        // The order id comes from the seed too, so a printed seed replays the very same bodies.
        fc.record({ topic: fc.constantFrom<OrderWebhookTopic>("orders/create", "orders/updated"), n: fc.integer({ min: 1, max: 999_999_999 }) }).chain(({ topic, n }) =>
          mutated(orderBase(`94${String(n).padStart(17, "0")}`, ORDER_FIELDS), 3).map((m) => ({ ...m, topic })),
        ),
        async ({ topic, body, changes }) => {
          const why = `${topic} [${changes.join("; ")}]`;
          const webhookId = `fuzz-${randomUUID()}`;
          expect(await s.deliver(topic, body, { webhookId }), why).toBe(200);
          expect(await s.p.db.inboxEvent.count({ where: { deliveryId: webhookId } }), why).toBe(1);
          const outcome = await s.settled(webhookId, 15_000);

          // What the mapper alone says of this body decides what the flow must have done.
          let mapped: ReturnType<typeof orderFromWebhook> | null = null;
          let payloadError: ShopifyPayloadError | null = null;
          try {
            mapped = orderFromWebhook(body, topic);
          } catch (error) {
            payloadError = error as ShopifyPayloadError;
          }
          if (outcome.status === "processed") {
            seen.processed += 1;
            expect(payloadError, `${why}: processed although the body does not map`).toBeNull();
            const links = await s.p.db.documentLink.count({ where: { sourceType: "order", sourceId: mapped!.id } });
            // Processed without an ERP document only when it was cancelled before ever reaching the ERP.
            if (!mapped!.cancelledAt) expect(links, `${why}: processed but no ERP document`).toBe(1);
          } else {
            seen.quarantined += 1;
            expect(outcome.status, why).toBe("failed");
            expect(outcome.exception, `${why}: failed without an exception`).not.toBeNull();
            expect(outcome.exception!.message.trim(), why).not.toBe("");
            // A body the mapper refuses is quarantined with the mapper's own words (the field and why).
            if (payloadError) expect(outcome.exception!.message, why).toContain(payloadError.message);
          }
        },
      ),
      // No shrinking through the pipeline (each step can wait seconds): the first failure is
      // reported at once, with the seed and path that replay it.
      { numRuns: 40, endOnFailure: true },
    );
    expect(seen.processed + seen.quarantined).toBe(40);
    expect(seen.quarantined).toBeGreaterThan(0);
  });

  it("a mutated refund delivery is stored, and a body the mapper refuses is quarantined naming the field", async () => {
    const sample = loadSample("refunds_create.shopify-docs-2026-04.json");
    await fc.assert(
      fc.asyncProperty(mutated(sample, 3), async ({ body, changes }) => {
        const why = `refunds/create [${changes.join("; ")}]`;
        let payloadError: ShopifyPayloadError | null = null;
        try {
          refundFromWebhook(body);
        } catch (error) {
          payloadError = error as ShopifyPayloadError;
        }
        fc.pre(payloadError !== null); // a refund that maps waits for its order, which this shop never had
        const webhookId = `fuzz-refund-${randomUUID()}`;
        expect(await s.deliver("refunds/create", body, { webhookId }), why).toBe(200);
        const outcome = await s.settled(webhookId);
        expect(outcome.status, why).toBe("failed");
        expect(outcome.exception?.errorClass, why).toBe("validation");
        expect(outcome.exception?.message, why).toContain(payloadError!.message);
      }),
      { numRuns: 10, endOnFailure: true },
    );
  });
});
