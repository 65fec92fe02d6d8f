/** What each step of a return case does. Each one first looks for its own earlier work. */
import type { ErpConnector } from "~/connectors/erp";
import type { Return, ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { findLink, recordLink } from "~/models/document-links.server";
import type { ReturnCasePatch, ReturnCaseRow } from "~/models/return-cases.server";
import { postRefund } from "../orders/post-refund";
import type { ReturnFlowDeps } from "./deps";
import type { ReturnRequest } from "./return-request";
import type { ReturnStep } from "./steps";

export interface StepContext {
  deps: ReturnFlowDeps;
  shop: { id: string; domain: string };
  row: ReturnCaseRow;
  request: ReturnRequest;
  erp: ErpConnector;
  /** Runs an ERP call within the connection's throughput limits. */
  call<T>(fn: () => Promise<T>): Promise<T>;
}

export type StepResult =
  | { kind: "done" | "skipped"; message: string; patch?: ReturnCasePatch }
  /** Nothing to do yet: look again later. */
  | { kind: "waiting"; message: string }
  /** The shop side said no for good: undo what was written. */
  | { kind: "refused"; message: string };

type StepRunner = (ctx: StepContext) => Promise<StepResult>;

/** Written into the Shopify return's line notes, so a return whose answer was lost is found again. */
export const caseMarker = (row: ReturnCaseRow) => `[ERP Bridge return ${row.id}]`;

const authorise: StepRunner = async ({ deps, shop, row, request, erp, call }) => {
  if (row.erpReturnId) return { kind: "skipped", message: `already authorised as ${row.erpReturnNumber ?? row.erpReturnId}` };
  const link = await findLink(deps.db, { shopId: shop.id, sourceType: "order", sourceId: row.orderId, connectionId: row.connectionId!, erpType: "sales_order" });
  if (!link) throw new AppError("conflict", `Order ${row.orderName ?? row.orderId} has no sales order in the ERP`);
  const salesOrder = await call(() => erp.getSalesOrder(link.erpId));
  const itemCodes: Record<ShopifyId, string> = {};
  for (const line of salesOrder.lines) if (line.lineItemId) itemCodes[line.lineItemId] = line.itemCode;
  const shopReturn: Return = {
    id: null,
    orderId: row.orderId,
    name: null,
    status: "requested",
    lines: request.lines.map((l) => ({ id: null, lineItemId: l.lineItemId, sku: null, quantity: l.quantity, reason: l.reason, note: l.note ?? null })),
    createdAt: row.createdAt.toISOString(),
  };
  const authorisation = await call(() =>
    erp.createReturnAuthorisation({ salesOrderErpId: link.erpId, return: shopReturn, itemCodes }, { idempotencyKey: `return-case:${row.id}:authorise` }),
  );
  return { kind: "done", message: `authorised as ${authorisation.erpId}`, patch: { erpReturnId: authorisation.erpId, erpReturnNumber: authorisation.erpId } };
};

const openShopifyReturn: StepRunner = async ({ deps, shop, row, request }) => {
  if (row.shopifyReturnId) return { kind: "skipped", message: `Shopify return ${row.shopifyReturnId} already open` };
  const marker = caseMarker(row);
  const earlier = (await deps.shopify.returnsOfOrder(shop.domain, row.orderId)).find((r) => r.lines.some((l) => l.note?.includes(marker)));
  const opened =
    earlier ??
    (await deps.shopify.createReturn(shop.domain, {
      orderId: row.orderId,
      notifyCustomer: false,
      lines: request.lines.map((l) => ({
        lineItemId: l.lineItemId,
        quantity: l.quantity,
        reason: l.reason,
        note: [l.note, `ERP ${row.erpReturnNumber ?? row.erpReturnId}`, marker].filter(Boolean).join(" "),
      })),
    }));
  // A refund of this return can now find the authorisation it settles.
  await recordLink(
    deps.db,
    { shopId: shop.id, sourceType: "return", sourceId: opened.id, connectionId: row.connectionId!, erpType: "return_authorisation" },
    { erpId: row.erpReturnId!, erpNumber: row.erpReturnNumber, sourceName: opened.name, sourceUpdatedAt: null, fingerprint: null },
  );
  return { kind: "done", message: `${earlier ? "found" : "opened"} Shopify return ${opened.name ?? opened.id}`, patch: { shopifyReturnId: opened.id } };
};

const awaitApproval: StepRunner = async ({ deps, shop, row }) => {
  const found = await deps.shopify.readReturn(shop.domain, row.shopifyReturnId!);
  if (!found) return { kind: "refused", message: `Shopify return ${row.shopifyReturnId} no longer exists` };
  if (found.status === "open" || found.status === "closed") return { kind: "done", message: `Shopify return ${found.name ?? found.id} is ${found.status}` };
  if (found.status === "requested") return { kind: "waiting", message: `Shopify return ${found.name ?? found.id} waits for approval` };
  return { kind: "refused", message: `Shopify return ${found.name ?? found.id} was ${found.status}` };
};

const refund: StepRunner = async ({ deps, shop, row, request }) => {
  if (!request.refund) return { kind: "skipped", message: "no refund asked for" };
  if (row.shopifyRefundId) return { kind: "skipped", message: `refund ${row.shopifyRefundId} already made` };
  const made = await deps.shopify.createRefund(
    shop.domain,
    {
      orderId: row.orderId,
      returnId: row.shopifyReturnId,
      lines: request.lines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity, restockType: request.restock ? "return" : "no_restock", locationId: null })),
      note: `Return ${row.erpReturnNumber ?? ""}`.trim(),
      notify: true,
    },
    // Shopify makes one refund per key: a retry after a lost answer gets the same refund.
    `return-case:${row.id}:refund`,
  );
  return { kind: "done", message: `refunded in Shopify (refund ${made.id})`, patch: { shopifyRefundId: made.id } };
};

const creditMemo: StepRunner = async ({ deps, shop, row, request }) => {
  if (!request.refund) return { kind: "skipped", message: "no refund, so no credit memo" };
  const made = await deps.shopify.readRefund(shop.domain, row.shopifyRefundId!);
  if (!made) throw new AppError("not_found", `Shopify refund ${row.shopifyRefundId} cannot be read`);
  // Shopify's refundCreate cannot name the return it settles; the case knows, so the memo credits its authorisation.
  const outcome = await postRefund(deps, shop, { ...made, returnId: made.returnId ?? row.shopifyReturnId }, { byReturnCase: true });
  if (outcome === "nothing-invoiced") return { kind: "skipped", message: "nothing invoiced yet, so no credit memo" };
  const link = await deps.db.documentLink.findFirst({ where: { shopId: shop.id, sourceType: "refund", sourceId: made.id, erpType: "credit_memo" } });
  return { kind: "done", message: `credit memo ${link?.erpId ?? "booked"}`, patch: { erpCreditMemoId: link?.erpId ?? null } };
};

export const RETURN_STEP_RUNNERS: Record<Exclude<ReturnStep, "compensate" | "done">, StepRunner> = {
  erp_return_authorisation: authorise,
  shopify_return: openShopifyReturn,
  await_approval: awaitApproval,
  shopify_refund: refund,
  erp_credit_memo: creditMemo,
};
