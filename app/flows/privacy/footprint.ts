/**
 * The inbox deliveries about one customer: those naming their email, phone or customer id, and
 * those about their orders (the orders listed in the request and any order found naming them),
 * followed until no new order turns up. Their bodies also tell the customer's names and
 * addresses, which are then looked for in free text elsewhere.
 */
import { orderIdOfDelivery } from "~/connectors/shopify/mappers/delivery-order-id";
import type { Db } from "~/db/client.server";
import { inboxEventsMentioning, type InboxRow } from "~/models/privacy-footprint.server";
import { identifyingValues, needleMatcher } from "./anonymise";
import { parseExact, unmarkNumber, type Json } from "./exact-json";
import { contactTerms, mentionsId, type PrivacySubject } from "./subject";

export interface CustomerFootprint {
  inboxEvents: InboxRow[];
  orderIds: string[];
  /** Refunds of those orders (DocumentLinks and exceptions are keyed by refund id). */
  refundIds: string[];
  /** The customer's contact details, names and address lines, as found. */
  values: Set<string>;
}

const PAGE = 200;
// Each round follows the orders found in the round before; real chains end after one or two.
const MAX_ROUNDS = 5;

function parsed(payload: string): Json | null {
  try {
    return parseExact(payload);
  } catch {
    return null;
  }
}

function idOf(body: Json | null): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const id = body.id;
  if (typeof id === "number") return String(id);
  return typeof id === "string" ? unmarkNumber(id) : null;
}

export async function findCustomerFootprint(db: Db, shopDomain: string, subject: PrivacySubject, listedOrderIds: string[]): Promise<CustomerFootprint> {
  const orderIds = new Set(listedOrderIds);
  const events = new Map<string, InboxRow>();
  const email = subject.email?.toLowerCase() ?? null;
  const phone = subject.phone ? needleMatcher([subject.phone]) : null;
  const related = (payload: string) =>
    (email !== null && payload.toLowerCase().includes(email)) ||
    (phone !== null && new RegExp(phone.source, phone.flags.replace("g", "")).test(payload)) ||
    (subject.customerId !== null && mentionsId(payload, subject.customerId)) ||
    [...orderIds].some((id) => mentionsId(payload, id));

  const searched = new Set<string>();
  let terms = [...contactTerms(subject), ...(subject.customerId ? [subject.customerId] : []), ...orderIds];
  for (let round = 0; round < MAX_ROUNDS && terms.length > 0; round += 1) {
    terms.forEach((t) => searched.add(t));
    let after: string | null = null;
    for (;;) {
      const page = await inboxEventsMentioning(db, shopDomain, terms, after, PAGE);
      for (const row of page) if (!events.has(row.id) && related(row.payload)) events.set(row.id, row);
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    for (const event of events.values()) {
      const orderId = orderIdOfDelivery(event.topic, event.payload);
      if (orderId) orderIds.add(orderId);
    }
    terms = [...orderIds].filter((id) => !searched.has(id));
  }

  const values = new Set(contactTerms(subject));
  const refundIds = new Set<string>();
  for (const event of events.values()) {
    const body = parsed(event.payload);
    if (body !== null) identifyingValues(body, null, false, values);
    const refundId = event.topic === "refunds/create" ? idOf(body) : null;
    if (refundId) refundIds.add(refundId);
  }
  return { inboxEvents: [...events.values()], orderIds: [...orderIds], refundIds: [...refundIds], values };
}
