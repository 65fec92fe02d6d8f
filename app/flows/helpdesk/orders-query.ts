/** The customer an agent looks up: an email, an order number, or both, checked. */
import { AppError } from "~/errors";

export interface OrdersQuery {
  email: string | null;
  orderName: string | null;
}

// Deliberately loose (one @, a dot in the domain, no spaces): Shopify decides who matches.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;
const MAX_ORDER = 64;

const invalid = (field: string, message: string) => new AppError("validation", message, { details: { field } });

export function parseOrdersQuery(params: URLSearchParams): OrdersQuery {
  const email = params.get("email")?.trim() || null;
  const orderName = params.get("order")?.trim() || null;
  if (!email && !orderName) throw invalid("email", "Give the customer's email or an order number");
  if (email && (email.length > MAX_EMAIL || !EMAIL.test(email))) throw invalid("email", `"${email.slice(0, 80)}" is not an email address`);
  if (orderName && (orderName.length > MAX_ORDER || /[\s"'\\]/.test(orderName))) throw invalid("order", "The order number has spaces, quotes or is too long");
  return { email: email?.toLowerCase() ?? null, orderName };
}
