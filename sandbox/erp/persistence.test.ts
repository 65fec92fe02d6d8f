import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { salesOrderBody, startTestErp } from "./test-support";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("keeps orders, stock, idempotent answers and undelivered callbacks in its SQLite file across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reference-erp-"));
    dirs.push(dir);
    const dbPath = join(dir, "erp.sqlite");
    const first = await startTestErp({ dbPath });
    await first.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 4 }]), { "Idempotency-Key": "k1" });
    await first.erp.close();

    const delivered: string[] = [];
    const second = await startTestErp({
      dbPath,
      seed: false,
      callbackUrl: "http://127.0.0.1:9/callbacks",
      callbackSecret: "s",
      fetch: async (_url, init) => {
        delivered.push(String(init?.body));
        return new Response(null, { status: 204 });
      },
    });
    try {
      await second.erp.admin.settleCallbacks();
      expect(delivered.map((b) => JSON.parse(b).type)).toEqual(["stock.changed"]);
      expect((await second.call("GET", "/api/v1/stock?warehouse=MAIN&item=TEE-1")).body.data[0]).toMatchObject({ allocated: 4, available: 6 });
      const replay = await second.call("POST", "/api/v1/sales-orders", salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 4 }]), { "Idempotency-Key": "k1" });
      expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    } finally {
      await second.erp.close();
    }
  });
});
