import { counter } from "~/observability/metrics";

/** Webhook deliveries by topic and outcome (stored, duplicate, dropped_uninstalled, refused). */
export const webhookDeliveries = counter("erp_bridge_webhook_deliveries_total", "Shopify webhook deliveries by outcome");

/** ERP callbacks by topic and outcome (stored, duplicate, refused_401, ...). */
export const erpCallbacks = counter("erp_bridge_erp_callbacks_total", "ERP callbacks by outcome");
