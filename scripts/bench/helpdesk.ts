/**
 * npm run bench:helpdesk — how fast the Zendesk sidebar gets a customer's orders, on loopback,
 * SQLite and the database queue, worker in-process: sandbox Shopify, the reference ERP and the
 * helpdesk route served over HTTP in-process. A customer with BENCH_ORDERS orders (default 10)
 * posted to the ERP by the pipeline (some partly shipped, one refunded) is looked up by email
 * BENCH_REQUESTS times (default 300), one request after another, each with a freshly signed
 * token as Zendesk's proxy sends it. Then the same with the ERP stopped (connection refused:
 * last known data, stale) and hanging (answers cut at the ERP time budget).
 * The last line is `p95_ms=N`.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { CustomerOrdersAnswer } from "~/flows/helpdesk/view";
import { signTestHelpdeskToken } from "~/flows/helpdesk/test-support";
import { saveConnection } from "~/models/connections.server";
import { createSqliteDatabase } from "../../tests/integration/helpers/databases";
import { startOrderPipeline, type Pipeline } from "../../tests/integration/helpers/order-pipeline";
import { startRouteServer } from "../../tests/integration/helpers/route-server";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const EMAIL = "bench-customer@example.com";
const SECRET = "bench-zendesk-shared-secret";
/**
 * The shop's Shopify plan, which sets its Admin API restore rate. One lookup costs about 100
 * points, so on Standard ("shopify", 100 points/s) a shop sustains about one lookup a second
 * and a run of back-to-back requests measures Shopify's rate limit, not this API; Plus (1,000
 * points/s) leaves the API's own latency to measure.
 */
const PLAN = process.env.BENCH_PLAN ?? "plus";

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function seedCustomer(p: Pipeline): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ORDERS; i++) ids.push(await p.placeOrder({ email: EMAIL }));
  await p.waitForLinks(ids, 60_000);
  // Half of them partly shipped with tracking (stock allowing: the rest stay backordered), the
  // first shipped one with its shipping refunded: the answer has some weight.
  const shipped: string[] = [];
  for (const [i, orderId] of ids.entries()) {
    if (i % 2 !== 0) continue;
    const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId, erpType: "sales_order" } });
    const line = p.erp.admin.salesOrder(link.erpId).lines.find((l) => l.itemCode === "TEE-1" && l.allocated > 0);
    if (!line) continue;
    const res = await fetch(`${p.erp.url}/_admin/sales-orders/${link.erpId}/shipments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ packages: [{ carrier: "UPS", trackingNumber: `1Z-BENCH-${i}`, lines: [{ lineNo: line.lineNo, quantity: 1 }] }] }),
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`shipping failed: ${await res.text()}`);
    shipped.push(orderId);
  }
  if (shipped[0]) await p.control(`/shops/${p.shop}/orders/${shipped[0]}/refunds`, { shipping: { fullRefund: true }, note: "Late delivery" });
  console.log(`${shipped.length} of ${ids.length} orders partly shipped`);
  return ids;
}

async function measure(label: string, url: string, count: number, check: (answer: CustomerOrdersAnswer) => void) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${signTestHelpdeskToken(SECRET)}` } });
    const answer = (await res.json()) as CustomerOrdersAnswer;
    samples.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    if (i === 0) check(answer);
  }
  samples.sort((a, b) => a - b);
  const r = { n: count, p50: Math.round(pct(samples, 50)), p95: Math.round(pct(samples, 95)), max: Math.round(samples.at(-1)!) };
  console.log(`${label}: ${r.n} requests, p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms`);
  return r;
}

const database = await createSqliteDatabase();
const p = await startOrderPipeline({ database, driver: "database", erpCallbacks: true, concurrency: 8 });
let server: Awaited<ReturnType<typeof startRouteServer>> | null = null;
try {
  const shop = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
  const zendesk = await saveConnection(p.db, {
    shopId: shop.id,
    kind: "helpdesk",
    provider: "zendesk",
    name: "Zendesk",
    settings: { agentEmail: "agent@example.com", groupId: null },
    secret: { sharedSecret: SECRET, apiToken: "bench" },
  });
  const { loader } = await import("~/routes/helpdesk.$connectionId.orders");
  const path = `/helpdesk/${zendesk.id}/orders`;
  server = await startRouteServer({ [path]: (args) => loader({ ...args, params: { connectionId: zendesk.id } } as LoaderFunctionArgs) });
  p.startWorker();
  const seeded = Date.now();
  const ids = await seedCustomer(p);
  await sleep(500); // let the refund's credit memo and the fulfilments settle
  console.log(`seeded a customer with ${ids.length} orders in the ERP in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  await p.control(`/shops/${p.shop}/plan`, { plan: PLAN });
  await sleep(2_000); // a full Admin API bucket to start from
  await p.control(`/shops/${p.shop}/api-usage/reset`, {});
  const url = `${server.url}${path}?email=${encodeURIComponent(EMAIL)}`;
  const fresh = (answer: CustomerOrdersAnswer) => {
    const withErp = answer.orders.filter((o) => o.erp && !o.erp.stale).length;
    if (answer.orders.length !== Math.min(ORDERS, 10) || withErp !== answer.orders.length) {
      throw new Error(`expected ${Math.min(ORDERS, 10)} orders with fresh ERP data, got ${answer.orders.length} (${withErp} fresh)`);
    }
  };
  await measure("warm-up", url, 20, fresh);
  const healthy = await measure(`[a] ERP up, Shopify plan "${PLAN}": GET /orders (fresh ERP data)`, url, REQUESTS, fresh);
  const usage = (await p.control(`/shops/${p.shop}/api-usage`)).body.usage as { calls: number; actualCost: number; throttled: number; requestedCost: number };
  const perLookup = usage.actualCost / Math.max(1, usage.calls);
  console.log(
    `[a] Admin API per lookup: ${perLookup.toFixed(0)} points used (${(usage.requestedCost / Math.max(1, usage.calls)).toFixed(0)} requested), ${usage.throttled} THROTTLED in ${usage.calls} calls`,
  );

  await p.erp.admin.setSwitches({ outage: "refused" });
  const stale = (answer: CustomerOrdersAnswer) => {
    if (!answer.orders.every((o) => o.erp?.stale && o.erpUnavailable)) throw new Error("expected every order to be stale while the ERP is down");
  };
  await measure("[b] ERP stopped (connection refused): GET /orders (last known data, stale)", url, Math.max(50, Math.round(REQUESTS / 3)), stale);
  await p.erp.admin.setSwitches({ outage: "off", faultRate: 1, faultKind: "timeout" });
  await measure("[c] ERP hanging: GET /orders (cut at the ERP time budget, stale)", url, 20, stale);
  await p.erp.admin.setSwitches({ faultRate: 0 });

  console.log(`p95_ms=${healthy.p95}`);
} finally {
  await server?.close();
  await p.close();
  await database.drop();
}
process.exit(0);
