import { describe, expect, it } from "vitest";
import { AppError, MESSAGE_LIMIT, asAppError, readableMessage } from "./errors";

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

describe("an exception's message from a foreign error", () => {
  it("drops NUL and other control characters, keeps line breaks and tabs", () => {
    expect(readableMessage("ERP said:\u0000 no\u0007\n\tstock\u001b[0m")).toBe("ERP said: no\n\tstock[0m");
  });

  it("replaces unpaired surrogates and keeps paired ones", () => {
    expect(readableMessage("bad \ud83d here, good \ud83d\ude00")).toBe("bad \ufffd here, good \u{1f600}");
  });

  it("cuts a whole error page to the limit, never through a surrogate pair", () => {
    const page = `<html>${"x".repeat(MESSAGE_LIMIT - 8)}\u{1f600}${"y".repeat(50_000)}</html>`;
    const message = readableMessage(page);
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(message.endsWith("…")).toBe(true);
    expect(readableMessage(message)).toBe(message); // well-formed: nothing left to replace
    expect(readableMessage("short")).toBe("short");
  });
});
