/**
 * Applies the committed SQL migrations in prisma/<kind>/migrations to a database.
 *
 * Prisma's schema engine cannot introspect PostgreSQL through the pg driver adapter offline,
 * so both databases are migrated here, by one small runner. It records applied migrations in
 * Prisma's own _prisma_migrations table (same columns, sha256 checksums), so history reads the
 * same as with `prisma migrate deploy`.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFileUrl, type DatabaseKind } from "./urls";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationChecksumError extends Error {}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The migrations committed for one database kind, oldest first. */
export function committedMigrations(kind: DatabaseKind, root = ROOT): Migration[] {
  const dir = path.join(root, "prisma", kind, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies every migration not yet applied; returns the names it applied. */
export async function migrate(url: string | undefined): Promise<string[]> {
  const kind = databaseKind(url);
  const migrations = committedMigrations(kind);
  return kind === "sqlite" ? migrateSqlite(sqliteFileUrl(url), migrations) : migratePostgres(url!, migrations);
}

function pending(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new MigrationChecksumError(
        `Migration ${m.name} was changed after it was applied; add a new migration instead of editing it.`,
      );
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function sqlitePath(fileUrl: string): string {
  return path.resolve(fileUrl.slice("file:".length));
}

function migrateSqlite(fileUrl: string, migrations: Migration[]): string[] {
  const file = sqlitePath(fileUrl);
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const db = new Database(file);
  try {
    // Write-ahead logging: the web process and the worker read while the other writes.
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const rows = db
      .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string; checksum: string }[];
    const todo = pending(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of todo) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, m.name, Date.now(), Date.now());
      })();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time, even when several web processes start together.
    await client.query("SELECT pg_advisory_lock(724201)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const todo = pending(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of todo) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(724201)").catch(() => undefined);
    await client.end();
  }
}
