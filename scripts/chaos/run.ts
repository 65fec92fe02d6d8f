/**
 * One driver's chaos run: orders placed at a steady rate through sandbox Shopify (duplicate and
 * out-of-order deliveries switched on) while the chaos schedule runs; then the chaos stops, the
 * system drains, the app's order reconciliation runs once more, and once nothing is left to do
 * every Shopify order is looked up in the ERP.
 */
import { reconcileOrdersJob } from "~/flows/orders/reconcile";
import { placeOrder, updateOrder } from "../../sandbox/shopify/store/orders";
import { sleep } from "../lib/processes";
import { startChaos, type ChaosPlan } from "./schedule";
import { startChaosStack, type ChaosStack, type Driver, type StackSettings } from "./stack";
import { tally, tallyLine, type Tally } from "./tally";

export interface ChaosOptions {
  driver: Driver;
  orders: number;
  /** Orders placed per second. */
  rate: number;
  duplicateRate: number;
  reorderRate: number;
  /** Longest a reordered (or redelivered) webhook is held back, in real time. */
  reorderMaxMs: number;
  /** Share of orders that get an orders/updated (a staff edit) a little later. */
  updateRate: number;
  /** The chaos schedule; moments are from the first order. */
  plan: ChaosPlan;
  stack: Omit<StackSettings, "driver">;
  drainTimeoutMs: number;
  progressEveryMs: number;
  say?: (line: string) => void;
}

export interface ChaosResult extends Tally {
  driver: Driver;
  seconds: number;
  chaos: string;
  /** Diagnostics: exceptions left open, deliveries that never got a 2xx, what the final reconciliation had to heal. */
  openExceptions: number;
  failedDeliveries: number;
  healedByFinalReconciliation: number;
  /** Evidence that the delivery and ERP chaos happened: second copies sent, ERP faults injected. */
  redeliveries: number;
  erpFaults: { errors: number; hangs: number };
}

const EMAILS = Array.from({ length: 40 }, (_, i) => `chaos-buyer-${i}@example.com`);

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const say = (line: string) => (options.say ?? console.log)(`[${options.driver}] ${line}`);
  const started = Date.now();
  const stack = await startChaosStack({ driver: options.driver, ...options.stack });
  try {
    say(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: web ${stack.web.url}, ${options.stack.workers} workers, ERP ${stack.erp.url}${stack.redis ? `, Redis ${stack.redis.url}` : ""}`);
    const realToSandbox = (ms: number) => Math.round(ms / options.stack.webhookTimeScale);
    stack.sandbox.setWebhookSwitches(null, {
      duplicateRate: options.duplicateRate,
      reorderRate: options.reorderRate,
      reorderDelayMs: realToSandbox(options.reorderMaxMs),
    });

    const chaosStarted = Date.now();
    let placed = 0;
    const chaos = startChaos(stack, options.plan, say);
    const progress = setInterval(() => say(progressLine(stack, placed, chaosStarted)), options.progressEveryMs);
    try {
      await placeOrders(stack, options, () => (placed += 1));
      say(`placed ${placed} orders in ${((Date.now() - chaosStarted) / 1000).toFixed(1)} s; waiting for the chaos schedule to end`);
      await chaos.finish();
      say(`chaos over: ${chaos.summary()}`);
      const healed = await drain(stack, options, say);
      const result = tally(stack);
      const openExceptions = await stack.db.syncException.count({ where: { status: { in: ["open", "retrying"] } } });
      const failedDeliveries = stack.sandbox.services.webhooks.deliveries.filter((d) => d.state === "failed").length;
      if (result.missing || result.duplicates) say(`missing e.g. ${result.examples.missing.join(", ")}; doubled e.g. ${result.examples.duplicates.join(", ")}`);
      return {
        driver: options.driver,
        ...result,
        seconds: (Date.now() - started) / 1000,
        chaos: chaos.summary(),
        openExceptions,
        failedDeliveries,
        healedByFinalReconciliation: healed,
        redeliveries: stack.sandbox.services.webhooks.deliveries.filter((d) => d.duplicateOf !== null).length,
        erpFaults: stack.erp.faults(),
      };
    } finally {
      clearInterval(progress);
    }
  } catch (error) {
    throw new Error(`${(error as Error).message}\nweb log: ${stack.web.log().slice(-2_000)}\n${stack.workers.logs()}`, { cause: error });
  } finally {
    await stack.close();
  }
}

async function placeOrders(stack: ChaosStack, options: ChaosOptions, onPlaced: () => void) {
  const shop = stack.sandbox.store.get(stack.shop);
  const first = Date.now();
  const updates: Promise<void>[] = [];
  for (let i = 0; i < options.orders; i++) {
    const due = first + (i * 1000) / options.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const order = placeOrder(shop, {
      lines: [{ sku: "TEE-1", quantity: 1 + (i % 3) }, { sku: "MUG-1", quantity: 1 }],
      email: EMAILS[i % EMAILS.length],
      shipping: { title: "Standard", price: "5.00" },
      taxRate: 0.1,
      financialStatus: "paid",
    });
    onPlaced();
    if (Math.random() < options.updateRate) {
      updates.push(sleep(500 + Math.random() * 2_000).then(() => void updateOrder(shop, order.id, { tags: ["chaos", `edit-${i}`] })));
    }
  }
  await Promise.all(updates);
}

function progressLine(stack: ChaosStack, placed: number, since: number): string {
  const states: Record<string, number> = {};
  const failures: Record<string, number> = {};
  for (const d of stack.sandbox.services.webhooks.deliveries) {
    states[d.state] = (states[d.state] ?? 0) + 1;
    for (const a of d.attempts) if (a.error) failures[a.error] = (failures[a.error] ?? 0) + 1;
  }
  const docs = [...stack.erp.salesOrderCounts().values()].reduce((a, b) => a + b, 0);
  const usage = stack.sandbox.services.usage.get(stack.shop);
  return (
    `t=${((Date.now() - since) / 1000).toFixed(0)} s placed=${placed} deliveries=${JSON.stringify(states)} failed attempts=${JSON.stringify(failures)} ` +
    `erp_docs=${docs}${stack.erp.current() ? "" : " (ERP down)"} kills=${stack.workers.kills()} shopify_calls=${usage.calls} throttled=${usage.throttled} cost=${usage.actualCost}`
  );
}

/**
 * Waits for sandbox Shopify to have delivered everything (retries included), runs the app's
 * order reconciliation once, then waits until no delivery is left in the inbox and no orders
 * job in the queue. Returns how many orders the reconciliation enqueued.
 */
async function drain(stack: ChaosStack, options: ChaosOptions, say: (line: string) => void): Promise<number> {
  const deadline = Date.now() + options.drainTimeoutMs;
  const waitFor = async (what: string, check: () => Promise<boolean> | boolean) => {
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`drain: timed out after ${options.drainTimeoutMs / 1000} s waiting for ${what}`);
      await sleep(1_000);
    }
  };
  const deliveries = stack.sandbox.services.webhooks.deliveries;
  await waitFor("sandbox Shopify's webhook deliveries and retries", () => !deliveries.some((d) => d.state === "pending" || d.state === "retrying" || d.state === "held"));
  say("every webhook delivered (or given up); running the order reconciliation");

  const shop = await stack.db.shop.findUniqueOrThrow({ where: { domain: stack.shop }, select: { id: true, domain: true } });
  const asked = new Date();
  await stack.queue.enqueue(reconcileOrdersJob(shop, { dedupeKey: `chaos-final-reconcile:${asked.getTime()}`, correlationId: "chaos-final-reconcile" }));
  let enqueued = 0;
  await waitFor("the order reconciliation", async () => {
    const run = await stack.db.syncRun.findFirst({
      where: { shopId: shop.id, kind: "order_reconciliation", status: "succeeded", startedAt: { gte: asked } },
      orderBy: { startedAt: "asc" },
    });
    if (run) enqueued = run.done;
    return run !== null;
  });
  say(`reconciliation enqueued ${enqueued} orders the ERP lacked or had stale; waiting for the queue to drain`);

  let quiet = 0;
  let last = "";
  await waitFor("the inbox and the orders queue to drain", async () => {
    // "queued" too: a delivery whose worker was SIGKILLed between the job's success and marking
    // it, or whose job a Redis restart lost, is settled or handed on by the workers' stale look.
    const inbox = await stack.db.inboxEvent.groupBy({ by: ["status"], _count: true });
    const open = inbox.filter((g) => g.status === "received" || g.status === "queued").reduce((a, g) => a + g._count, 0);
    const depth = (await stack.queue.stats(["orders"])).orders;
    const now = `inbox ${JSON.stringify(Object.fromEntries(inbox.map((g) => [g.status, g._count])))}, orders queue ${JSON.stringify(depth)}`;
    if (now !== last) say(`drain: ${(last = now)}`);
    quiet = open === 0 && depth.queued + depth.delayed + depth.running === 0 ? quiet + 1 : 0;
    return quiet >= 3;
  });
  return enqueued;
}

export { tallyLine };
