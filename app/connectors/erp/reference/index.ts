/** The reference ERP connector and its callback verifier. */
export { createReferenceErpConnector, type ReferenceErpConnectorConfig } from "./connector";
export { verifyErpCallback, DEFAULT_CALLBACK_TOLERANCE_MS, type VerifiedCallback, type RefusedCallback, type CallbackToVerify } from "./callback-signature";
export { readReferenceErpCallback } from "./callback-events";
