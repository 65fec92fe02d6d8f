/**
 * Code mappings as a person sets them (tax codes, shipping methods, payment gateways): one ERP
 * code per Shopify code and kind; a Shopify code mapped twice is refused on its field. Audited.
 */
import type { Db } from "~/db/client.server";
import { recordMappingChange } from "~/models/mapping-audit.server";
import { addCodeMapping, codeMappingById, deleteCodeMapping, duplicateCodeMapping, updateCodeMapping, type CodeMappingRow } from "~/models/mapping-codes.server";
import { CODE_KIND_TEXT, isCodeKind, type CodeKind } from "./code-kinds";
import type { ChangeOutcome } from "./change-outcome";
import { checkCode, collect } from "./validation";

export interface CodeDeps {
  db: Db;
  actor: string;
}

export interface CodeTarget {
  shopId: string;
  connectionId: string;
}

function audit(deps: CodeDeps, target: CodeTarget, action: string, subjectId: string, summary: string, before: unknown, after: unknown) {
  return recordMappingChange(deps.db, { shopId: target.shopId, actor: deps.actor, action: `code_mapping.${action}`, subjectType: "code_mapping", subjectId, connectionId: target.connectionId, summary, before, after });
}

const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";

function checkedCodes(kind: CodeKind, form: { shopifyCode: unknown; erpCode: unknown }) {
  const text = CODE_KIND_TEXT[kind];
  return collect({ shopifyCode: checkCode(form.shopifyCode, text.shopifyLabel), erpCode: checkCode(form.erpCode, text.erpLabel) });
}

const duplicateMessage = (kind: CodeKind, existing: Pick<CodeMappingRow, "shopifyCode" | "erpCode">) =>
  `${CODE_KIND_TEXT[kind].singular} "${existing.shopifyCode}" is already mapped (to ${existing.erpCode}): edit that row instead`;

export async function addCode(deps: CodeDeps, target: CodeTarget, form: { kind: unknown; shopifyCode: unknown; erpCode: unknown }): Promise<ChangeOutcome> {
  if (!isCodeKind(form.kind)) return { ok: false, errors: {}, message: "Choose tax code, shipping method or payment gateway" };
  const kind = form.kind;
  const { values, errors } = checkedCodes(kind, form);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const existing = await duplicateCodeMapping(deps.db, { connectionId: target.connectionId, kind, shopifyCode: values.shopifyCode });
  if (existing) return { ok: false, errors: { shopifyCode: duplicateMessage(kind, existing) } };
  let row: CodeMappingRow;
  try {
    row = await addCodeMapping(deps.db, { shopId: target.shopId, connectionId: target.connectionId, kind, ...values });
  } catch (error) {
    // Someone added the same code a moment ago.
    if (isUniqueViolation(error)) return { ok: false, errors: { shopifyCode: duplicateMessage(kind, values) } };
    throw error;
  }
  await audit(deps, target, "create", row.id, `${CODE_KIND_TEXT[kind].singular} ${row.shopifyCode} mapped to ERP ${row.erpCode}`, null, row);
  return { ok: true, message: `${CODE_KIND_TEXT[kind].singular} ${row.shopifyCode} mapped to ${row.erpCode}` };
}

export async function updateCode(deps: CodeDeps, target: CodeTarget, form: { id: string; shopifyCode: unknown; erpCode: unknown }): Promise<ChangeOutcome> {
  const before = await codeMappingById(deps.db, target.connectionId, form.id);
  if (!before || !isCodeKind(before.kind)) return { ok: false, errors: {}, message: "This code mapping no longer exists" };
  const kind = before.kind;
  const { values, errors } = checkedCodes(kind, form);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const existing = await duplicateCodeMapping(deps.db, { connectionId: target.connectionId, kind, shopifyCode: values.shopifyCode, exceptId: before.id });
  if (existing) return { ok: false, errors: { shopifyCode: duplicateMessage(kind, existing) } };
  if (before.shopifyCode === values.shopifyCode && before.erpCode === values.erpCode) return { ok: true, message: "Nothing to change" };
  try {
    await updateCodeMapping(deps.db, target.connectionId, before.id, values);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { shopifyCode: duplicateMessage(kind, values) } };
    throw error;
  }
  const summary = `${CODE_KIND_TEXT[kind].singular} ${values.shopifyCode} mapped to ERP ${values.erpCode} (was ${before.shopifyCode} -> ${before.erpCode})`;
  await audit(deps, target, "update", before.id, summary, before, { ...before, ...values });
  return { ok: true, message: `${CODE_KIND_TEXT[kind].singular} ${values.shopifyCode} saved` };
}

export async function deleteCode(deps: CodeDeps, target: CodeTarget, id: string): Promise<ChangeOutcome> {
  const before = await codeMappingById(deps.db, target.connectionId, id);
  if (!before || !(await deleteCodeMapping(deps.db, target.connectionId, id))) return { ok: false, errors: {}, message: "This code mapping no longer exists" };
  const singular = isCodeKind(before.kind) ? CODE_KIND_TEXT[before.kind].singular : before.kind;
  await audit(deps, target, "delete", before.id, `${singular} ${before.shopifyCode} unmapped (was ERP ${before.erpCode})`, before, null);
  return { ok: true, message: `${singular} ${before.shopifyCode} removed` };
}
