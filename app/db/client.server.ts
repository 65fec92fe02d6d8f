/**
 * The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL
 * (scale-out), chosen by DATABASE_URL. Both generated clients describe the same models (the
 * schema drift test guarantees it), so the app is typed against one of them.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "../../prisma/generated/sqlite";
import { databaseKind, sqliteFileUrl } from "./urls";

export type Db = PrismaClient;

// The generated clients are CommonJS; load them on demand so a PostgreSQL deployment never
// opens SQLite and vice versa.
const require = createRequire(import.meta.url);

/**
 * prisma/generated, found upwards from this module: two levels up in the sources, but the
 * built server may place this code in a deeper chunk (build/server/assets/...).
 */
function generatedClient(kind: "sqlite" | "postgres"): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "prisma", "generated", kind);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return `../../prisma/generated/${kind}`;
  }
}

export function createDb(url = process.env.DATABASE_URL): Db {
  if (databaseKind(url) === "postgres") {
    const { PrismaClient: PgClient } = require(generatedClient("postgres")) as {
      PrismaClient: new (options: { adapter: PrismaPg }) => unknown;
    };
    return new PgClient({ adapter: new PrismaPg({ connectionString: url! }) }) as Db;
  }
  const { PrismaClient: SqliteClient } = require(generatedClient("sqlite")) as {
    PrismaClient: new (options: { adapter: PrismaBetterSQLite3 }) => Db;
  };
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileUrl(url) }) });
}
