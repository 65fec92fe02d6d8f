import { describe, expect, it } from "vitest";
import { readTargetsForm } from "~/models/dashboard-targets.server";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe("reading the latency targets form", () => {
  it("accepts whole minutes within a day", () => {
    expect(readTargetsForm(form({ ordersMinutes: "2", stockMinutes: " 5 ", shipmentsMinutes: "1440" }))).toEqual({
      ok: true,
      targets: { ordersMinutes: 2, stockMinutes: 5, shipmentsMinutes: 1440 },
    });
  });

  it("names each bad field and says why", () => {
    const result = readTargetsForm(form({ ordersMinutes: "0", stockMinutes: "2.5", shipmentsMinutes: "" }));
    expect(result).toEqual({
      ok: false,
      errors: {
        ordersMinutes: "Orders in the ERP within: must be between 1 and 1440 minutes (one day)",
        stockMinutes: 'Stock in Shopify within: "2.5" is not a whole number of minutes',
        shipmentsMinutes: "Shipments in Shopify within: enter a number of minutes",
      },
    });
  });

  it("refuses more than a day and negative numbers", () => {
    const result = readTargetsForm(form({ ordersMinutes: "1441", stockMinutes: "-3", shipmentsMinutes: "30" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(["ordersMinutes", "stockMinutes"]);
  });
});
