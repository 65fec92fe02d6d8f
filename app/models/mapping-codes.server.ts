/** Code mappings (tax codes, shipping methods, payment gateways): a Shopify code <-> an ERP code, per connection and kind. */
import type { ErpCodes } from "~/connectors/erp/port";
import type { Db } from "~/db/client.server";

export interface CodeMappingRow {
  id: string;
  kind: string;
  shopifyCode: string;
  erpCode: string;
}

const SELECT = { id: true, kind: true, shopifyCode: true, erpCode: true } as const;

export function codeMappings(db: Db, connectionId: string): Promise<CodeMappingRow[]> {
  return db.codeMapping.findMany({ where: { connectionId }, select: SELECT, orderBy: [{ kind: "asc" }, { shopifyCode: "asc" }] });
}

export function codeMappingById(db: Db, connectionId: string, id: string): Promise<CodeMappingRow | null> {
  return db.codeMapping.findFirst({ where: { id, connectionId }, select: SELECT });
}

/**
 * The mapping of this Shopify code of this kind, other than `exceptId`. Compared without case:
 * "Standard" and "standard" are the same method to a merchant, and two rows would be ambiguous.
 */
export async function duplicateCodeMapping(db: Db, input: { connectionId: string; kind: string; shopifyCode: string; exceptId?: string }): Promise<CodeMappingRow | null> {
  const rows = await db.codeMapping.findMany({ where: { connectionId: input.connectionId, kind: input.kind }, select: SELECT });
  const wanted = input.shopifyCode.toLowerCase();
  return rows.find((r) => r.id !== input.exceptId && r.shopifyCode.toLowerCase() === wanted) ?? null;
}

export function addCodeMapping(db: Db, input: { shopId: string; connectionId: string; kind: string; shopifyCode: string; erpCode: string }): Promise<CodeMappingRow> {
  return db.codeMapping.create({ data: input, select: SELECT });
}

export async function updateCodeMapping(db: Db, connectionId: string, id: string, input: { shopifyCode: string; erpCode: string }): Promise<boolean> {
  const { count } = await db.codeMapping.updateMany({ where: { id, connectionId }, data: input });
  return count === 1;
}

export async function deleteCodeMapping(db: Db, connectionId: string, id: string): Promise<boolean> {
  const { count } = await db.codeMapping.deleteMany({ where: { id, connectionId } });
  return count === 1;
}

/** The connection's code mappings by kind, as the ERP connectors read them when posting an order. */
export async function erpCodesOf(db: Db, connectionId: string): Promise<ErpCodes> {
  const codes: Record<keyof ErpCodes, Record<string, string>> = { tax: {}, shipping: {}, payment: {} };
  const rows = await db.codeMapping.findMany({ where: { connectionId }, select: { kind: true, shopifyCode: true, erpCode: true } });
  for (const row of rows) if (row.kind in codes) codes[row.kind as keyof ErpCodes][row.shopifyCode] = row.erpCode;
  return codes;
}
