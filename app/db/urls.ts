/** Which database a DATABASE_URL names; SQLite (the embedded default) when unset. */
export type DatabaseKind = "sqlite" | "postgres";

export const DEFAULT_SQLITE_URL = "file:./.data/app.db";

export function databaseKind(url: string | undefined): DatabaseKind {
  if (!url || url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgres";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:"`,
  );
}

/** The SQLite file URL to open; relative paths resolve against the working directory. */
export function sqliteFileUrl(url: string | undefined): string {
  return url && url.startsWith("file:") ? url : DEFAULT_SQLITE_URL;
}
