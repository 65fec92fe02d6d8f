/**
 * A local Tryton for the demo: initialises .data/tryton/ once (company, chart of accounts,
 * fiscal year, the demo catalogue with stock), then serves it on 127.0.0.1:8000 until Ctrl-C.
 * Then: DEMO_ERP=tryton npm run demo.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTrytonRpc } from "../app/connectors/erp/tryton";
import { DEMO_TRYTON_CATALOG } from "./lib/tryton/demo-catalog";
import { databaseFile, initTrytonDatabase, requireTryton, startTryton } from "./lib/tryton/server";
import { seedTrytonCatalog, setUpTrytonCompany } from "./lib/tryton/setup";

const dir = path.resolve(process.env.TRYTON_DIR ?? ".data/tryton");
const database = process.env.TRYTON_DATABASE ?? "demo";
const password = process.env.TRYTON_PASSWORD ?? "admin";
const port = Number(process.env.TRYTON_PORT ?? 8000);
const ready = path.join(dir, `${database}.ready`);

requireTryton();
if (!existsSync(ready)) {
  console.log(`Initialising Tryton database "${database}" in ${dir} (about half a minute)...`);
  rmSync(databaseFile(dir, database), { force: true });
  initTrytonDatabase({ dir, database, adminPassword: password });
}
const server = await startTryton({ dir, port });
if (!existsSync(ready)) {
  const config = { url: server.url, database, login: "admin", password };
  await setUpTrytonCompany(createTrytonRpc(config));
  await seedTrytonCatalog(createTrytonRpc(config), DEMO_TRYTON_CATALOG);
  writeFileSync(ready, new Date().toISOString());
}

console.log(`
Tryton is running (pid ${server.pid}).
  URL: ${server.url}   database: ${database}   login: admin   password: ${password === "admin" ? "admin" : "(TRYTON_PASSWORD)"}
  Post the demo shop's orders to it:  DEMO_ERP=tryton TRYTON_URL=${server.url} TRYTON_DATABASE=${database} npm run demo
Press Ctrl-C to stop.
`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
