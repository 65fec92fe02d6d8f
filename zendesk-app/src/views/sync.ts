/** Where an order stands between Shopify and the ERP, and the one action that moves an exception. */
import type { OrderView } from "../../../app/flows/helpdesk/view";
import { el, time } from "../dom";
import { dateTime } from "../format";
import { t } from "../strings";

export function syncBadge(order: OrderView, onRetry: (order: OrderView, button: HTMLButtonElement) => void): HTMLElement {
  const { sync } = order;
  if (sync.state === "posted") {
    return el("p", { class: "badge posted" }, t.syncPosted(sync.erpNumber));
  }
  if (sync.state === "pending") return el("p", { class: "badge pending" }, t.syncPending);
  if (sync.state === "not_synced") return el("p", { class: "badge muted" }, t.syncNotSynced);
  const exception = sync.exception;
  const button = el("button", { type: "button", class: "secondary" }, t.retrySync(order.name));
  button.addEventListener("click", () => onRetry(order, button));
  return el(
    "div",
    { class: "badge exception" },
    el("p", {}, el("strong", {}, t.syncException), exception ? `: ${exception.message}` : ""),
    exception &&
      el(
        "p",
        { class: "muted" },
        t.exceptionSince(exception.errorClass, t.exceptionAge(exception.ageMinutes)),
        time(exception.since, dateTime(exception.since)),
        ")",
      ),
    button,
  );
}
