import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { backoffDelay, decideRetry, type RetryPolicy } from "./retry-policy";

const policy = (random: number, over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxAttempts: 5,
  random: () => random,
  ...over,
});

describe("backoff", () => {
  it("doubles the ceiling each attempt and caps it", () => {
    const top = policy(0.999999);
    expect([1, 2, 3, 4, 5, 10].map((a) => backoffDelay(top, a))).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it("jitters over the whole range down to zero (full jitter)", () => {
    expect(backoffDelay(policy(0), 4)).toBe(0);
    expect(backoffDelay(policy(0.5), 4)).toBe(400);
  });
});

describe("retry decision", () => {
  it("retries a transient error with backoff", () => {
    expect(decideRetry(policy(0.5), new AppError("transient", "timeout"), 2)).toEqual({ action: "retry", delayMs: 100 });
  });

  it("honours Retry-After when it is longer than the backoff, even beyond the cap", () => {
    const throttled = new AppError("rate_limited", "429", { retryAfterMs: 5_000 });
    expect(decideRetry(policy(0.5), throttled, 1)).toEqual({ action: "retry", delayMs: 5_000 });
    const short = new AppError("rate_limited", "429", { retryAfterMs: 10 });
    expect(decideRetry(policy(0.5), short, 3)).toEqual({ action: "retry", delayMs: 200 });
  });

  it.each(["validation", "mapping", "rejected", "conflict", "auth", "not_found"] as const)(
    "sends a %s error straight to the exception queue",
    (errorClass) => {
      expect(decideRetry(policy(0.5), new AppError(errorClass, "no"), 1)).toEqual({ action: "quarantine", reason: "permanent" });
    },
  );

  it("gives up on a transient error after the last attempt, the job's own limit first", () => {
    const blip = new AppError("unavailable", "maintenance");
    expect(decideRetry(policy(0.5), blip, 4).action).toBe("retry");
    expect(decideRetry(policy(0.5), blip, 5)).toEqual({ action: "quarantine", reason: "exhausted" });
    expect(decideRetry(policy(0.5), blip, 2, 2)).toEqual({ action: "quarantine", reason: "exhausted" });
  });
});
