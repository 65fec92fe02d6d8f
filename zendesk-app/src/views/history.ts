/** After the sale: Shopify refunds and returns, and the returns agents started from Zendesk. */
import type { OrderView } from "../../../app/flows/helpdesk/view";
import { el, time } from "../dom";
import { date, dateTime, money, words } from "../format";
import { t } from "../strings";

export function historySection(order: OrderView): HTMLElement | null {
  const parts = [refunds(order), returns(order), returnCases(order)].filter((part): part is HTMLElement => part !== null);
  return parts.length ? el("section", { class: "history" }, parts) : null;
}

function refunds(order: OrderView): HTMLElement | null {
  if (order.refunds.length === 0) return null;
  return el(
    "div",
    {},
    el("h3", {}, t.refunds),
    el(
      "ul",
      {},
      order.refunds.map((refund) =>
        el(
          "li",
          {},
          `${money(refund.total)}, `,
          time(refund.createdAt, date(refund.createdAt)),
          `, ${t.refundMemo(refund.erpCreditMemo)}`,
          refund.note && el("span", { class: "muted" }, ` — ${refund.note}`),
        ),
      ),
    ),
  );
}

function returns(order: OrderView): HTMLElement | null {
  if (order.returns.length === 0) return null;
  const titles = new Map(order.lines.map((line) => [line.lineItemId, line.title]));
  return el(
    "div",
    {},
    el("h3", {}, t.returns),
    el(
      "ul",
      {},
      order.returns.map((ret) =>
        el(
          "li",
          {},
          `${ret.name ?? ret.id}: ${words(ret.status)}`,
          ret.createdAt && [", ", time(ret.createdAt, date(ret.createdAt))],
          el(
            "ul",
            {},
            ret.lines.map((line) =>
              el("li", {}, `${line.quantity} × ${titles.get(line.lineItemId) ?? line.lineItemId}`, line.reason && ` (${t.reasons[line.reason] ?? line.reason})`),
            ),
          ),
        ),
      ),
    ),
  );
}

function returnCases(order: OrderView): HTMLElement | null {
  if (order.returnCases.length === 0) return null;
  return el(
    "div",
    {},
    el("h3", {}, t.returnCases),
    el(
      "ul",
      {},
      order.returnCases.map((rc) =>
        el(
          "li",
          { class: `case ${rc.status}` },
          t.caseLine(rc.status, rc.step),
          rc.erpReturnNumber && t.caseErpReturn(rc.erpReturnNumber),
          rc.erpCreditMemoId && t.caseCreditMemo(rc.erpCreditMemoId),
          t.caseUpdated,
          time(rc.updatedAt, dateTime(rc.updatedAt)),
          rc.lastError && el("p", { class: "error-text" }, t.returnStopped(rc.lastError)),
        ),
      ),
    ),
  );
}
