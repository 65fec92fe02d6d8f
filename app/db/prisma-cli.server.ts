/** Runs the Prisma CLI (JS engine mode, offline) for one database kind. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { DatabaseKind } from "./urls";

const ROOT = path.resolve(import.meta.dirname, "../..");

export function schemaPath(kind: DatabaseKind) {
  return path.join(ROOT, "prisma", kind, "schema.prisma");
}

/** The SQL that creates `toSchema` from `fromSchema` (or from nothing). */
export function migrationSql(kind: DatabaseKind, toSchema: string, fromSchema?: string): string {
  const from = fromSchema ? ["--from-schema-datamodel", fromSchema] : ["--from-empty"];
  // The schema engine opens a connection even for schema-to-schema diffs.
  const url = kind === "sqlite" ? "file:./.data/prisma-cli.db" : process.env.PRISMA_CLI_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  return execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/prisma/build/index.js"),
      "migrate", "diff", "--config", path.join(ROOT, "prisma", kind, "prisma.config.ts"),
      ...from, "--to-schema-datamodel", toSchema, "--script",
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}
