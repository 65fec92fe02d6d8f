/** Tryton behind the ErpConnector port, over JSON-RPC. */
import type { CurrencyCode } from "~/domain";
import { ErpError } from "../erp-error";
import type { ErpConnector } from "../port";
import { checkConnection } from "./connection-test";
import { createParty, findParty } from "./parties";
import { createTrytonRpc, type TrytonConfig, type TrytonRpc } from "./rpc";
import { cancelSale, createSale, findSaleByReference, getSale, updateSale, type SaleSettings } from "./sales";
import { listShipmentsSince } from "./shipments";
import { listItems, listStock, listWarehouses } from "./stock";

export interface TrytonConnectorConfig extends TrytonConfig, Partial<SaleSettings> {
  /** The company currency, for item prices. */
  currency: CurrencyCode;
  /** For tests: a client of one's own. */
  rpc?: TrytonRpc;
}

const saleId = (erpId: string) => {
  if (!/^\d+$/.test(erpId)) throw new ErpError("validation", `"${erpId}" is not a Tryton sale id`, { operation: "read sales order" });
  return Number(erpId);
};

export function createTrytonErpConnector(config: TrytonConnectorConfig): ErpConnector {
  const rpc = config.rpc ?? createTrytonRpc(config);
  const settings: SaleSettings = {
    workflow: config.workflow ?? "confirmed",
    paymentTermId: config.paymentTermId ?? null,
    shippingItemCode: config.shippingItemCode ?? null,
    taxItemCode: config.taxItemCode ?? null,
  };
  const unsupported = (what: string) => () =>
    Promise.reject(new ErpError("rejected", `The Tryton connector does not ${what} yet: book it in Tryton`, { operation: what }));

  return {
    system: "tryton",
    capabilities: {
      sendsCallbacks: false,
      supportsIdempotencyKeys: false,
      // Only sales still in draft or quotation; later the connector raises a conflict naming the state.
      supportsSalesOrderUpdate: true,
      supportsStockChangedSince: false,
      supportsReturns: false,
      // A product has one list price; a "was" price does not exist in Tryton.
      itemsCarryCompareAtPrice: false,
    },
    testConnection: () => checkConnection(rpc, config),
    findCustomer: (query) => findParty(rpc, query),
    createCustomer: (customer, { address }) => createParty(rpc, customer, address ?? null),
    findSalesOrderByReference: (reference) => findSaleByReference(rpc, reference),
    createSalesOrder: (input) => createSale(rpc, input, settings),
    getSalesOrder: (erpId) => getSale(rpc, saleId(erpId)),
    updateSalesOrder: (erpId, input) => updateSale(rpc, saleId(erpId), input, settings),
    cancelSalesOrder: (erpId) => cancelSale(rpc, saleId(erpId)),
    listWarehouses: () => listWarehouses(rpc),
    listStock: (query) => listStock(rpc, query),
    listItems: (query) => listItems(rpc, query, config.currency),
    listShipmentsSince: (cursor) => listShipmentsSince(rpc, cursor),
    createReturnAuthorisation: unsupported("authorise returns"),
    cancelReturnAuthorisation: unsupported("cancel returns"),
    createCreditMemo: unsupported("book credit notes"),
  };
}
