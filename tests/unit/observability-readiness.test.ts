import { describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { checkReadiness } from "~/observability/readiness.server";

const fakeDb = (select: () => Promise<unknown>, connections: () => Promise<unknown[]> = async () => []) =>
  ({ $queryRawUnsafe: select, connection: { findMany: connections } }) as unknown as Db;

describe("readiness", () => {
  it("fails on a database that refuses, with its code and no address, and says the ERPs were not checked", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED postgres://app:pw@db.internal:5432"), { code: "ECONNREFUSED" });
    const result = await checkReadiness(fakeDb(() => Promise.reject(refused), () => Promise.reject(refused)), { env: {} });
    expect(result).toEqual({
      ok: false,
      checks: { database: { ok: false, reason: "ECONNREFUSED" }, erp: { ok: false, reason: "not checked: ECONNREFUSED" } },
    });
    expect(JSON.stringify(result)).not.toContain("pw@");
  });

  it("gives up on a hanging database within its deadline", async () => {
    const started = Date.now();
    const result = await checkReadiness(fakeDb(() => new Promise(() => undefined)), { env: {}, timeoutMs: 100, erp: false });
    expect(result).toEqual({ ok: false, checks: { database: { ok: false, reason: "timed out" } } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("says so when the queue configuration is invalid rather than skipping Redis", async () => {
    const result = await checkReadiness(fakeDb(async () => [{ 1: 1 }]), { env: { QUEUE_DRIVER: "bullmq" } });
    expect(result.ok).toBe(false);
    expect(result.checks.queue).toEqual({ ok: false, reason: "queue configuration invalid" });
    expect(result.checks.database).toEqual({ ok: true });
    expect(result.checks.erp).toEqual({ ok: true });
  });
});
