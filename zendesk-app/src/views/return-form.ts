/**
 * "Start a return": the agent picks quantities and reasons for the lines that can come back,
 * the backend starts the return workflow, and the form follows it step by step.
 */
import type { OrderView, ReturnCaseView, StartReturnRequest } from "../../../app/flows/helpdesk/view";
import type { Backend } from "../backend";
import { el, uid } from "../dom";
import { errorMessage } from "../errors";
import { newRequestKey } from "../request-key";
import { RETURN_REASONS } from "../return-reasons";
import { t } from "../strings";

const POLL_INTERVAL_MS = 2000;
/** The workflow stops moving on its own in these states: completed, or a person must act. */
const SETTLED = new Set(["completed", "failed", "waiting", "compensated"]);

export function returnAction(order: OrderView, backend: Backend, onSettled: (returnCase: ReturnCaseView) => void): HTMLElement | null {
  const lines = order.lines.filter((line) => line.returnableQuantity > 0);
  if (lines.length === 0 || order.cancelledAt) return null;
  const holder = el("div", { class: "return-action" });
  const open = el("button", { type: "button", class: "secondary" }, t.startReturn(order.name));
  open.addEventListener("click", () => {
    holder.replaceChildren(returnForm(order, lines, backend, onSettled, () => holder.replaceChildren(open)));
    holder.querySelector<HTMLInputElement>("input")?.focus();
  });
  holder.append(open);
  return holder;
}

function returnForm(
  order: OrderView,
  lines: OrderView["lines"],
  backend: Backend,
  onSettled: (returnCase: ReturnCaseView) => void,
  close: () => void,
): HTMLFormElement {
  const requestKey = newRequestKey();
  const titleId = uid("return-title");
  const status = el("p", { class: "form-status", role: "status", "aria-live": "polite" });
  const rows = lines.map((line) => {
    const quantityId = uid("qty");
    const reasonId = uid("reason");
    const quantity = el("input", { id: quantityId, type: "number", min: 0, max: line.returnableQuantity, step: 1, value: 0, inputmode: "numeric" });
    const reason = el(
      "select",
      { id: reasonId },
      RETURN_REASONS.map((value) => el("option", { value }, t.reasons[value] ?? value)),
    );
    const row = el(
      "div",
      { class: "return-line" },
      el("label", { for: quantityId }, t.quantityOf(line.title, line.returnableQuantity)),
      quantity,
      el("label", { for: reasonId }, t.reasonOf(line.title)),
      reason,
    );
    return { line, quantity, reason, row };
  });
  const noteId = uid("note");
  const note = el("textarea", { id: noteId, rows: 2 });
  const restock = el("input", { type: "checkbox", checked: true });
  const refund = el("input", { type: "checkbox", checked: true });
  const submit = el("button", { type: "submit" }, t.submitReturn);
  const cancel = el("button", { type: "button", class: "secondary", onclick: () => close() }, t.cancel);

  const form = el(
    "form",
    { class: "return-form", "aria-labelledby": titleId, novalidate: true },
    el("h3", { id: titleId }, t.returnFormTitle(order.name)),
    rows.map((row) => row.row),
    el("label", { for: noteId }, t.note),
    note,
    el("label", { class: "check" }, restock, ` ${t.restock}`),
    el("label", { class: "check" }, refund, ` ${t.refund}`),
    el("div", { class: "buttons" }, submit, cancel),
    status,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = rows
      .map(({ line, quantity, reason }) => ({ line, quantity: Math.floor(Number(quantity.value)), reason: reason.value }))
      .filter(({ quantity }) => quantity > 0);
    const tooMany = chosen.find(({ line, quantity }) => quantity > line.returnableQuantity);
    if (chosen.length === 0 || tooMany) {
      status.textContent = tooMany ? t.tooMany(tooMany.line.title, tooMany.line.returnableQuantity) : t.chooseQuantity;
      return;
    }
    const body: StartReturnRequest = {
      requestKey,
      lines: chosen.map(({ line, quantity, reason }) => ({ lineItemId: line.lineItemId, quantity, reason, note: note.value.trim() || null })),
      restock: restock.checked,
      refund: refund.checked,
    };
    submit.disabled = true;
    cancel.disabled = true;
    status.textContent = t.submitting;
    try {
      let returnCase = await backend.startReturn(order.id, body);
      status.textContent = t.returnProgress(returnCase.status, returnCase.step);
      while (!SETTLED.has(returnCase.status)) {
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        if (!form.isConnected) return;
        returnCase = await backend.returnCase(returnCase.id);
        status.textContent = t.returnProgress(returnCase.status, returnCase.step);
      }
      onSettled(returnCase);
    } catch (error) {
      // The same requestKey goes with a resubmission, so a retry after a lost answer starts nothing new.
      status.textContent = errorMessage(error);
      submit.disabled = false;
      cancel.disabled = false;
    }
  });
  return form;
}
