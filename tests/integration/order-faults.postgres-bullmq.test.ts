/**
 * The fault matrix on PostgreSQL with the BullMQ queue. The ERP outage is 15 s here (the SQLite
 * file runs the full 60 s) so the two files stay near two minutes; ORDER_FAULTS_OUTAGE_MS sets it.
 */
import { createPostgresDatabase } from "./helpers/databases";
import { orderFaultsSuite } from "./order-faults.suite";

orderFaultsSuite("PostgreSQL, BullMQ queue", async () => ({
  database: await createPostgresDatabase(),
  driver: "bullmq",
  outageMs: Number(process.env.ORDER_FAULTS_OUTAGE_MS || 15_000),
}));
