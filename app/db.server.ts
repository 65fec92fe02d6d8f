/** The app's one database client, kept across dev-server reloads. */
import { createDb, type Db } from "./db/client.server";
import { closeOnShutdown } from "./web-shutdown.server";

declare global {
  var __erpBridgeDb: Db | undefined;
}

const db: Db = globalThis.__erpBridgeDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalThis.__erpBridgeDb = db;
closeOnShutdown("database", () => db.$disconnect());

export default db;
