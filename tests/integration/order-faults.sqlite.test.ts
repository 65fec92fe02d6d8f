/** The fault matrix on SQLite with the database queue, with the full 60 s ERP outage. */
import { createSqliteDatabase } from "./helpers/databases";
import { orderFaultsSuite } from "./order-faults.suite";

orderFaultsSuite("SQLite, database queue", async () => ({
  database: await createSqliteDatabase(),
  driver: "database",
  outageMs: Number(process.env.ORDER_FAULTS_OUTAGE_MS || 60_000),
}));
