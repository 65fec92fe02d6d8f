/** Runs a suite once on SQLite (embedded default) and once on PostgreSQL (scale-out). */
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./databases";

export function describeEachDatabase(name: string, suite: (ctx: { db: () => Db; kind: "sqlite" | "postgres" }) => void) {
  for (const kind of ["sqlite", "postgres"] as const) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase;
      let db: Db;
      beforeAll(async () => {
        database = kind === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
        db = createDb(database.url);
      });
      afterAll(async () => {
        await db?.$disconnect();
        await database?.drop();
      });
      suite({ db: () => db, kind });
    });
  }
}
