/**
 * A person's changes to SKU mappings: link a variant to an ERP item (which must exist in the
 * ERP and be linked to no other variant), set its safety stock, remove or confirm a link,
 * settle a conflict, or run auto-match. Each change is audited; refusals name the field.
 */
import type { ErpConnector } from "~/connectors/erp";
import { variantsByIds } from "~/connectors/shopify/admin-api";
import { asAppError } from "~/errors";
import { mappingsOfItems } from "~/models/catalog-mappings.server";
import { closeCatalogReviews, decideCatalogReview, openCatalogReviews } from "~/models/catalog-reviews.server";
import { recordMappingChange } from "~/models/mapping-audit.server";
import { confirmSkuMapping, removeSkuMapping, saveSkuMapping, setSkuSafetyStock, skuMappingOfVariant } from "~/models/mapping-skus.server";
import { autoMatch } from "./auto-match";
import type { ChangeOutcome } from "./change-outcome";
import { findErpItem } from "./erp-items";
import type { ItemMatchDeps } from "./match-items";
import type { SkuRowsDeps, SkuRowsTarget } from "./sku-rows";
import { checkCode, checkSafetyStock, collect, type FieldErrors } from "./validation";

export interface SkuChangeDeps extends SkuRowsDeps {
  erp: Pick<ErpConnector, "listItems">;
  actor: string;
}

const VARIANT_ID = /^[1-9]\d*$/;
const stockText = (n: number | null) => (n === null ? "none" : String(n));
const refused = (errors: FieldErrors, message?: string): ChangeOutcome => ({ ok: false, errors, message });

function audit(deps: SkuChangeDeps, target: SkuRowsTarget, action: string, variantId: string, summary: string, before: unknown, after: unknown) {
  return recordMappingChange(deps.db, {
    shopId: target.shopId,
    actor: deps.actor,
    action: `sku_mapping.${action}`,
    subjectType: "sku_mapping",
    subjectId: variantId,
    connectionId: target.connectionId,
    summary,
    before,
    after,
  });
}

/** Why this item cannot be linked to this variant, or null when it can. */
async function itemRefusal(deps: SkuChangeDeps, target: SkuRowsTarget, itemCode: string, variantId: string): Promise<string | null> {
  const elsewhere = (await mappingsOfItems(deps.db, target.connectionId, [itemCode])).find((m) => m.shopifyVariantId !== variantId);
  if (elsewhere) return `ERP item "${itemCode}" is already linked to another Shopify variant (${elsewhere.shopifyVariantId}): remove that link first`;
  try {
    if (!(await findErpItem(deps.erp, itemCode))) return `The ERP has no item "${itemCode}": check the code (it is case-sensitive)`;
  } catch (error) {
    return `The ERP could not be asked about "${itemCode}": ${asAppError(error).message}`;
  }
  return null;
}

/** Links a variant to an ERP item and/or sets its safety stock (blank: none). */
export async function saveSku(deps: SkuChangeDeps, target: SkuRowsTarget, form: { variantId: string; erpItemCode: unknown; safetyStock: unknown }): Promise<ChangeOutcome> {
  const { values, errors } = collect({ erpItemCode: checkCode(form.erpItemCode, "ERP item code"), safetyStock: checkSafetyStock(form.safetyStock, { optional: true }) });
  if (Object.keys(errors).length > 0) return refused(errors);
  const variant = VARIANT_ID.test(form.variantId) ? (await variantsByIds(deps.client, target.shopDomain, [form.variantId])).get(form.variantId) : undefined;
  if (!variant) return refused({}, "This Shopify variant no longer exists");
  const label = variant.sku ?? variant.productTitle;
  const before = await skuMappingOfVariant(deps.db, target.connectionId, variant.id);

  if (before && before.itemCode === values.erpItemCode) {
    if (before.safetyStock === values.safetyStock) return { ok: true, message: "Nothing to change" };
    await setSkuSafetyStock(deps.db, target.connectionId, variant.id, values.safetyStock);
    const summary = `SKU ${label}: safety stock ${stockText(values.safetyStock)} (was ${stockText(before.safetyStock)})`;
    await audit(deps, target, "update", variant.id, summary, { safetyStock: before.safetyStock }, { safetyStock: values.safetyStock });
    return { ok: true, message: `Safety stock of ${label} saved` };
  }

  const refusal = await itemRefusal(deps, target, values.erpItemCode, variant.id);
  if (refusal) return refused({ erpItemCode: refusal });
  const after = await saveSkuMapping(deps.db, {
    shopId: target.shopId,
    connectionId: target.connectionId,
    variantId: variant.id,
    sku: variant.sku ?? values.erpItemCode,
    itemCode: values.erpItemCode,
    safetyStock: values.safetyStock,
    inventoryItemId: variant.inventoryItemId,
  });
  await closeCatalogReviews(deps.db, target.connectionId, values.erpItemCode);
  const summary = before
    ? `SKU ${label}: ERP item ${after.itemCode} (was ${before.itemCode}), safety stock ${stockText(after.safetyStock)}`
    : `SKU ${label} linked to ERP item ${after.itemCode}, safety stock ${stockText(after.safetyStock)}`;
  await audit(deps, target, before ? "update" : "create", variant.id, summary, before, after);
  return { ok: true, message: `${label} linked to ERP item ${after.itemCode}` };
}

export async function removeSku(deps: SkuChangeDeps, target: SkuRowsTarget, variantId: string): Promise<ChangeOutcome> {
  const removed = await removeSkuMapping(deps.db, target.connectionId, variantId);
  if (!removed) return refused({}, "This variant has no ERP item to remove");
  await audit(deps, target, "delete", variantId, `SKU ${removed.sku} unlinked from ERP item ${removed.itemCode}`, removed, null);
  return { ok: true, message: `${removed.sku} is no longer linked to ${removed.itemCode}` };
}

/** Keeps a link someone marked doubtful, as it is. */
export async function confirmSku(deps: SkuChangeDeps, target: SkuRowsTarget, variantId: string): Promise<ChangeOutcome> {
  const before = await skuMappingOfVariant(deps.db, target.connectionId, variantId);
  if (!before || !(await confirmSkuMapping(deps.db, target.connectionId, variantId))) return refused({}, "This variant has no link to confirm");
  await audit(deps, target, "confirm", variantId, `SKU ${before.sku}: link to ERP item ${before.itemCode} confirmed`, { status: before.status }, { status: "active" });
  return { ok: true, message: `Link of ${before.sku} confirmed` };
}

/** Settles an auto-match conflict by choosing one of its candidate variants. */
export async function linkCandidate(deps: SkuChangeDeps, target: SkuRowsTarget, form: { reviewId: string; variantId: string }): Promise<ChangeOutcome> {
  const review = (await openCatalogReviews(deps.db, target.shopId)).find((r) => r.id === form.reviewId && r.connectionId === target.connectionId);
  if (!review) return refused({}, "This conflict is already settled");
  if (!(JSON.parse(review.candidates) as string[]).includes(form.variantId)) return refused({}, "That variant is not one of this conflict's candidates");
  const before = await skuMappingOfVariant(deps.db, target.connectionId, form.variantId);
  return saveSku(deps, target, { variantId: form.variantId, erpItemCode: review.itemCode, safetyStock: before?.safetyStock == null ? "" : String(before.safetyStock) });
}

export async function ignoreConflict(deps: SkuChangeDeps, target: SkuRowsTarget, reviewId: string): Promise<ChangeOutcome> {
  const review = (await openCatalogReviews(deps.db, target.shopId)).find((r) => r.id === reviewId && r.connectionId === target.connectionId);
  if (!review || !(await decideCatalogReview(deps.db, target.shopId, reviewId, "ignored"))) return refused({}, "This conflict is already settled");
  await recordMappingChange(deps.db, {
    shopId: target.shopId,
    actor: deps.actor,
    action: "sku_mapping.ignore_conflict",
    subjectType: "sku_mapping",
    subjectId: null,
    connectionId: target.connectionId,
    summary: `Conflict on ERP item ${review.itemCode} ignored: it stays unlinked`,
  });
  return { ok: true, message: `ERP item ${review.itemCode} left unlinked` };
}

export async function runAutoMatch(deps: SkuChangeDeps & ItemMatchDeps, target: SkuRowsTarget): Promise<ChangeOutcome> {
  const result = await autoMatch(deps, { shopId: target.shopId, shopDomain: target.shopDomain, connectionId: target.connectionId });
  const summary = `Auto-match linked ${result.linked.length} SKU(s); ${result.conflicts} conflict(s) to resolve; ${result.unmatched} ERP item(s) not in Shopify`;
  await recordMappingChange(deps.db, {
    shopId: target.shopId,
    actor: deps.actor,
    action: "sku_mapping.auto_match",
    subjectType: "sku_mapping",
    subjectId: null,
    connectionId: target.connectionId,
    summary,
    after: result,
  });
  return { ok: true, message: summary };
}
