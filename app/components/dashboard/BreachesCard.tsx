import { Badge, BlockStack, Button, Card, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import { exceptionsUrl } from "./exception-links";
import { count } from "./format";

interface Breach {
  label: string;
  targetMinutes: number;
  breaches: number;
  detail: string;
  url: string;
}

/** Per flow: how many documents took longer than the merchant's target in the window; red when any did. */
export function BreachesCard(props: {
  windowHours: number;
  targets: { ordersMinutes: number; stockMinutes: number; shipmentsMinutes: number };
  breaches: { orders: number; stock: number; shipments: number };
}) {
  const rows: Breach[] = [
    { label: "Orders in the ERP", targetMinutes: props.targets.ordersMinutes, breaches: props.breaches.orders, detail: "orders posted late or still waiting", url: exceptionsUrl({ flow: "orders", sourceType: "order" }) },
    { label: "Stock in Shopify", targetMinutes: props.targets.stockMinutes, breaches: props.breaches.stock, detail: "stock changes pushed late", url: exceptionsUrl({ flow: "inventory" }) },
    { label: "Shipments in Shopify", targetMinutes: props.targets.shipmentsMinutes, breaches: props.breaches.shipments, detail: "shipments fulfilled late or still waiting", url: exceptionsUrl({ flow: "fulfillment" }) },
  ];
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Latency target breaches (last {props.windowHours} h)
          </Text>
          <Button url="/app/settings/targets" accessibilityLabel="Change latency targets">
            Change targets
          </Button>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
          {rows.map((row) => {
            const name = `${row.label} within ${row.targetMinutes} min`;
            return (
              <section key={row.label} aria-label={name}>
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm">
                      {name}
                    </Text>
                    <Badge tone={row.breaches > 0 ? "critical" : "success"}>{row.breaches > 0 ? "Breached" : "On target"}</Badge>
                  </InlineStack>
                  <Text as="p" variant="headingXl" tone={row.breaches > 0 ? "critical" : "success"}>
                    {row.breaches}
                  </Text>
                  <Text as="p" variant="bodySm" tone="subdued">
                    {count(row.breaches, "breach", "breaches")}: {row.detail}
                  </Text>
                  <Link url={row.url} accessibilityLabel={`Exceptions behind ${row.label.toLowerCase()} breaches`}>
                    See exceptions
                  </Link>
                </BlockStack>
              </section>
            );
          })}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
