import type { ErpConnector } from "~/connectors/erp";
import type { Customer, Order } from "~/domain";

/**
 * The ERP customer for an order: found by email, then phone, else created. A guest order
 * with neither (a POS sale, say) is posted without a customer.
 */
export async function erpCustomerFor(erp: ErpConnector, shopDomain: string, order: Order, call: <T>(fn: () => Promise<T>) => Promise<T>) {
  const email = order.customer?.email ?? order.email ?? null;
  const phone = order.customer?.phone ?? order.phone ?? null;
  if (!email && !phone) return null;
  const found = await call(() => erp.findCustomer({ email, phone }));
  if (found) return found.erpId;
  const address = order.billingAddress ?? order.shippingAddress;
  const customer: Customer = order.customer ?? {
    id: `guest-${order.id}`,
    email,
    phone,
    firstName: address?.firstName ?? null,
    lastName: address?.lastName ?? null,
  };
  const created = await call(() =>
    erp.createCustomer({ ...customer, email, phone }, { idempotencyKey: `customer:${shopDomain}:${order.customer?.id ?? email ?? phone}`, address }),
  );
  return created.erpId;
}
