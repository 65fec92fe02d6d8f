/** The flows an ERP can be routed to, as the routing page and messages name them (shared with the browser). */

export const ERP_FLOWS = ["orders", "refunds", "stock", "shipments", "catalog", "prices"] as const;
export type ErpFlow = (typeof ERP_FLOWS)[number];
export type ErpRouteRole = "primary" | "shadow";

/** What each flow is called on screen and in messages. */
export const ERP_FLOW_LABELS: Record<ErpFlow, string> = {
  orders: "Orders",
  refunds: "Refunds",
  stock: "Stock levels",
  shipments: "Shipments",
  catalog: "Products",
  prices: "Prices",
};

/** Flows whose documents a shadow ERP can receive and compare; the others read from their primary only. */
export const DUAL_RUN_FLOWS: readonly ErpFlow[] = ["orders"];

/** The form field of a flow's primary or shadow choice. */
export const routeField = (flow: string, role: string) => `${flow}.${role}`;
