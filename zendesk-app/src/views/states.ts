/** The whole-panel states: loading, empty, refused or unreachable. */
import { el } from "../dom";
import { t } from "../strings";

export function loadingView(who: string): HTMLElement {
  return el("p", { class: "state loading", role: "status" }, t.loading(who));
}

export function emptyView(who: string): HTMLElement {
  return el("p", { class: "state empty", role: "status" }, t.empty(who));
}

export function messageView(message: string): HTMLElement {
  return el("p", { class: "state", role: "status" }, message);
}

export function errorView(message: string, retry: (() => void) | null): HTMLElement {
  return el(
    "div",
    { class: "state error", role: "alert" },
    el("p", { class: "error-title" }, t.loadFailed),
    el("p", {}, message),
    retry && el("button", { type: "button", onclick: () => retry() }, t.tryAgain),
  );
}
