import { createSqliteDatabase } from "./helpers/databases";
import { orderPipelineSuite } from "./order-pipeline.suite";

orderPipelineSuite("SQLite, database queue", async () => ({ database: await createSqliteDatabase(), driver: "database" }));
