import { createPostgresDatabase } from "./helpers/databases";
import { webhookIntakeSuite } from "./webhook-intake.suite";

webhookIntakeSuite(() => createPostgresDatabase());
