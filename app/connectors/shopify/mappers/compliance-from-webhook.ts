import { z } from "zod";
import { parseExactJson } from "./parse-exact-json";
import { PayloadReader } from "./payload-reader";
import { RestId } from "./webhook-schemas";

/** Who a privacy request is about. Shopify may name a customer by email or phone alone. */
export interface PrivacySubject {
  customerId: string | null;
  email: string | null;
  phone: string | null;
}

/** A mandatory compliance webhook (privacy law request), in the app's words. */
export type ComplianceRequest =
  | { kind: "customer_data_request"; dataRequestId: string; subject: PrivacySubject; orderIds: string[] }
  | { kind: "customer_redact"; subject: PrivacySubject; orderIds: string[] }
  | { kind: "shop_redact" };

export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;
export type ComplianceTopic = (typeof COMPLIANCE_TOPICS)[number];

export function isComplianceTopic(topic: string): topic is ComplianceTopic {
  return (COMPLIANCE_TOPICS as readonly string[]).includes(topic);
}

const RestPrivacyCustomer = z.object({
  id: RestId.nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

const RestDataRequest = z.object({
  customer: RestPrivacyCustomer,
  orders_requested: z.array(RestId).nullish(),
  data_request: z.object({ id: RestId }),
});

const RestCustomerRedact = z.object({
  customer: RestPrivacyCustomer,
  orders_to_redact: z.array(RestId).nullish(),
});

function subjectOf(reader: PayloadReader, customer: z.infer<typeof RestPrivacyCustomer>): PrivacySubject {
  const subject = { customerId: customer.id ?? null, email: customer.email?.trim() || null, phone: customer.phone?.trim() || null };
  if (!subject.customerId && !subject.email && !subject.phone) reader.fail(["customer"], "names no customer id, email or phone");
  return subject;
}

/** The request from the RAW body of a compliance webhook (ids above 2^53 stay exact). */
export function complianceRequestFromWebhook(topic: ComplianceTopic, rawBody: string): ComplianceRequest {
  const reader = new PayloadReader(topic);
  const body = parseExactJson(rawBody, topic);
  switch (topic) {
    case "customers/data_request": {
      const parsed = reader.parse(RestDataRequest, body);
      return { kind: "customer_data_request", dataRequestId: parsed.data_request.id, subject: subjectOf(reader, parsed.customer), orderIds: parsed.orders_requested ?? [] };
    }
    case "customers/redact": {
      const parsed = reader.parse(RestCustomerRedact, body);
      return { kind: "customer_redact", subject: subjectOf(reader, parsed.customer), orderIds: parsed.orders_to_redact ?? [] };
    }
    case "shop/redact":
      return { kind: "shop_redact" };
  }
}
