import type { ErpConnector } from "~/connectors/erp";
import type { Customer, Order } from "~/domain";
import { AppError } from "~/errors";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The ERP customer for an order: found by email, then phone, else created. A guest order
 * with neither (a POS sale, say) is posted without a customer. Two orders of a new customer
 * may race to create them: the loser's conflict is answered by finding the winner's customer.
 * `create` is how the create call runs (without in-place retries for ERPs lacking idempotency).
 */
export async function erpCustomerFor(erp: ErpConnector, shopDomain: string, order: Order, call: Call, create: Call = call) {
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
  try {
    const created = await create(() =>
      erp.createCustomer({ ...customer, email, phone }, { idempotencyKey: `customer:${shopDomain}:${order.customer?.id ?? email ?? phone}`, address }),
    );
    return created.erpId;
  } catch (error) {
    if (!(error instanceof AppError) || error.errorClass !== "conflict") throw error;
    const winner = await call(() => erp.findCustomer({ email, phone }));
    if (!winner) throw error;
    return winner.erpId;
  }
}
