import { createPostgresDatabase } from "./helpers/databases";
import { orderPipelineSuite } from "./order-pipeline.suite";

orderPipelineSuite("PostgreSQL, BullMQ queue", async () => ({ database: await createPostgresDatabase(), driver: "bullmq" }));
