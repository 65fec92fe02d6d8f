import { expect, it } from "vitest";
import { flowForTopic } from "./flows";

it("routes each topic to its flow, refunds with their orders", () => {
  expect(flowForTopic("orders/create")).toBe("orders");
  expect(flowForTopic("refunds/create")).toBe("orders");
  expect(flowForTopic("fulfillments/update")).toBe("fulfillment");
  expect(flowForTopic("inventory_levels/update")).toBe("inventory");
  expect(flowForTopic("products/update")).toBe("catalog");
  expect(flowForTopic("returns/request")).toBe("returns");
  expect(flowForTopic("app/uninstalled")).toBe("system");
});

it("routes ERP callbacks: shipments to fulfillment, stock to inventory", () => {
  expect(flowForTopic("erp/shipment.created")).toBe("fulfillment");
  expect(flowForTopic("erp/stock.changed")).toBe("inventory");
  expect(flowForTopic("erp/unknown")).toBe("system");
});
