/**
 * A customer's orders for the helpdesk sidebar: what Shopify says, what the ERP says (or last
 * said, when it cannot be reached), refunds with their credit memos, returns started from the
 * helpdesk, and where each order stands in our sync. Everything is read within one shop: the
 * one the helpdesk connection belongs to.
 */
import type { ErpConnector } from "~/connectors/erp/port";
import type { Db } from "~/db/client.server";
import type { OrderFacts } from "~/domain/order-facts";
import { asAppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { routeFor } from "~/models/erp-routes.server";
import { returnCasesOfOrders } from "~/models/return-cases.server";
import { erpFactsOf, type ErpFactsOfOrder } from "./erp-facts";
import { moneyView } from "./erp-order-view";
import { returnCaseView } from "./return-case-view";
import { openOrderExceptions, salesOrderLinks, syncStateView } from "./sync-state";
import type { CustomerOrdersAnswer, OrderView, RefundView, ReturnCaseView } from "./view";

/** Most orders shown per answer: a sidebar, not a report. */
export const ORDERS_LIMIT = 10;
/** How long the ERP may take for all orders together before last known data is shown. */
export const DEFAULT_ERP_BUDGET_MS = 800;

export interface OrderFactsQuery {
  email?: string;
  orderName?: string;
}

export interface CustomerOrdersDeps {
  db: Db;
  /** Shopify's facts about the shop's orders of this customer or with this name, newest first. */
  orderFacts(shopDomain: string, query: OrderFactsQuery, limit: number): Promise<OrderFacts[]>;
  connectorFor(connection: OpenedConnection): ErpConnector;
  now: () => Date;
  erpBudgetMs?: number;
  log: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
}

export interface CustomerOrdersInput {
  shop: { id: string; domain: string };
  email: string | null;
  orderName: string | null;
}

export async function customerOrders(deps: CustomerOrdersDeps, input: CustomerOrdersInput): Promise<CustomerOrdersAnswer> {
  const { db, log } = deps;
  const { shop } = input;
  const query: OrderFactsQuery = {
    ...(input.email ? { email: input.email } : {}),
    ...(input.orderName ? { orderName: input.orderName } : {}),
  };
  // The ERP route does not depend on the orders: look it up while Shopify answers.
  const routed = routeFor(db, shop.id, "orders").then(
    (r) => ({ connection: r.primary, problem: null }),
    (error: unknown) => ({ connection: null, problem: asAppError(error).message }),
  );
  const facts = (await deps.orderFacts(shop.domain, query, ORDERS_LIMIT)).slice(0, ORDERS_LIMIT);
  const orderIds = facts.map((f) => f.id);
  const refundIds = facts.flatMap((f) => f.refunds.map((r) => r.id));

  const [{ connection, problem }, exceptions, cases, creditMemos] = await Promise.all([
    routed,
    openOrderExceptions(db, { shopId: shop.id, orderIds }),
    returnCasesOfOrders(db, shop.id, orderIds),
    creditMemoLinks(db, shop.id, refundIds),
  ]);
  const links = connection ? await salesOrderLinks(db, { shopId: shop.id, connectionId: connection.id, orderIds }) : new Map();
  const erpFacts = connection
    ? await erpFactsOf(db, deps.connectorFor(connection), {
        shopId: shop.id,
        connectionId: connection.id,
        erpName: `The ERP (${connection.name})`,
        salesOrders: new Map([...links].map(([orderId, link]) => [orderId, link.erpId])),
        budgetMs: deps.erpBudgetMs ?? DEFAULT_ERP_BUDGET_MS,
        now: deps.now,
        log,
      })
    : new Map<string, ErpFactsOfOrder>();
  if (problem) log("warn", "helpdesk: no ERP to read orders from", { shopId: shop.id, error: problem });

  const now = deps.now();
  const casesByOrder = new Map<string, ReturnCaseView[]>();
  for (const row of cases) casesByOrder.set(row.orderId, [...(casesByOrder.get(row.orderId) ?? []), returnCaseView(row)]);

  const orders = facts.map((f): OrderView => {
    const erp = erpFacts.get(f.id);
    return {
      id: f.id,
      name: f.name,
      createdAt: f.createdAt,
      email: f.email,
      cancelledAt: f.cancelledAt,
      total: moneyView(f.total),
      paymentStatus: f.paymentStatus,
      fulfilmentStatus: f.fulfilmentStatus,
      lines: f.lines.map((l) => ({ ...l })),
      erp: erp?.erp ?? null,
      erpUnavailable: erp?.erpUnavailable ?? (problem ? `No ERP to ask: ${problem}` : null),
      refunds: f.refunds.map((r): RefundView => ({ id: r.id, createdAt: r.createdAt, total: moneyView(r.total), note: r.note, erpCreditMemo: creditMemos.get(r.id) ?? null })),
      returns: f.returns.map((r) => ({ id: r.id, name: r.name, status: r.status, createdAt: r.createdAt, lines: r.lines.map((l) => ({ ...l })) })),
      returnCases: casesByOrder.get(f.id) ?? [],
      sync: syncStateView(links.get(f.id) ?? null, exceptions.get(f.id) ?? null, now, f.cancelledAt !== null),
    };
  });
  return { email: input.email, orderName: input.orderName, orders, generatedAt: now.toISOString() };
}

/** The credit memo booked for each refund, by refund id (its ERP number when it has one). */
async function creditMemoLinks(db: Db, shopId: string, refundIds: string[]): Promise<Map<string, string>> {
  if (refundIds.length === 0) return new Map();
  const rows = await db.documentLink.findMany({
    where: { shopId, sourceType: "refund", erpType: "credit_memo", sourceId: { in: refundIds } },
    orderBy: { createdAt: "asc" },
    select: { sourceId: true, erpId: true, erpNumber: true },
  });
  return new Map(rows.map((r) => [r.sourceId, r.erpNumber ?? r.erpId]));
}
