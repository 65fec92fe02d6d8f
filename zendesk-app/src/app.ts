/** The sidebar's life: find the customer, load their orders, show them, act, reload. */
import type { CustomerOrdersAnswer, OrderView, ReturnCaseView } from "../../app/flows/helpdesk/view";
import type { Backend } from "./backend";
import { el } from "./dom";
import { errorMessage } from "./errors";
import { t } from "./strings";
import { orderCard } from "./views/order";
import { emptyView, errorView, loadingView } from "./views/states";
import type { TicketFacts } from "./zendesk";

export function startSidebar(root: HTMLElement, backend: Backend, ticket: TicketFacts): void {
  const who = ticket.requesterEmail ?? ticket.orderName ?? "";
  // Survives reloads: the outcome of the last action stays readable after the list refreshes.
  const notice = el("p", { class: "notice", role: "status", "aria-live": "polite" });
  const content = el("div", { class: "content" });
  root.replaceChildren(notice, content);

  const load = async () => {
    content.replaceChildren(loadingView(who));
    let answer: CustomerOrdersAnswer;
    try {
      answer = await backend.orders({ email: ticket.requesterEmail, orderName: ticket.orderName });
    } catch (error) {
      content.replaceChildren(errorView(errorMessage(error), () => void load()));
      return;
    }
    content.replaceChildren(answer.orders.length === 0 ? emptyView(who) : ordersList(answer));
  };

  const ordersList = (answer: CustomerOrdersAnswer) =>
    el(
      "section",
      { class: "orders", "aria-label": t.lookedUp(who) },
      answer.orders.map((order) => orderCard(order, { backend, retrySync, returnSettled })),
    );

  const retrySync = async (order: OrderView, button: HTMLButtonElement) => {
    button.disabled = true;
    notice.textContent = t.retrying;
    try {
      await backend.retrySync(order.id);
      notice.textContent = t.retryQueued(order.name);
      await load();
    } catch (error) {
      notice.textContent = errorMessage(error);
      button.disabled = false;
    }
  };

  const returnSettled = (order: OrderView, returnCase: ReturnCaseView) => {
    notice.textContent = `${order.name}: ${t.returnProgress(returnCase.status, returnCase.step)}${returnCase.lastError ? `. ${t.returnStopped(returnCase.lastError)}` : ""}`;
    void load();
  };

  void load();
}

