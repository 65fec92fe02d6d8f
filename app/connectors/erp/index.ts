/** The ERP side of the bridge: the port every ERP connector implements, and its documents. */
export type * from "./port";
export type * from "./erp-documents";
export { ErpError, type ErpErrorDetails } from "./erp-error";
