/** Who a privacy request is about, and how to recognise their records. */
import { createHash } from "node:crypto";
import type { PrivacySubject } from "~/connectors/shopify/mappers/compliance-from-webhook";
import { REDACTED_TEXT } from "./anonymise";

export type { PrivacySubject };

/**
 * The subject without values that are already anonymised: a request read again from its own
 * delivery after that delivery was redacted must not go looking for "[redacted]".
 */
export function cleanSubject(subject: PrivacySubject): PrivacySubject {
  const keep = (value: string | null) => (value && value !== REDACTED_TEXT ? value : null);
  return { customerId: keep(subject.customerId), email: keep(subject.email), phone: keep(subject.phone) };
}

/** A stable key for the subject that names no contact detail. */
export function subjectKey(subject: PrivacySubject): string {
  if (subject.customerId) return `customer:${subject.customerId}`;
  const contact = (subject.email ?? subject.phone ?? "").toLowerCase();
  return `contact:${createHash("sha256").update(contact).digest("hex")}`;
}

/** Text to look for in stored records: the email (as given and in lower case) and the phone. */
export function contactTerms(subject: PrivacySubject): string[] {
  const terms = [subject.email, subject.email?.toLowerCase() ?? null, subject.phone].filter((t): t is string => Boolean(t));
  return [...new Set(terms)];
}

/** True when text names this id as a whole number (not inside a longer one). */
export function mentionsId(text: string, id: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(id, from);
    if (at < 0) return false;
    const before = at > 0 ? text[at - 1] : "";
    const after = text[at + id.length] ?? "";
    if (!/\d/.test(before) && !/\d/.test(after)) return true;
    from = at + 1;
  }
}
