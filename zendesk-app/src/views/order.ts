/** One order as an agent reads it: Shopify's facts first, then our sync state, the ERP and what followed. */
import type { OrderView, ReturnCaseView } from "../../../app/flows/helpdesk/view";
import type { Backend } from "../backend";
import { el, time, uid } from "../dom";
import { dateTime, money, words } from "../format";
import { t } from "../strings";
import { erpSection } from "./erp";
import { historySection } from "./history";
import { returnAction } from "./return-form";
import { syncBadge } from "./sync";

export interface OrderActions {
  backend: Backend;
  retrySync(order: OrderView, button: HTMLButtonElement): void;
  returnSettled(order: OrderView, returnCase: ReturnCaseView): void;
}

export function orderCard(order: OrderView, actions: OrderActions): HTMLElement {
  const titleId = uid("order");
  return el(
    "article",
    { class: "order", "aria-labelledby": titleId },
    el("h2", { id: titleId }, t.order(order.name)),
    el(
      "dl",
      { class: "facts" },
      el("dt", {}, t.placed),
      el("dd", {}, time(order.createdAt, dateTime(order.createdAt))),
      el("dt", {}, t.total),
      el("dd", {}, money(order.total)),
      el("dt", {}, t.payment),
      el("dd", {}, words(order.paymentStatus)),
      el("dt", {}, t.fulfilment),
      el("dd", {}, words(order.fulfilmentStatus)),
      order.cancelledAt && [el("dt", {}, t.cancelled), el("dd", {}, time(order.cancelledAt, dateTime(order.cancelledAt)))],
    ),
    syncBadge(order, actions.retrySync),
    erpSection(order),
    historySection(order),
    returnAction(order, actions.backend, (returnCase) => actions.returnSettled(order, returnCase)),
  );
}
