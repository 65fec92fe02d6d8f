import { expect, it } from "vitest";
import { ConfigError } from "~/config.server";
import { DEFAULT_SHIPMENT_POLL_INTERVAL_MS, readShipmentPollInterval } from "./schedule-polling";

it("polls shipments every minute by default, at SHIPMENT_POLL_INTERVAL_MS when set, never when it is 0", () => {
  expect(readShipmentPollInterval({})).toBe(DEFAULT_SHIPMENT_POLL_INTERVAL_MS);
  expect(readShipmentPollInterval({ SHIPMENT_POLL_INTERVAL_MS: "15000" })).toBe(15_000);
  expect(readShipmentPollInterval({ SHIPMENT_POLL_INTERVAL_MS: "0" })).toBeNull();
  expect(() => readShipmentPollInterval({ SHIPMENT_POLL_INTERVAL_MS: "soon" })).toThrow(ConfigError);
});
