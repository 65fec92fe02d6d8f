/**
 * "Test connection" on the settings page, against a real Tryton: the answer in words is kept
 * with the connection, a connection of another shop is not found, and the password never
 * appears in what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorFor } from "~/connectors/erp/factory";
import { createDb, type Db } from "~/db/client.server";
import { testErpConnection } from "~/flows/connections/test-connection";
import { saveConnection } from "~/models/connections.server";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { liveTryton } from "./helpers/tryton";

const tryton = liveTryton();

describe("testing an ERP connection", () => {
  let database: TestDatabase;
  let db: Db;
  let shopId: string;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    shopId = (await db.shop.create({ data: { domain: "connection-test.myshopify.com" } })).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const saveTryton = async (password: string) => {
    const { password: _right, ...settings } = tryton.credentials();
    return saveConnection(db, { shopId, kind: "erp", provider: "tryton", name: "Tryton", settings: { ...settings, currency: "USD" }, secret: { password } });
  };

  it("keeps a failed test's reason with the connection, without the password", async () => {
    const connection = await saveTryton("wrong-password-123");
    const result = await testErpConnection(db, shopId, connection.id, connectorFor);
    expect(result).toMatchObject({ ok: false, problem: "login_refused", message: expect.stringContaining("check the user name and password") });
    const row = await db.connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row).toMatchObject({ lastTestOk: false, lastTestMessage: result.message });
    expect(row.lastTestedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain("wrong-password-123");
  });

  it("keeps a passing test's answer, which names the company", async () => {
    const connection = await saveTryton(tryton.credentials().password);
    const result = await testErpConnection(db, shopId, connection.id, connectorFor);
    expect(result.ok).toBe(true);
    expect(await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({ lastTestOk: true, lastTestMessage: expect.stringMatching(/company .+ \(USD\)/) });
  });

  it("says a settings problem in words instead of failing", async () => {
    const connection = await saveConnection(db, { shopId, kind: "erp", provider: "tryton", name: "Half set up", settings: { url: tryton.credentials().url }, secret: {} });
    expect(await testErpConnection(db, shopId, connection.id, connectorFor)).toEqual({ ok: false, message: "The Tryton connection has no database" });
  });

  it("does not test another shop's connection", async () => {
    const other = (await db.shop.create({ data: { domain: "other.myshopify.com" } })).id;
    const connection = await saveTryton("x");
    await expect(testErpConnection(db, other, connection.id, connectorFor)).rejects.toMatchObject({ errorClass: "not_found" });
  });
});
