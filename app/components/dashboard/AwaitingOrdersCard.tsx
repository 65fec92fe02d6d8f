import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { formatDuration } from "./format";

/** The orders that have waited longest for their ERP sales order, with how long. */
export function AwaitingOrdersCard(props: { orders: { orderId: string; name: string | null; receivedAt: string }[]; now: string }) {
  if (props.orders.length === 0) return null;
  const now = new Date(props.now).getTime();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Waiting longest for the ERP
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "text"]}
          headings={["Order", "Sent by Shopify", "Waiting"]}
          rows={props.orders.map((o) => [
            o.name ?? o.orderId,
            new Date(o.receivedAt).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC",
            formatDuration(now - new Date(o.receivedAt).getTime()),
          ])}
        />
      </BlockStack>
    </Card>
  );
}
