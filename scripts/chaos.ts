/**
 * npm run chaos — for each queue driver (CHAOS_DRIVERS, default "database,bullmq": the database
 * queue on SQLite, or on PostgreSQL with CHAOS_DATABASE=postgres; BullMQ on a Redis server of
 * its own with PostgreSQL), the whole order pipeline on loopback under chaos: CHAOS_ORDERS
 * (10,000) orders placed at CHAOS_RATE (10) per second through sandbox Shopify (the shop on the
 * Plus plan), CHAOS_DUPLICATE_RATE (0.3) of deliveries sent twice with the same webhook id and
 * CHAOS_REORDER_RATE (0.2) held back so later events overtake them, while: a random one of
 * CHAOS_WORKERS (2) worker processes is SIGKILLed and replaced every 3-5 s; the reference ERP
 * fails CHAOS_ERP_FAULT_RATE (0.2) of its calls (500s and hangs past the app's timeout) and goes
 * down for CHAOS_ERP_DOWN_S (30) s once; the Redis server is SIGKILLed and started empty once
 * (BullMQ); the web process is SIGKILLed and started again once (sandbox Shopify retries what it
 * could not deliver). Then the chaos stops, the system drains (at most CHAOS_DRAIN_TIMEOUT_S,
 * 1,800), the app's order reconciliation runs, and every Shopify order is looked up in the ERP.
 *
 * Output: progress every 10 s, one line per driver, and as the last line the sum over the
 * drivers: `orders=N erp_docs=N missing=N duplicates=N` (missing: Shopify orders without a sales
 * order; duplicates: Shopify orders with more than one). Exits 1 unless both are 0.
 * Workers' JSON logs: .data/chaos/<driver>-workers.log. CHAOS_CPU_PROF_DIR=<dir>: CPU profiles
 * of the web and worker processes that exit normally.
 */
import { killAll, killChildrenOnExit } from "./chaos/children";
import { chaosOptionsFromEnv, driversFromEnv } from "./chaos/options";
import { runChaos, tallyLine, type ChaosResult } from "./chaos/run";

killChildrenOnExit();
const started = Date.now();
const results: ChaosResult[] = [];
try {
  for (const driver of driversFromEnv()) {
    const result = await runChaos(chaosOptionsFromEnv(driver));
    results.push(result);
    console.log(
      `[${driver}] ${tallyLine(result)} in ${result.seconds.toFixed(0)} s; open exceptions ${result.openExceptions}, ` +
        `deliveries given up ${result.failedDeliveries}, healed by the final reconciliation ${result.healedByFinalReconciliation}; ` +
        `redeliveries ${result.redeliveries}, ERP faults ${result.erpFaults.errors} 500s + ${result.erpFaults.hangs} hangs; ${result.chaos}`,
    );
  }
} catch (error) {
  console.error(`chaos suite failed: ${(error as Error).stack ?? error}`);
  killAll();
  process.exit(2);
}
const sum = (key: "orders" | "erpDocs" | "missing" | "duplicates") => results.reduce((a, r) => a + r[key], 0);
console.log(`chaos suite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(tallyLine({ orders: sum("orders"), erpDocs: sum("erpDocs"), missing: sum("missing"), duplicates: sum("duplicates") }));
process.exit(sum("missing") === 0 && sum("duplicates") === 0 ? 0 : 1);
