/** Customers as Tryton parties: found by e-mail or phone contact mechanism, created with their address. */
import type { Address, Customer } from "~/domain";
import type { ErpCustomerRef } from "../erp-documents";
import { createOne, searchRead, text, type TrytonRecord } from "./records";
import type { TrytonRpc } from "./rpc";

const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ").trim();

/** The party's name as staff would file it: person, else company, else the e-mail. */
export function partyName(customer: Pick<Customer, "firstName" | "lastName" | "email" | "phone">, address?: Address | null): string {
  return fullName(customer.firstName, customer.lastName) || address?.name || address?.company || customer.email || customer.phone || "Shopify customer";
}

async function refOf(rpc: TrytonRpc, partyId: number): Promise<ErpCustomerRef> {
  const mechanisms = await searchRead(rpc, "party.contact_mechanism", [["party", "=", partyId]], ["type", "value"], { operation: "read customer" });
  const first = (type: string) => text(mechanisms.find((m) => m.type === type)?.value);
  return { erpId: String(partyId), email: first("email"), phone: first("phone") ?? first("mobile") };
}

export async function findParty(rpc: TrytonRpc, query: { email: string | null; phone: string | null }): Promise<ErpCustomerRef | null> {
  const tries: [string[], string][] = [];
  if (query.email) tries.push([["email"], query.email]);
  if (query.phone) tries.push([["phone", "mobile"], query.phone]);
  for (const [types, value] of tries) {
    const found = await searchRead(
      rpc,
      "party.contact_mechanism",
      [["type", "in", types], ["value", "ilike", value], ["party.active", "=", true]],
      ["party"],
      { limit: 1, order: [["id", "ASC"]], operation: "find customer" },
    );
    const party = found[0]?.party;
    if (typeof party === "number") return refOf(rpc, party);
  }
  return null;
}

/** Address values for Tryton; the country is set only when Tryton knows it (countries are optional data there). */
export async function addressValues(rpc: TrytonRpc, address: Address): Promise<Record<string, unknown>> {
  const countries = address.countryCode
    ? await searchRead(rpc, "country.country", [["code", "=", address.countryCode]], ["id"], { limit: 1, operation: "find country" })
    : [];
  return {
    party_name: address.name ?? fullName(address.firstName, address.lastName) ?? null,
    street: [address.company, address.address1, address.address2].filter(Boolean).join("\n") || null,
    postal_code: address.zip,
    city: address.city,
    ...(countries[0] ? { country: countries[0].id } : {}),
  };
}

export async function createParty(rpc: TrytonRpc, customer: Pick<Customer, "email" | "phone" | "firstName" | "lastName">, address: Address | null): Promise<ErpCustomerRef> {
  const mechanisms = [
    customer.email ? { type: "email", value: customer.email } : null,
    customer.phone ? { type: "phone", value: customer.phone } : null,
  ].filter(Boolean);
  const id = await createOne(
    rpc,
    "party.party",
    {
      name: partyName(customer, address),
      ...(mechanisms.length ? { contact_mechanisms: [["create", mechanisms]] } : {}),
      ...(address ? { addresses: [["create", [await addressValues(rpc, address)]]] } : {}),
    },
    "create customer",
  );
  return { erpId: String(id), email: customer.email, phone: customer.phone };
}

const same = (a: unknown, b: unknown) => (text(a) ?? "").trim().toLowerCase() === (text(b) ?? "").trim().toLowerCase();

/** The party's address equal to this one, created when it has none, so every sale ships where the order says. */
export async function partyAddress(rpc: TrytonRpc, partyId: number, address: Address | null): Promise<number> {
  const existing: TrytonRecord[] = await searchRead(rpc, "party.address", [["party", "=", partyId]], ["street", "postal_code", "city", "party_name"], {
    order: [["id", "ASC"]],
    operation: "read customer addresses",
  });
  if (address) {
    const values = await addressValues(rpc, address);
    const match = existing.find((a) => same(a.street, values.street) && same(a.postal_code, values.postal_code) && same(a.city, values.city));
    if (match) return match.id;
    return createOne(rpc, "party.address", { party: partyId, ...values }, "add customer address");
  }
  if (existing[0]) return existing[0].id;
  return createOne(rpc, "party.address", { party: partyId }, "add customer address");
}
