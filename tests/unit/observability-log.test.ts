import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withCorrelationId } from "~/observability/correlation";
import { jobDuration } from "~/observability/instruments";
import { captureLog, log } from "~/observability/log";
import { jsonLog } from "~/queue/log";
import { DEFAULT_RETRY_POLICY } from "~/queue/retry-policy";
import { runJob } from "~/queue/run-job";

const lines: Record<string, unknown>[] = [];
let restore: () => void;
beforeAll(() => {
  restore = captureLog((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
});
afterAll(() => restore());
afterEach(() => {
  lines.length = 0;
  delete process.env.LOG_LEVEL;
});

describe("the JSON log", () => {
  it("writes one JSON object per event with time, level, message and the correlation id of the work", async () => {
    await withCorrelationId("webhook-123", async () => {
      await new Promise((r) => setTimeout(r, 1));
      jsonLog("info", "job started", { jobId: "j1" });
    });
    log("warn", "outside any work");
    expect(lines[0]).toMatchObject({ level: "info", message: "job started", correlationId: "webhook-123", jobId: "j1" });
    expect(Number.isNaN(Date.parse(String(lines[0].time)))).toBe(false);
    expect(lines[1]).toMatchObject({ level: "warn", message: "outside any work" });
    expect(lines[1]).not.toHaveProperty("correlationId");
  });

  it("redacts secrets by key and by shape, keeps ids, and never lets a field replace the line's own keys", () => {
    const error = new Error("ERP refused: Authorization: Bearer sk_live_abcdef123456");
    withCorrelationId("c-1", () =>
      log("error", "call failed", {
        apiKey: "erp-key-do-not-log",
        connection: { settings: { baseUrl: "https://user:hunter2@erp.example.com" }, secret: { password: "pw-do-not-log" } },
        headers: ["X-Shopify-Access-Token: shpat_0123456789abcdef"],
        orderId: "5678901234567890",
        note: "card 4111 1111 1111 1111 on file",
        error,
        message: "a field called message",
        level: "debug",
      }),
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["erp-key-do-not-log", "hunter2", "pw-do-not-log", "shpat_0123456789abcdef", "sk_live_abcdef123456", "4111 1111 1111 1111"]) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "call failed",
      correlationId: "c-1",
      apiKey: "[redacted]",
      orderId: "5678901234567890",
      field_message: "a field called message",
      field_level: "debug",
    });
    expect(lines[0].error).toMatchObject({ name: "Error", message: "ERP refused: Authorization: [redacted]" });
  });

  it("drops events below LOG_LEVEL", () => {
    process.env.LOG_LEVEL = "warn";
    log("info", "quiet");
    log("debug", "quieter");
    log("error", "loud");
    expect(lines.map((l) => l.message)).toEqual(["loud"]);
  });

  it("carries a job's correlation id on the lines its run writes, and times the run", async () => {
    const job = { id: "j-9", queue: "orders", name: "orders/create", payload: {}, shopId: "s", correlationId: "webhook-job-9", dedupeKey: null, attempts: 1, maxAttempts: 5, enqueuedAt: new Date() };
    const before = jobDuration.get({ flow: "orders", outcome: "succeeded" }).count;
    const outcome = await runJob(job, async () => jsonLog("info", "posting order", {}), DEFAULT_RETRY_POLICY, new AbortController().signal);
    expect(outcome.kind).toBe("succeeded");
    expect(lines[0]).toMatchObject({ message: "posting order", correlationId: "webhook-job-9" });
    expect(jobDuration.get({ flow: "orders", outcome: "succeeded" }).count).toBe(before + 1);
  });
});
