/**
 * An agent starts a return: the request is checked, one case is made per request key, and
 * the worker takes it from there. Answers at once with the case; the helpdesk follows it.
 */
import type { Db } from "~/db/client.server";
import { ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { createReturnCase } from "~/models/return-cases.server";
import type { JobQueue } from "~/queue/port";
import { returnCaseView } from "../helpdesk/return-case-view";
import type { ReturnCaseView } from "../helpdesk/view";
import { refundTarget } from "../orders/refund-target";
import { returnCaseJob } from "./handler";
import { parseReturnRequest } from "./return-request";
import { RETURN_STEPS } from "./steps";

export interface StartReturnInput {
  shopId: string;
  orderId: string;
  /** The body as received: checked here. */
  request: unknown;
  /** Who asked, for the record, e.g. "zendesk ticket 123". */
  requestedBy: string;
  correlationId: string;
}

export async function startReturn(deps: { db: Db; queue: JobQueue }, input: StartReturnInput): Promise<ReturnCaseView> {
  if (!ShopifyId.safeParse(input.orderId).success) {
    throw new AppError("validation", `orderId: "${input.orderId}" is not a Shopify order id`, { details: { field: "orderId" } });
  }
  const request = parseReturnRequest(input.request);
  // The ERP that holds the order authorises its return, wherever the order went.
  const { connection, orderLink } = await refundTarget(deps.db, input.shopId, input.orderId);
  if (!orderLink) {
    throw new AppError("validation", "orderId: this order is not in the ERP yet, so the ERP cannot authorise its return", { details: { field: "orderId" } });
  }
  const { row, created } = await createReturnCase(deps.db, {
    shopId: input.shopId,
    requestKey: request.requestKey,
    orderId: input.orderId,
    orderName: orderLink.sourceName,
    connectionId: connection.id,
    step: RETURN_STEPS[0],
    request,
    correlationId: input.correlationId,
    requestedBy: input.requestedBy,
  });
  if (row.orderId !== input.orderId) {
    throw new AppError("validation", "requestKey: this key already started a return of another order", { details: { field: "requestKey" } });
  }
  // Enqueued on a repeat too: the dedupe key makes that harmless, and it heals a crash between the two writes.
  await deps.queue.enqueue(returnCaseJob({ caseId: row.id, shopId: input.shopId, correlationId: row.correlationId }));
  if (created) await deps.db.auditEntry.create({ data: { shopId: input.shopId, actor: input.requestedBy, action: "return.start", subjectType: "return_case", subjectId: row.id, details: JSON.stringify({ orderId: input.orderId, lines: request.lines.length }) } });
  return returnCaseView(row);
}
