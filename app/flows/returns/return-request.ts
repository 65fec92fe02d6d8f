/**
 * A return request as an agent sends it, checked field by field so a wrong value comes back
 * naming the field and why, before anything is written anywhere.
 */
import { z } from "zod";
import { ReturnReason, ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import type { StartReturnRequest } from "../helpdesk/view";

export const ReturnRequest = z.object({
  requestKey: z.string().trim().min(8, "must be at least 8 characters").max(100, "must be at most 100 characters"),
  lines: z
    .array(
      z.object({
        lineItemId: ShopifyId,
        quantity: z.number().int("must be a whole number").positive("must be at least 1").max(10_000),
        reason: ReturnReason,
        note: z.string().max(500, "must be at most 500 characters").nullish(),
      }),
    )
    .min(1, "choose at least one line to return")
    .max(250)
    .refine((lines) => new Set(lines.map((l) => l.lineItemId)).size === lines.length, "a line may appear only once"),
  restock: z.boolean(),
  refund: z.boolean().default(true),
});
export type ReturnRequest = z.infer<typeof ReturnRequest>;

/** The request, or a validation AppError whose details.field names the first wrong field. */
export function parseReturnRequest(body: unknown): ReturnRequest {
  const parsed = ReturnRequest.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join(".") || "body";
  throw new AppError("validation", `${field}: ${issue.message}`, { details: { field } });
}

/** What was stored: the same shape, read back from the case. */
export function storedReturnRequest(json: string): ReturnRequest {
  return ReturnRequest.parse(JSON.parse(json));
}

// The API contract and the schema must agree.
export type _RequestMatchesContract = StartReturnRequest extends z.input<typeof ReturnRequest> ? true : never;
