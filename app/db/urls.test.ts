import { describe, expect, it } from "vitest";
import { DEFAULT_SQLITE_URL, databaseKind, sqliteFileUrl } from "./urls";

describe("database selection", () => {
  it("defaults to the embedded SQLite file", () => {
    expect(databaseKind(undefined)).toBe("sqlite");
    expect(sqliteFileUrl(undefined)).toBe(DEFAULT_SQLITE_URL);
  });

  it("recognises SQLite and PostgreSQL URLs", () => {
    expect(databaseKind("file:/tmp/x.db")).toBe("sqlite");
    expect(databaseKind("postgresql://u@127.0.0.1/db")).toBe("postgres");
    expect(databaseKind("postgres://u@127.0.0.1/db")).toBe("postgres");
  });

  it("refuses another scheme, naming it without echoing credentials", () => {
    expect(() => databaseKind("mysql://root:secret@localhost/db")).toThrow(/got "mysql:"/);
    expect(() => databaseKind("mysql://root:secret@localhost/db")).not.toThrow(/secret/);
  });
});
