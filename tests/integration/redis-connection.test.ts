/** A Redis that is down: the app's connection warns once in JSON and keeps reconnecting. */
import { expect, it } from "vitest";
import { captureLog } from "~/observability/log";
import { redisConnection } from "~/queue/redis-connection";
import { freePort } from "../../scripts/lib/processes";

it("turns repeated connection failures into one JSON warning naming the connection", async () => {
  const lines: Record<string, unknown>[] = [];
  const restore = captureLog((line) => lines.push(JSON.parse(line)));
  const port = await freePort(); // nothing listens there
  const redis = redisConnection(`redis://127.0.0.1:${port}`, "queue", { retryStrategy: () => 20, maxRetriesPerRequest: 1 });
  let failures = 0;
  redis.on("error", () => (failures += 1));
  try {
    await new Promise((r) => setTimeout(r, 500));
    expect(failures).toBeGreaterThan(3);
    expect(lines).toEqual([expect.objectContaining({ level: "warn", message: "Redis connection failed; reconnecting", purpose: "queue" })]);
    expect(String(lines[0].error)).toContain("ECONNREFUSED");
  } finally {
    redis.disconnect();
    restore();
  }
});
