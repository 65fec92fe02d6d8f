/**
 * npm run db:new-migration -- <name>
 * After editing BOTH prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma, writes a
 * migration per database: the SQL from the schema as of the last migration (kept beside each
 * migration as schema.prisma) to the schema now.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrationSql, schemaPath } from "../app/db/prisma-cli.server";
import type { DatabaseKind } from "../app/db/urls";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name in snake_case>");
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);

for (const kind of ["sqlite", "postgres"] as DatabaseKind[]) {
  const dir = path.join(path.dirname(schemaPath(kind)), "migrations");
  const last = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1);
  const sql = migrationSql(kind, schemaPath(kind), last ? path.join(dir, last, "schema.prisma") : undefined);
  if (!sql.replace(/--.*$/gm, "").trim()) {
    console.log(`${kind}: no change`);
    continue;
  }
  const target = path.join(dir, `${stamp}_${name}`);
  mkdirSync(target);
  writeFileSync(path.join(target, "migration.sql"), sql);
  copyFileSync(schemaPath(kind), path.join(target, "schema.prisma"));
  console.log(`${kind}: wrote ${path.relative(process.cwd(), target)}`);
}
