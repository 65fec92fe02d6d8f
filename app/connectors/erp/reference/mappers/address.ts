import type { Address } from "~/domain";
import type { AddressRequest } from "../payloads";

/** A canonical address in the ERP's words (province code preferred: ERPs validate regions by code). */
export function toErpAddress(address: Address | null): AddressRequest | null {
  if (!address) return null;
  const fullName = [address.firstName, address.lastName].filter(Boolean).join(" ");
  return {
    name: address.name ?? (fullName || null),
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    region: address.provinceCode ?? address.province,
    postalCode: address.zip,
    countryCode: address.countryCode,
    phone: address.phone,
  };
}
