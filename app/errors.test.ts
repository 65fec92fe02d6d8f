import { describe, expect, it } from "vitest";
import { AppError, asAppError } from "./errors";

describe("AppError", () => {
  it("knows which classes are worth retrying", () => {
    expect(new AppError("rate_limited", "429", { retryAfterMs: 2000 }).transient).toBe(true);
    expect(new AppError("unavailable", "down").transient).toBe(true);
    expect(new AppError("mapping", "SKU X-1 is not mapped").transient).toBe(false);
    expect(new AppError("rejected", "ERP refused").transient).toBe(false);
  });

  it("wraps unknown errors as transient and keeps AppErrors as they are", () => {
    const original = new AppError("validation", "bad");
    expect(asAppError(original)).toBe(original);
    const wrapped = asAppError(new TypeError("socket hang up"));
    expect(wrapped.errorClass).toBe("transient");
    expect(wrapped.message).toBe("socket hang up");
  });
});
