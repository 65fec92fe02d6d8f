import { describe, expect, it } from "vitest";
import { sharedSample } from "../../../../tests/fixtures/shopify/load";
import { orderEditFromWebhook } from "./order-edit-from-webhook";
import { ShopifyPayloadError } from "./shopify-payload-error";

describe("orders/edited sample (Shopify docs, 2026-04)", () => {
  it("summarises the added and removed lines", () => {
    const edit = orderEditFromWebhook(sharedSample("orders_edited.shopify-docs-2026-04.json"));
    expect(edit).toEqual({
      id: "78912328793123780",
      orderId: "820982911946154500", // rounded in the docs sample; real bodies are exact
      createdAt: "2022-01-01T00:00:00.000Z",
      committedAt: "2022-01-01T00:00:00.000Z",
      staffNote: null,
      addedLines: [{ lineItemId: "78643924236718240", quantity: 1 }],
      removedLines: [{ lineItemId: "487817672276298560", quantity: 1 }],
    });
  });

  it("keeps exact ids from a real body", () => {
    const raw = '{"order_edit":{"id":1,"order_id":820982911946154508,"created_at":"2026-01-01T00:00:00Z","line_items":{"additions":[],"removals":[{"id":487817672276298554,"delta":2}]}}}';
    const edit = orderEditFromWebhook(raw);
    expect(edit.orderId).toBe("820982911946154508");
    expect(edit.removedLines).toEqual([{ lineItemId: "487817672276298554", quantity: 2 }]);
  });

  it("refuses a change of zero units", () => {
    const raw = '{"order_edit":{"id":1,"order_id":2,"created_at":"2026-01-01T00:00:00Z","line_items":{"additions":[{"id":3,"delta":0}],"removals":[]}}}';
    expect(() => orderEditFromWebhook(raw)).toThrow(ShopifyPayloadError);
    expect(() => orderEditFromWebhook(raw)).toThrow(/order_edit\.line_items\.additions\.0\.delta/);
  });
});
