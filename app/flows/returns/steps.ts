/**
 * The steps of a helpdesk return, in order. The ERP authorises first (it knows what shipped);
 * then the shop opens its return; once Shopify's return is approved the money goes back, and
 * the ERP books the credit memo. A case's `step` is the next step to run, "done" at the end.
 */
export const RETURN_STEPS = ["erp_return_authorisation", "shopify_return", "await_approval", "shopify_refund", "erp_credit_memo"] as const;
/** "compensate": undoing what earlier steps wrote, after the shop side refused; "done": nothing left. */
export type ReturnStep = (typeof RETURN_STEPS)[number] | "compensate" | "done";

export function nextStep(step: ReturnStep): ReturnStep {
  const index = RETURN_STEPS.indexOf(step as (typeof RETURN_STEPS)[number]);
  return index < 0 || index === RETURN_STEPS.length - 1 ? "done" : RETURN_STEPS[index + 1];
}

/** Words for a step, for exceptions and tickets. */
export const STEP_LABELS: Record<ReturnStep, string> = {
  erp_return_authorisation: "ERP return authorisation",
  shopify_return: "Shopify return",
  await_approval: "approval of the Shopify return",
  shopify_refund: "Shopify refund",
  erp_credit_memo: "ERP credit memo",
  compensate: "withdrawal of the ERP return authorisation",
  done: "done",
};
