/**
 * What a person can do to an exception, named once for the pages and the server: the words a
 * merchant reads on buttons, in confirmations and in result messages.
 */

export const EXCEPTION_ACTIONS = ["retry", "replay", "resolve", "ignore"] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

/** Retry and replay need something to run again; every action needs an exception still open. */
export function availableActions(exception: { status: string; jobId: string | null; inboxEventId: string | null }): ExceptionAction[] {
  const open = exception.status === "open" || exception.status === "retrying";
  if (!open) return [];
  return EXCEPTION_ACTIONS.filter((action) => {
    if (action === "retry") return exception.status === "open" && exception.jobId !== null;
    if (action === "replay") return exception.inboxEventId !== null;
    return true;
  });
}

export const ACTION_TEXT: Record<ExceptionAction, { label: string; done: string; verb: string; confirm: string }> = {
  retry: {
    label: "Retry",
    done: "retried",
    verb: "retry",
    confirm: "The failed job goes back to its queue with fresh attempts. Fix the cause first (map the SKU, correct the data in the ERP), or it fails the same way.",
  },
  replay: {
    label: "Replay",
    done: "replayed",
    verb: "replay",
    confirm: "The stored delivery is processed again as if it had just arrived, reading the document as it is now. Work that already went through is not posted twice.",
  },
  resolve: {
    label: "Resolve",
    done: "resolved",
    verb: "resolve",
    confirm: "Marks the exception resolved: you fixed it elsewhere (for example, entered the order in the ERP by hand). Nothing is run again.",
  },
  ignore: {
    label: "Ignore",
    done: "ignored",
    verb: "ignore",
    confirm: "Marks the exception ignored: the work is not needed (for example, a test order). Nothing is run again.",
  },
};

/** One exception's outcome of an action. */
export interface ActionResult {
  id: string;
  name: string;
  ok: boolean;
  message: string;
}

/** "2 retried, 1 could not be retried: #1003: the job no longer exists". */
export function summarizeResults(action: ExceptionAction, results: ActionResult[]): string {
  const text = ACTION_TEXT[action];
  const done = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  const parts = [`${done} ${text.done}`];
  if (failed.length > 0) {
    parts.push(`${failed.length} could not be ${text.done}: ${failed.map((f) => `${f.name}: ${f.message}`).join("; ")}`);
  }
  return parts.join(", ");
}
