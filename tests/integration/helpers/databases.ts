/**
 * Fresh databases for integration tests: a PostgreSQL database per test file on the local
 * server (127.0.0.1:5432), or a SQLite file in a temporary folder, each migrated.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "~/db/migrate.server";

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(error as Error).message}). ` +
        "Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_PG_ADMIN_URL.",
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database; `migrated` applies the committed migrations. */
export async function createPostgresDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const name = `erp_bridge_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  if (migrated) await migrate(url);
  return { url, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** An empty SQLite file in a temporary folder; `migrated` applies the committed migrations. */
export async function createSqliteDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "erp-bridge-"));
  const url = `file:${path.join(dir, "test.db")}`;
  if (migrated) await migrate(url);
  return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
