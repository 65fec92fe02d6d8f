import { AppError } from "~/errors";

/**
 * Thrown when a Shopify payload (webhook body or GraphQL answer) is not what the mapper can
 * read. A "validation" AppError: retrying the same payload cannot help, so the job goes to the
 * exception queue with the field's path for a person to read.
 */
export class ShopifyPayloadError extends AppError {
  constructor(
    /** Where the bad value sits, e.g. "line_items.0.price_set.shop_money.amount"; "" for the whole body. */
    readonly path: string,
    /** What was wrong with it. */
    readonly reason: string,
    /** Which payload it was, e.g. "orders/create" or "OrderForErp". */
    readonly source: string,
  ) {
    super("validation", `${source}: ${path || "(body)"}: ${reason}`, { details: { source, path, reason } });
  }
}
