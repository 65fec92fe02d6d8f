import { createSqliteDatabase } from "./helpers/databases";
import { webhookIntakeSuite } from "./webhook-intake.suite";

webhookIntakeSuite(() => createSqliteDatabase());
