import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { AwaitingOrdersCard } from "~/components/dashboard/AwaitingOrdersCard";
import { BreachesCard } from "~/components/dashboard/BreachesCard";
import { BusinessFigures } from "~/components/dashboard/BusinessFigures";
import { DashboardChart } from "~/components/dashboard/DashboardChart";
import { exceptionsUrl } from "~/components/dashboard/exception-links";
import { FigureCard } from "~/components/dashboard/FigureCard";
import { formatDuration } from "~/components/dashboard/format";
import { QueueDepthCard } from "~/components/dashboard/QueueDepthCard";
import db from "~/db.server";
import { businessView } from "~/models/dashboard-business.server";
import { depthFromStats, shopQueueDepth } from "~/models/dashboard-queue.server";
import { dashboardFigures } from "~/models/dashboard.server";
import { readShopSettings } from "~/models/shop-settings.server";
import { FLOWS } from "~/queue/flows";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const figures = await dashboardFigures(db, session.shop, now);
  const shop = await db.shop.findUnique({ where: { domain: session.shop }, select: { id: true, domain: true } });
  if (!shop) return { figures, business: null, now: now.toISOString() };
  const queue = appQueue();
  // The database queue's jobs carry their shop; Redis (BullMQ) only knows totals for every shop.
  const depth =
    queue.driver === "database"
      ? { scope: "shop" as const, flows: await shopQueueDepth(db, shop.id, now) }
      : { scope: "all shops" as const, flows: depthFromStats(await queue.stats([...FLOWS])) };
  const { latencyTargets } = await readShopSettings(db, shop.id);
  const business = await businessView(db, shop, { now, targets: latencyTargets, queue: depth });
  return { figures, business, now: now.toISOString() };
};

export default function Dashboard() {
  const { figures, business, now } = useLoaderData<typeof loader>();
  const chartData = business ? { ...business.charts, ordersTargetMinutes: business.targets.ordersMinutes } : null;
  const postedToday = business ? business.charts.hours.reduce((sum, h) => sum + h.ordersPosted, 0) : 0;
  return (
    <Page
      title="Dashboard"
      subtitle={figures.shop?.domain}
      secondaryActions={[{ content: "Latency targets", url: "/app/settings/targets" }]}
    >
      <Layout>
        {business && chartData ? (
          <>
            <Layout.Section>
              <BreachesCard windowHours={business.windowHours} targets={business.targets} breaches={business.breaches} />
            </Layout.Section>
            <Layout.Section>
              <BusinessFigures view={business} />
            </Layout.Section>
            <Layout.Section>
              <AwaitingOrdersCard orders={business.awaitingOrders.oldest} now={now} />
            </Layout.Section>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
                <DashboardChart
                  title="Order-to-ERP latency p95 per hour (UTC)"
                  summary={`The slowest 5% of each hour's orders, against the ${business.targets.ordersMinutes} min target; overall p95 ${formatDuration(business.orderLatency.p95Ms)}.`}
                  data={chartData}
                  which="latency"
                />
                <DashboardChart
                  title="Orders posted to the ERP per hour (UTC)"
                  summary={`${postedToday} sales orders recorded in the last ${business.windowHours} hours.`}
                  data={chartData}
                  which="posted"
                />
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <DashboardChart
                title="Exceptions opened per day by flow"
                summary={`Over the last 14 days; ${Object.values(business.openExceptionsByFlow).reduce((a, b) => a + b, 0)} are open now.`}
                data={chartData}
                which="exceptions"
              />
            </Layout.Section>
            <Layout.Section>
              <QueueDepthCard scope={business.queue.scope} flows={business.queue.flows} />
            </Layout.Section>
          </>
        ) : null}
        <Layout.Section>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Activity
            </Text>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
              <FigureCard label="Orders posted to ERP" value={figures.ordersPosted} tone="success" />
              <FigureCard label="Webhooks received (24 h)" value={figures.webhooksLast24h} />
              <FigureCard label="Jobs waiting" value={figures.jobsWaiting} />
              <FigureCard label="Jobs running" value={figures.jobsRunning} />
              <FigureCard
                label="Open exceptions"
                value={figures.openExceptions}
                tone={figures.openExceptions > 0 ? "critical" : undefined}
                links={[{ url: exceptionsUrl(), label: "See open exceptions" }]}
              />
              <FigureCard
                label="High-impact exceptions"
                value={figures.highImpactExceptions}
                tone={figures.highImpactExceptions > 0 ? "critical" : undefined}
                links={[{ url: exceptionsUrl({ impact: "high" }), label: "See high-impact exceptions" }]}
              />
            </InlineGrid>
          </BlockStack>
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
