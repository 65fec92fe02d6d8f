/**
 * The chaos suite (scripts/chaos) at CI size, on both queue drivers: 300 orders through sandbox
 * Shopify with duplicate and out-of-order deliveries, worker processes SIGKILLed every 3-5 s,
 * 20% ERP faults, the ERP down for 5 s, the web process SIGKILLed and restarted, and (BullMQ)
 * the Redis server SIGKILLed and restarted empty. Every Shopify order must end as exactly one
 * ERP sales order.
 */
import { afterAll, describe, expect, it } from "vitest";
import { killAll } from "../../scripts/chaos/children";
import { chaosOptions } from "../../scripts/chaos/options";
import { runChaos } from "../../scripts/chaos/run";
import type { Driver } from "../../scripts/chaos/stack";

const SIZE = { orders: 300, rate: 10, erpDownMs: 5_000, drainTimeoutMs: 120_000 };

describe("chaos suite (CI size)", () => {
  afterAll(() => killAll());

  it.each<Driver>(["database", "bullmq"])(
    "%s queue: nothing missing, nothing doubled",
    async (driver) => {
      const lines: string[] = [];
      const result = await runChaos(chaosOptions(driver, SIZE, { say: (line) => lines.push(line) }));
      expect(result.orders, lines.join("\n")).toBe(SIZE.orders);
      expect({ missing: result.missing, duplicates: result.duplicates }, lines.join("\n")).toEqual({ missing: 0, duplicates: 0 });
      expect(result.erpDocs).toBe(SIZE.orders);
      expect(result.chaos).toMatch(/worker kills ([3-9]|\d\d)/);
      expect(result.redeliveries).toBeGreaterThan(SIZE.orders * 0.3);
      expect(result.erpFaults.errors).toBeGreaterThan(0);
      expect(result.erpFaults.hangs).toBeGreaterThan(0);
      expect(result.chaos).toMatch(/ERP down for 5 s/);
      expect(result.chaos).toMatch(/ERP up/);
      expect(result.chaos).toMatch(/web restarted/);
      if (driver === "bullmq") expect(result.chaos).toMatch(/Redis SIGKILLed and restarted/);
    },
    240_000,
  );
});
