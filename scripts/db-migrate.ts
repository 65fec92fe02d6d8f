/**
 * npm run db:migrate [-- <DATABASE_URL> ...]
 * Applies committed migrations to each database named (default: $DATABASE_URL, else the
 * embedded SQLite file). Works offline for SQLite and PostgreSQL alike.
 */
import { migrate } from "../app/db/migrate.server";

const urls = process.argv.slice(2);
if (urls.length === 0) urls.push(process.env.DATABASE_URL ?? "");

for (const url of urls) {
  const label = url ? url.replace(/\/\/([^:@/]+):[^@]*@/, "//$1:***@") : "embedded SQLite (.data/app.db)";
  const applied = await migrate(url || undefined);
  console.log(`${label}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
}
