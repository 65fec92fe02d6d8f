/**
 * SQLite and PostgreSQL must describe the same models, and each database's committed
 * migrations must build exactly what its schema describes.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrationSql, schemaPath } from "~/db/prisma-cli.server";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./helpers/databases";

/** The model blocks of a schema, without comments, layout or provider-specific native types. */
function models(schemaFile: string): string[] {
  const text = readFileSync(schemaFile, "utf8").replace(/\/\/.*$/gm, "");
  return [...text.matchAll(/model\s+\w+\s*\{[^}]*\}/g)].map((m) =>
    m[0].replace(/@db\.\w+(\([^)]*\))?/g, "").replace(/\s+/g, " ").trim(),
  );
}

function latestSnapshot(kind: "sqlite" | "postgres") {
  const dir = path.join(path.dirname(schemaPath(kind)), "migrations");
  const last = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1)!;
  return path.join(dir, last, "schema.prisma");
}

function sqliteStructure(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
      .all() as { name: string }[];
    return tables.map(({ name }) => ({
      name,
      columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
      indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
        .map((ix) => ({ ...ix, columns: db.prepare(`PRAGMA index_info("${ix.name}")`).all() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    db.close();
  }
}

async function postgresStructure(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

describe("schema drift", () => {
  it("SQLite and PostgreSQL schemas describe the same models", () => {
    const sqlite = models(schemaPath("sqlite"));
    expect(sqlite.length).toBeGreaterThanOrEqual(12);
    expect(models(schemaPath("postgres"))).toEqual(sqlite);
  });

  it.each(["sqlite", "postgres"] as const)("%s: the last migration was made from the current schema", (kind) => {
    expect(models(latestSnapshot(kind)), "schema changed without a migration: run npm run db:new-migration").toEqual(
      models(schemaPath(kind)),
    );
  });

  it("SQLite: migrations build what the schema describes", async () => {
    const migrated = await createSqliteDatabase();
    const direct = await createSqliteDatabase({ migrated: false });
    databases.push(migrated, direct);
    const file = direct.url.slice("file:".length);
    const db = new Database(file);
    db.exec(migrationSql("sqlite", schemaPath("sqlite")));
    db.close();
    const expected = sqliteStructure(file);
    expect(expected.map((t) => t.name)).toContain("InboxEvent");
    expect(sqliteStructure(migrated.url.slice("file:".length))).toEqual(expected);
  });

  it("PostgreSQL: migrations build what the schema describes", async () => {
    const migrated = await createPostgresDatabase();
    const direct = await createPostgresDatabase({ migrated: false });
    databases.push(migrated, direct);
    const client = new pg.Client({ connectionString: direct.url });
    await client.connect();
    await client.query(migrationSql("postgres", schemaPath("postgres")));
    await client.end();
    const expected = await postgresStructure(direct.url);
    expect(expected.columns.length).toBeGreaterThan(50);
    expect(await postgresStructure(migrated.url)).toEqual(expected);
  });
});
