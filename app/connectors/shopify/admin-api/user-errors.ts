/** A mutation's business answer: the input was understood but refused (e.g. CHANGE_FROM_QUANTITY_STALE). */
export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

/**
 * Every `userErrors` of a mutation answer's top-level payloads. The client never throws these:
 * what to do about a stale quantity or an unknown SKU is the flow's decision.
 */
export function userErrorsOf(data: unknown): UserError[] {
  if (!data || typeof data !== "object") return [];
  return Object.values(data as Record<string, unknown>).flatMap((payload) => {
    const errors = (payload as { userErrors?: unknown } | null)?.userErrors;
    return Array.isArray(errors) ? (errors as UserError[]) : [];
  });
}
