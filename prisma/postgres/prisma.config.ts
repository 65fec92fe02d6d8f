// Prisma CLI configuration for PostgreSQL (scale-out). `prisma generate` works offline here;
// migrations are applied by scripts/db-migrate.ts, because the JS schema engine cannot
// introspect PostgreSQL through the pg adapter.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres" });
  },
});
