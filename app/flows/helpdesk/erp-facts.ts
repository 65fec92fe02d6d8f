/**
 * The ERP's truth about several orders at once, within a time budget: every sales order is read
 * in parallel; each answer is kept as the order's snapshot; an order whose read fails or is
 * still running when the budget runs out is shown from its last snapshot, marked stale, with
 * what went wrong in words. A read that finishes after the budget still refreshes the snapshot
 * for the next agent.
 */
import type { ErpSalesOrder } from "~/connectors/erp/erp-documents";
import type { ErpConnector } from "~/connectors/erp/port";
import type { Db } from "~/db/client.server";
import { asAppError } from "~/errors";
import { erpOrderSnapshots, saveErpOrderSnapshot } from "~/models/erp-order-snapshots.server";
import { erpOrderView } from "./erp-order-view";
import type { ErpOrderView } from "./view";

export interface ErpFactsOfOrder {
  erp: ErpOrderView | null;
  erpUnavailable: string | null;
}

export interface ErpFactsInput {
  shopId: string;
  connectionId: string;
  /** The ERP's name for messages, e.g. the connection's name. */
  erpName: string;
  /** Sales order ERP id per Shopify order id (orders not in the ERP are absent). */
  salesOrders: Map<string, string>;
  budgetMs: number;
  now: () => Date;
  log: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
}

type Outcome = { ok: true; order: ErpSalesOrder; at: Date } | { ok: false; reason: string };

export async function erpFactsOf(db: Db, connector: ErpConnector, input: ErpFactsInput): Promise<Map<string, ErpFactsOfOrder>> {
  const entries = [...input.salesOrders.entries()];
  if (entries.length === 0) return new Map();
  const snapshotsRead = erpOrderSnapshots(db, { shopId: input.shopId, connectionId: input.connectionId, orderIds: entries.map(([orderId]) => orderId) });

  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), input.budgetMs);
  });
  const reads = entries.map(async ([orderId, erpId]): Promise<Outcome> => {
    try {
      const order = await connector.getSalesOrder(erpId);
      const at = input.now();
      await saveErpOrderSnapshot(db, { shopId: input.shopId, orderId, connectionId: input.connectionId }, order, at).catch((error: unknown) =>
        input.log("warn", "helpdesk: could not keep the ERP snapshot", { orderId, error: asAppError(error).message }),
      );
      return { ok: true, order, at };
    } catch (error) {
      const appError = asAppError(error);
      input.log("warn", "helpdesk: ERP read failed", { orderId, erpId, errorClass: appError.errorClass, error: appError.message });
      return { ok: false, reason: unavailableWords(input.erpName, appError.errorClass, appError.message) };
    }
  });
  const outcomes = await Promise.all(
    reads.map((read) => Promise.race([read, budget]).then((o): Outcome => (o === "timeout" ? { ok: false, reason: `${input.erpName} did not answer within ${input.budgetMs} ms` } : o))),
  );
  clearTimeout(timer);
  const snapshots = await snapshotsRead;

  const facts = new Map<string, ErpFactsOfOrder>();
  entries.forEach(([orderId], i) => {
    const outcome = outcomes[i];
    if (outcome.ok) {
      facts.set(orderId, { erp: erpOrderView(outcome.order, outcome.at, false), erpUnavailable: null });
      return;
    }
    const snapshot = snapshots.get(orderId);
    facts.set(orderId, {
      erp: snapshot ? erpOrderView(snapshot.salesOrder, snapshot.fetchedAt, true) : null,
      erpUnavailable: snapshot ? `${outcome.reason}; showing what it said at ${snapshot.fetchedAt.toISOString()}` : `${outcome.reason}; nothing known from it yet`,
    });
  });
  return facts;
}

/** What an agent reads when the ERP could not answer: the kind of failure, not its internals. */
function unavailableWords(erpName: string, errorClass: string, message: string): string {
  switch (errorClass) {
    case "transient":
    case "unavailable":
      return `${erpName} cannot be reached right now`;
    case "rate_limited":
      return `${erpName} is busy and asked us to wait`;
    case "auth":
      return `${erpName} refused the app's credentials`;
    case "not_found":
      return `${erpName} no longer has this sales order`;
    default:
      return `${erpName} could not give this order: ${message}`;
  }
}
