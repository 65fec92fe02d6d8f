import { describe, expect, it } from "vitest";
import { counter, renderMetrics } from "./metrics";

describe("metrics", () => {
  it("counts by labels and renders the Prometheus text format, escaping label values", () => {
    const deliveries = counter("test_deliveries_total", "Deliveries by outcome");
    deliveries.inc({ topic: "orders/create", outcome: "stored" });
    deliveries.inc({ topic: "orders/create", outcome: "stored" });
    deliveries.inc({ outcome: 'odd"value', topic: "x" });
    expect(deliveries.get({ outcome: "stored", topic: "orders/create" })).toBe(2);
    const text = renderMetrics();
    expect(text).toContain("# TYPE test_deliveries_total counter");
    expect(text).toContain('test_deliveries_total{outcome="stored",topic="orders/create"} 2');
    expect(text).toContain('test_deliveries_total{outcome="odd\\"value",topic="x"} 1');
  });
});
