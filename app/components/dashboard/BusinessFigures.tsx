import { InlineGrid } from "@shopify/polaris";
import type { BusinessView } from "~/models/dashboard-business.server";
import { exceptionsUrl } from "./exception-links";
import { FigureCard } from "./FigureCard";
import { count, formatDuration } from "./format";

const percentiles = (s: { p50Ms: number | null; p95Ms: number | null }) => `p50 ${formatDuration(s.p50Ms)} · p95 ${formatDuration(s.p95Ms)}`;

/** The board's numbers, each saying what it counts and linking to the exceptions behind it. */
export function BusinessFigures({ view }: { view: BusinessView }) {
  const { awaitingOrders, orderLatency, stockLag, shipments, targets } = view;
  const notInShopify = shipments.waiting + shipments.failed;
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
      <FigureCard
        label="Orders awaiting ERP acknowledgement"
        value={awaitingOrders.count}
        tone={awaitingOrders.overTarget > 0 ? "critical" : undefined}
        help={`Orders Shopify sent in the last 7 days that have no ERP sales order yet (cancelled orders left out); ${awaitingOrders.overTarget} waiting longer than ${targets.ordersMinutes} min.`}
        links={[{ url: exceptionsUrl({ flow: "orders", sourceType: "order" }), label: "See order exceptions" }]}
      />
      <FigureCard
        label={`Order-to-ERP latency (${view.windowHours} h)`}
        value={orderLatency.count ? percentiles(orderLatency) : "No orders yet"}
        tone={orderLatency.overTarget > 0 ? "critical" : undefined}
        help={`From the orders/create webhook reaching the app to the ERP sales order being recorded, over ${count(orderLatency.count, "order")}; orders backfilled without a webhook are not measured.`}
        links={[{ url: exceptionsUrl({ flow: "orders", errorClass: "late" }), label: "See late orders" }]}
      />
      <FigureCard
        label={`Inventory push lag (${view.windowHours} h)`}
        value={stockLag.count ? percentiles(stockLag) : "No pushes yet"}
        tone={stockLag.overTarget > 0 ? "critical" : undefined}
        help={`From the ERP's stock change to its push to Shopify, over the newest change of ${count(stockLag.count, "item and location", "items and locations")} pushed.`}
        links={[{ url: exceptionsUrl({ flow: "inventory" }), label: "See stock exceptions" }]}
      />
      <FigureCard
        label="Failed refunds"
        value={view.failedRefunds}
        tone={view.failedRefunds > 0 ? "critical" : undefined}
        help="Open exceptions of refunds not credited in the ERP and of returns that stopped."
        links={[
          { url: exceptionsUrl({ sourceType: "refund" }), label: "See refund exceptions" },
          { url: exceptionsUrl({ flow: "returns" }), label: "See return exceptions" },
        ]}
      />
      <FigureCard
        label="Shipments not yet in Shopify"
        value={notInShopify}
        tone={shipments.failed > 0 || shipments.waitingOverTarget > 0 ? "critical" : undefined}
        help={`${shipments.waiting} ERP shipments waiting in the fulfilment queue (${shipments.waitingOverTarget} longer than ${targets.shipmentsMinutes} min) and ${shipments.failed} failed (open fulfilment exceptions). Shipments the app has not picked up from the ERP yet are not known here.`}
        links={[{ url: exceptionsUrl({ flow: "fulfillment" }), label: "See fulfilment exceptions" }]}
      />
      <FigureCard
        label={`Shipment lag (${view.windowHours} h)`}
        value={shipments.lag.count ? percentiles(shipments.lag) : "No shipments yet"}
        tone={shipments.lag.overTarget > 0 ? "critical" : undefined}
        help={`From the ERP's shipment time to its first Shopify fulfilment, over ${count(shipments.lag.count, "shipment")}.`}
        links={[{ url: exceptionsUrl({ flow: "fulfillment" }), label: "See shipment exceptions" }]}
      />
    </InlineGrid>
  );
}
