import { describe, expect, it } from "vitest";
import { sharedSample } from "../../../../tests/fixtures/shopify/load";
import { orderIdOfDelivery } from "./delivery-order-id";

describe("the order a delivery is about", () => {
  it("reads the exact order id of orders/*, refunds/create and orders/edited bodies", () => {
    expect(orderIdOfDelivery("orders/create", sharedSample("orders_create.shopify-docs-2026-04.json"))).toBe("820982911946154508");
    expect(orderIdOfDelivery("orders/updated", sharedSample("orders_updated.shopify-docs-2025-07.json"))).toMatch(/^\d+$/);
    const refund = sharedSample("refunds_create.shopify-docs-2026-04.json");
    expect(orderIdOfDelivery("refunds/create", refund)).toBe(/"order_id":\s*(\d+)/.exec(refund)![1]);
    const edit = sharedSample("orders_edited.shopify-docs-2026-04.json");
    expect(orderIdOfDelivery("orders/edited", edit)).toBe(/"order_id":\s*(\d+)/.exec(edit)![1]);
  });

  it("says null for topics and bodies without an order", () => {
    expect(orderIdOfDelivery("app/uninstalled", sharedSample("app_uninstalled.shopify-docs-2026-04.json"))).toBeNull();
    expect(orderIdOfDelivery("orders/create", "{}")).toBeNull();
  });
});
