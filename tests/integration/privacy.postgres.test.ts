import { createPostgresDatabase } from "./helpers/databases";
import { privacySuite } from "./privacy.suite";

privacySuite("PostgreSQL", "postgres", () => createPostgresDatabase());
