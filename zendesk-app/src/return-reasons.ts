/** The return reasons the domain accepts, as a list for the form's select. */
import type { ReturnReason } from "../../app/domain/return";

export const RETURN_REASONS = [
  "defective", "wrong_item", "not_as_described", "size_too_large", "size_too_small", "color", "style", "unwanted", "other", "unknown",
] as const satisfies readonly ReturnReason[];

// Fails to compile when the domain gains a reason this list lacks (a type-only import keeps zod out of the bundle).
type MissingReason = Exclude<ReturnReason, (typeof RETURN_REASONS)[number]>;
const _everyReasonListed: [MissingReason] extends [never] ? true : MissingReason = true;
