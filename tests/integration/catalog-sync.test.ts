/**
 * ERP items reach Shopify: the reference ERP's catalog synced into sandbox Shopify by the
 * production catalog handler (worker, database queue) and, for the interruptions, by the flow
 * called directly with faults around the real Admin API. One stage for the file: each test
 * starts from what the previous one left, as a shop's catalog does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErpConnector } from "~/connectors/erp";
import { connectorFor } from "~/connectors/erp/factory";
import { AppError } from "~/errors";
import { catalogJob } from "~/flows/catalog/catalog-job";
import type { CatalogTarget } from "~/flows/catalog/apply-items";
import { scheduleCatalogSyncs, startFullCatalogSync } from "~/flows/catalog/schedule";
import { CATALOG_CURSOR_FLOW, syncCatalog } from "~/flows/catalog/sync-catalog";
import { activeConnectionOfShop } from "~/models/callback-connections.server";
import { readCursor } from "~/models/sync-cursors.server";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { createProduct } from "../../sandbox/shopify/store/catalog";
import { startCatalogStage, type CatalogStage } from "./helpers/catalog-harness";

const ERP_KEY = "catalog-erp-key";
const SLOT_MS = 60_000;

describe("catalog and prices from the reference ERP to Shopify", () => {
  let erp: ReferenceErp;
  let stage: CatalogStage;
  let tee: string;
  let mug: string;
  let hoodies: string[];
  let slot = Date.now();

  const runs = () => stage.db.syncRun.findMany({ where: { shopId: stage.shop.id, kind: "catalog" }, orderBy: { startedAt: "asc" } });
  const mappings = () =>
    stage.db.skuMapping.findMany({ where: { connectionId: stage.connectionId }, select: { erpItemCode: true, shopifyVariantId: true, matchedBy: true, sku: true }, orderBy: { erpItemCode: "asc" } });
  const productCount = () => stage.store.products.size;
  const changeItem = async (item: { code: string; barcode?: string | null; name: string; price: string; compareAtPrice?: string | null }) => {
    const res = await fetch(`${erp.url}/_admin/items`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(item) });
    expect(res.status).toBe(200);
  };
  const syncOnSchedule = async (full: boolean) => {
    slot += SLOT_MS;
    expect(await scheduleCatalogSyncs(stage.db, stage.queue, { full, now: new Date(slot), intervalMs: SLOT_MS })).toEqual([stage.connectionId]);
    await stage.runWorkerUntilIdle();
  };
  const directInput = async (over: { erp?: ErpConnector; signal?: AbortSignal } = {}) => {
    const connection = (await activeConnectionOfShop(stage.db, stage.shop.id, stage.connectionId))!;
    const target: CatalogTarget = {
      shop: stage.shop,
      connectionId: stage.connectionId,
      roles: { catalog: true, prices: true, compareAtPrices: true },
      createMissingProducts: true,
    };
    return { target, erp: over.erp ?? connectorFor(connection), full: true, pageSize: 2, signal: over.signal };
  };

  beforeAll(async () => {
    erp = await startReferenceErp({ apiKey: ERP_KEY, seed: DEMO_SEED, timeScale: 0.001 });
    stage = await startCatalogStage({
      domain: "catalog-reference.myshopify.com",
      connection: { provider: "reference", settings: { baseUrl: erp.url, currency: "USD", timeoutMs: 5_000, maxConcurrency: 8, maxRequestsPerSecond: 500 }, secret: { apiKey: ERP_KEY } },
    });
    // TEE-1 by SKU (stale price), MUG-1 only by barcode (no SKU in Shopify), HOODIE-1 twice, CAP-1 missing.
    tee = createProduct(stage.store, { title: "Tee", variants: [{ sku: "TEE-1", price: "19.00" }] }).variants[0].id;
    mug = createProduct(stage.store, { title: "Mug", variants: [{ sku: null, barcode: "0002", price: "8.50" }] }).variants[0].id;
    hoodies = [
      createProduct(stage.store, { title: "Hoodie", variants: [{ sku: "HOODIE-1", price: "40.00" }] }).variants[0].id,
      createProduct(stage.store, { title: "Hoodie (old)", variants: [{ sku: "HOODIE-1", price: "39.00" }] }).variants[0].id,
    ];
  });

  afterAll(async () => {
    await stage?.close();
    await erp?.close();
  });

  it("first sync links by SKU and barcode, creates the missing product as a draft, and sends duplicate SKUs to review", async () => {
    await syncOnSchedule(false);

    const linked = await mappings();
    const cap = stage.variantsWithSku("CAP-1");
    expect(linked).toEqual([
      { erpItemCode: "CAP-1", shopifyVariantId: cap[0]?.id, matchedBy: "sku", sku: "CAP-1" },
      { erpItemCode: "MUG-1", shopifyVariantId: mug, matchedBy: "barcode", sku: "MUG-1" },
      { erpItemCode: "TEE-1", shopifyVariantId: tee, matchedBy: "sku", sku: "TEE-1" },
    ]);
    expect(stage.variantsWithSku("TEE-1")).toMatchObject([{ id: tee, price: "20.00", compareAtPrice: "25.00", barcode: "0001" }]);
    expect(stage.variantsWithSku("MUG-1")).toMatchObject([{ id: mug, price: "8.50", compareAtPrice: null, barcode: "0002" }]);
    expect(cap).toMatchObject([{ status: "DRAFT", title: "Cap", price: "15.00", barcode: "0003" }]);

    // The twins are left as they were, and a person is asked.
    expect(stage.variantsWithSku("HOODIE-1").map((v) => v.price)).toEqual(["40.00", "39.00"]);
    const reviews = await stage.db.catalogReview.findMany({ where: { connectionId: stage.connectionId } });
    expect(reviews.map((r) => [r.itemCode, r.reason, r.status, JSON.parse(r.candidates)])).toEqual([["HOODIE-1", "duplicate_sku", "open", hoodies]]);

    const [run] = await runs();
    expect(run).toMatchObject({ status: "succeeded", done: 3, skipped: 1, failed: 0, total: 4 });
    expect(JSON.parse(run.params)).toMatchObject({ mode: "full", paged: true });
    expect(await readCursor(stage.db, { shopId: stage.shop.id, flow: CATALOG_CURSOR_FLOW, scope: stage.connectionId })).not.toBeNull();
  });

  it("a second full sync creates nothing and writes nothing that is already so", async () => {
    const products = productCount();
    await stage.resetApiUsage();
    expect(await startFullCatalogSync(stage.db, stage.queue, stage.shop, "test")).toBe(1);
    await stage.runWorkerUntilIdle();

    expect(productCount()).toBe(products);
    expect(await mappings()).toHaveLength(3);
    for (const write of ["CatalogProductCreate", "CatalogVariantsUpdate", "CatalogProductUpdate"]) expect(await stage.apiCalls(write), write).toBe(0);
    expect((await runs()).at(-1)).toMatchObject({ status: "succeeded", done: 3, skipped: 1, total: 4 });
    expect(await stage.db.catalogReview.count()).toBe(1);
  });

  it("a price and compare-at change in the ERP reaches Shopify on the delta sync, with one write", async () => {
    await changeItem({ code: "TEE-1", barcode: "0001", name: "Tee", price: "22.00", compareAtPrice: null });
    await stage.resetApiUsage();
    await syncOnSchedule(false);

    expect(stage.variantsWithSku("TEE-1")).toMatchObject([{ id: tee, price: "22.00", compareAtPrice: null }]);
    expect(await stage.apiCalls("CatalogVariantsUpdate")).toBe(1);
    expect(JSON.parse((await runs()).at(-1)!.params)).toMatchObject({ mode: "delta" });
  });

  it("an interrupted run (stopped after a page, then a lost create answer) resumes from its page and creates no twin", async () => {
    for (const code of ["NEW-1", "NEW-2", "NEW-3"]) await changeItem({ code, name: `New ${code}`, price: "9.99" });
    const products = productCount();
    const runsBefore = (await runs()).length;
    await stage.resetApiUsage();

    // 1. The worker is told to stop after the first page (e.g. a deploy).
    const stop = new AbortController();
    const real = (await directInput()).erp;
    const stopping: ErpConnector = { ...real, listItems: async (q) => { const page = await real.listItems(q); stop.abort(); return page; } };
    await expect(syncCatalog(stage.deps(), await directInput({ erp: stopping, signal: stop.signal }))).rejects.toThrow(/continues from its saved page/);
    const [interrupted] = (await runs()).slice(runsBefore);
    expect(interrupted).toMatchObject({ status: "running", lastError: expect.stringMatching(/Stopped between pages/) });
    expect(interrupted.done + interrupted.skipped).toBe(2); // progress of the page it finished is visible
    expect(JSON.parse(interrupted.params).cursor).not.toBeNull();

    // 2. Resumed, it creates a product but the answer is lost (timeout): the product exists, unmapped, without a SKU.
    const deps = stage.deps();
    let lost = 0;
    const losing = { ...deps, shopify: { ...deps.shopify, createProduct: async (...args: Parameters<typeof deps.shopify.createProduct>) => {
      await deps.shopify.createProduct(...args);
      lost += 1;
      throw new AppError("transient", "Shopify's answer did not arrive");
    } } };
    await expect(syncCatalog(losing, await directInput())).rejects.toThrow(/did not arrive/);
    expect(lost).toBe(1);
    expect(productCount()).toBe(products + 1);

    // 3. The job's retry, through the worker: the same run continues and finishes.
    await stage.queue.enqueue(catalogJob(stage.shop, stage.connectionId, { full: false, dedupeKey: "resume-test", correlationId: "resume-test" }));
    await stage.runWorkerUntilIdle();

    const after = (await runs()).slice(runsBefore);
    expect(after.map((r) => r.id)).toEqual([interrupted.id]);
    expect(after[0]).toMatchObject({ status: "succeeded", total: 7, done: 6, skipped: 1, failed: 0 });
    expect(productCount()).toBe(products + 3);
    expect(await stage.apiCalls("CatalogProductCreate")).toBe(3);
    for (const code of ["NEW-1", "NEW-2", "NEW-3"]) {
      expect(stage.variantsWithSku(code), code).toMatchObject([{ status: "DRAFT", title: `New ${code}`, price: "9.99" }]);
      expect(await stage.db.skuMapping.count({ where: { connectionId: stage.connectionId, erpItemCode: code } }), code).toBe(1);
    }
  });

  it("an item Shopify refuses is counted failed with Shopify's reason, and the run goes on", async () => {
    await changeItem({ code: "MUG-1", barcode: "0002", name: "Mug", price: "9.00" });
    await changeItem({ code: "ODD-1", name: "Odd", price: "-5.00" });
    await syncOnSchedule(false);

    const run = (await runs()).at(-1)!;
    expect(run).toMatchObject({ status: "succeeded", failed: 1 });
    expect(run.lastError).toMatch(/ODD-1: Shopify refused .*greater than or equal to zero/);
    expect(stage.variantsWithSku("MUG-1")).toMatchObject([{ price: "9.00" }]);
  });
});
