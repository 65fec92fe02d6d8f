/**
 * Shopify retries a failed delivery 8 times over about 4 hours with exponential backoff.
 * The exact intervals are not published; these double each time and add up to 4 h.
 */
export const RETRY_DELAYS_MS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 113].map((min) => min * 60_000);

/** A delivery must be answered within 5 s (1 s to connect) or it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 5_000;
