import { describe, expect, it } from "vitest";
import { readWorkerConfig } from "./worker-config";

describe("worker configuration", () => {
  it("defaults to the embedded database queue", () => {
    expect(readWorkerConfig({})).toMatchObject({ driver: "database", concurrency: 8, leaseMs: 30_000 });
  });

  it("reads the driver, Redis and concurrency", () => {
    const config = readWorkerConfig({ QUEUE_DRIVER: "bullmq", REDIS_URL: "redis://127.0.0.1:6379", WORKER_CONCURRENCY: "50" });
    expect(config).toMatchObject({ driver: "bullmq", redisUrl: "redis://127.0.0.1:6379", concurrency: 50 });
  });

  it("names what to set when the settings are wrong", () => {
    expect(() => readWorkerConfig({ QUEUE_DRIVER: "bullmq" })).toThrow(/REDIS_URL is not set/);
    expect(() => readWorkerConfig({ QUEUE_DRIVER: "sqs" })).toThrow(/QUEUE_DRIVER must be "database".*got "sqs"/);
    expect(() => readWorkerConfig({ WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY must be a positive integer/);
  });
});
