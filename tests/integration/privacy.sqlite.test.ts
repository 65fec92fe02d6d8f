import { createSqliteDatabase } from "./helpers/databases";
import { privacySuite } from "./privacy.suite";

privacySuite("SQLite", "sqlite", () => createSqliteDatabase());
