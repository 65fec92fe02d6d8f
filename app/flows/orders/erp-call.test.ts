import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { withBriefRetries } from "./erp-call";

const noSleep = async () => undefined;

describe("withBriefRetries", () => {
  it("GIVEN a call that fails transiently twice WHEN run THEN the third try's answer is returned", async () => {
    let calls = 0;
    const result = await withBriefRetries(async () => {
      calls += 1;
      if (calls < 3) throw new AppError("transient", "ERP did not answer in time");
      return "SO-1";
    }, { sleep: noSleep });
    expect([result, calls]).toEqual(["SO-1", 3]);
  });

  it("GIVEN a call that keeps failing transiently WHEN run THEN it gives up after the retries with the last error", async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new AppError("transient", `failure ${calls}`));
    };
    await expect(withBriefRetries(failing, { sleep: noSleep })).rejects.toThrow("failure 3");
  });

  it.each(["rate_limited", "unavailable", "rejected", "conflict"] as const)("GIVEN a %s error WHEN run THEN it is not retried here", async (errorClass) => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new AppError(errorClass, "no"));
    };
    await expect(withBriefRetries(failing, { sleep: noSleep })).rejects.toThrow("no");
    expect(calls).toBe(1);
  });
});
