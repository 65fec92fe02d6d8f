// Prisma CLI configuration for the embedded SQLite database. Prisma's JS engine mode with a
// driver adapter needs no engine binaries, so it works offline.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFileUrl } from "../../app/db/urls";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqliteFileUrl(process.env.DATABASE_URL) });
  },
});
