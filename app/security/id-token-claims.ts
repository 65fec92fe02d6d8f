/**
 * The claims of a Shopify ID token (App Bridge session token) that the Shopify library leaves
 * unchecked once the signature and audience are good: it must expire, soon (Shopify's live a
 * minute), not be valid only later, and name the same shop as issuer and destination (`dest`
 * chooses the shop). A token failing these could only be made with the app's secret, but a
 * leaked secret should not yield tokens that never expire.
 */

/** The longest life a token may have left; Shopify's are issued for 60 s. */
export const MAX_REMAINING_SECONDS = 5 * 60;
/** Clock differences between Shopify and us that are forgiven. */
const LEEWAY_SECONDS = 60;

export interface IdTokenClaims {
  iss?: unknown;
  dest?: unknown;
  exp?: unknown;
  nbf?: unknown;
  iat?: unknown;
}

const hostOf = (value: unknown): string | null => {
  if (typeof value !== "string") return null;
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
};

/** Why the claims are refused, or null when they are sound. */
export function idTokenClaimsProblem(claims: IdTokenClaims, now: Date): string | null {
  const nowSeconds = now.getTime() / 1000;
  if (typeof claims.exp !== "number") return "no exp";
  if (claims.exp - nowSeconds > MAX_REMAINING_SECONDS) return "expires too far ahead";
  for (const claim of ["nbf", "iat"] as const) {
    const value = claims[claim];
    if (value !== undefined && (typeof value !== "number" || value - LEEWAY_SECONDS > nowSeconds)) return `${claim} in the future`;
  }
  const dest = hostOf(claims.dest);
  if (!dest || hostOf(claims.iss) !== dest) return "issuer and destination differ";
  return null;
}
