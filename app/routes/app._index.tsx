import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { authenticate } from "~/shopify.server";
import { dashboardFigures } from "~/models/dashboard.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return dashboardFigures(db, session.shop);
};

function Figure({ label, value, tone }: { label: string; value: number | string; tone?: "critical" | "success" }) {
  return (
    <section aria-label={label}>
      <Card>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm" tone="subdued">
            {label}
          </Text>
          <Text as="p" variant="heading2xl" tone={tone}>
            {value}
          </Text>
        </BlockStack>
      </Card>
    </section>
  );
}

export default function Dashboard() {
  const figures = useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard" subtitle={figures.shop?.domain}>
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
            <Figure label="Orders posted to ERP" value={figures.ordersPosted} tone="success" />
            <Figure label="Webhooks received (24 h)" value={figures.webhooksLast24h} />
            <Figure label="Jobs waiting" value={figures.jobsWaiting} />
            <Figure label="Jobs running" value={figures.jobsRunning} />
            <Figure
              label="Open exceptions"
              value={figures.openExceptions}
              tone={figures.openExceptions > 0 ? "critical" : undefined}
            />
            <Figure label="High-impact exceptions" value={figures.highImpactExceptions} />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Recently posted to the ERP
              </Text>
              {figures.recentOrders.length === 0 ? (
                <Text as="p" tone="subdued">
                  No order has reached the ERP yet.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["Order", "ERP sales order", "State", "Posted"]}
                  rows={figures.recentOrders.map((o) => [o.name, o.erpNumber ?? "", o.state, new Date(o.postedAt).toLocaleString("en")])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Connections
              </Text>
              {figures.connections.length === 0 ? (
                <Text as="p" tone="subdued">
                  No ERP or helpdesk connected yet.
                </Text>
              ) : (
                figures.connections.map((c) => (
                  <Box key={c.name}>
                    <Text as="span">
                      {c.name} ({c.kind}, {c.provider}){" "}
                    </Text>
                    <Badge tone={c.status === "active" ? "success" : undefined}>{c.status}</Badge>
                  </Box>
                ))
              )}
              <Text as="p" tone="subdued">
                Last webhook: {figures.lastDeliveryAt ?? "none yet"}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
