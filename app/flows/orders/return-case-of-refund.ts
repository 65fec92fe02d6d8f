import type { Db } from "~/db/client.server";
import type { Refund } from "~/domain";

/**
 * Whether a helpdesk return case owns this refund: "own" when a case made it, "pending" while
 * a case of the order is making a refund and has not yet said which (its answer may be this
 * one), "none" otherwise.
 */
export async function returnCaseOfRefund(db: Db, shopId: string, refund: Refund): Promise<"own" | "pending" | "none"> {
  const cases = await db.returnCase.findMany({
    where: { shopId, orderId: refund.orderId, OR: [{ shopifyRefundId: refund.id }, { step: "shopify_refund", status: "running", shopifyRefundId: null }] },
    select: { shopifyRefundId: true },
  });
  if (cases.some((c) => c.shopifyRefundId === refund.id)) return "own";
  return cases.length > 0 ? "pending" : "none";
}
