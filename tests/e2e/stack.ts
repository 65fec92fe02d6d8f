/**
 * Playwright's web server for the e2e tests: a fresh SQLite database with a seeded shop, then
 * sandbox Shopify and the built app on fixed loopback ports. Runs until Playwright stops it.
 */
import { rmSync } from "node:fs";
import { createDb } from "../../app/db/client.server";
import { migrate } from "../../app/db/migrate.server";
import { declaredScopes } from "../../scripts/lib/app-toml";
import { startStack } from "../../scripts/lib/stack";
import { WORKER_TIMERS_OFF } from "../../scripts/lib/worker-timers";
import { seedInstalledShop } from "./seed";
import { E2E } from "./stack-config";

const databaseUrl = `file:${E2E.databaseFile}`;
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${E2E.databaseFile}${suffix}`, { force: true });
await migrate(databaseUrl);
const db = createDb(databaseUrl);
await seedInstalledShop(db, E2E.shop, declaredScopes());
await db.$disconnect();

const stack = await startStack({
  appPort: E2E.appPort,
  sandboxPort: E2E.sandboxPort,
  databaseUrl,
  apiKey: E2E.apiKey,
  apiSecret: E2E.apiSecret,
  shops: [
    { domain: E2E.shop, name: "E2E Outdoors" },
    { domain: E2E.freshShop, name: "E2E Fresh" },
    { domain: E2E.connectedShop, name: "E2E Connected" },
  ],
  erp: { port: E2E.erpPort, dbPath: ":memory:", connectShops: [E2E.connectedShop] },
  // The seeded shops hold made-up history (and an ERP connection with no address) that the
  // timers would try to heal or poll; the integration tests cover those timers.
  workerEnv: WORKER_TIMERS_OFF,
});
// An exception of the connected shop, for the exception queue test to work on.
const seeded = createDb(databaseUrl);
const connected = await seeded.shop.findUniqueOrThrow({ where: { domain: E2E.connectedShop } });
await seeded.syncException.create({
  data: {
    shopId: connected.id, flow: "orders", errorClass: "rejected", message: "The ERP refused the order: customer account on hold",
    businessImpact: "high", correlationId: "e2e-exception", sourceType: "order", sourceId: "7001", sourceName: "#2001",
  },
});
await seeded.$disconnect();
console.log(`e2e stack: app ${stack.appUrl}, sandbox ${stack.sandboxUrl}`);

const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
