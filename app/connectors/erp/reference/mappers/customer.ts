/** Shop customers as reference ERP customers. */
import type { Address, Customer } from "~/domain";
import type { ErpCustomerRef } from "../../erp-documents";

/** The create-customer request; the company comes from the address, as Shopify keeps it there. */
export function toCustomerRequest(customer: Customer, address: Address | null | undefined) {
  return {
    email: customer.email,
    phone: customer.phone,
    firstName: customer.firstName ?? address?.firstName ?? null,
    lastName: customer.lastName ?? address?.lastName ?? null,
    company: address?.company ?? null,
  };
}

/** The ERP customer reference. */
export function fromCustomer(body: { id: string; email: string | null; phone: string | null }): ErpCustomerRef {
  return { erpId: body.id, email: body.email, phone: body.phone };
}
