/** The shop's connections: its ERPs (with their last test) and its Zendesk, each opened to edit or test. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { onboardingState } from "~/models/onboarding.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  const state = await onboardingState(db, shop);
  return { erps: state.erp.connections, zendesk: state.zendesk };
};

export default function Connections() {
  const { erps, zendesk } = useLoaderData<typeof loader>();
  return (
    <Page title="Connections" primaryAction={{ content: "Connect an ERP", url: "/app/connections/erp/new" }} secondaryActions={[{ content: "Setup checklist", url: "/app/onboarding" }]}>
      <BlockStack gap="400">
        <Card padding="0">
          {erps.length === 0 ? (
            <EmptyState heading="No ERP connected yet" action={{ content: "Connect an ERP", url: "/app/connections/erp/new" }} image="">
              <p>The ERP is where orders are posted and where stock, prices and shipments come from.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "ERP connection", plural: "ERP connections" }}
              itemCount={erps.length}
              selectable={false}
              headings={[{ title: "ERP connection" }, { title: "Type" }, { title: "Status" }, { title: "Last test" }, { title: "Actions" }]}
            >
              {erps.map((c, index) => (
                <IndexTable.Row id={c.id} key={c.id} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {c.name}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{c.provider}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge tone={c.status === "active" ? "success" : undefined}>{c.status}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {c.lastTestedAt ? (
                      <InlineStack gap="200" blockAlign="center" wrap={false}>
                        <Badge tone={c.lastTestOk ? "success" : "critical"}>{c.lastTestOk ? "Works" : "Failing"}</Badge>
                        <Text as="span" tone="subdued">
                          {c.lastTestMessage ?? ""}
                        </Text>
                      </InlineStack>
                    ) : (
                      <Text as="span" tone="subdued">
                        Not tested
                      </Text>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button url={`/app/connections/erp/${c.id}`} accessibilityLabel={`Open ${c.name}`}>
                      Open
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <Card>
          <InlineStack align="space-between" blockAlign="center">
            <BlockStack gap="100">
              <Text as="h2" variant="headingMd">
                Zendesk
              </Text>
              <Text as="p" tone="subdued">
                {!zendesk.connectionId ? "Not connected" : zendesk.hasSharedSecret ? "Connected; the sidebar's shared secret is saved" : "Connected; the sidebar has no shared secret yet"}
              </Text>
            </BlockStack>
            <Button url="/app/connections/zendesk">{zendesk.connectionId ? "Open Zendesk settings" : "Connect Zendesk"}</Button>
          </InlineStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
