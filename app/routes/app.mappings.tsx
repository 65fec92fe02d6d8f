/**
 * Mappings: how the shop's Shopify records correspond to the ERP's (SKUs, locations, codes).
 * This layout holds what the three pages share: the ERP connection picker, the tabs, and the
 * recent changes from the audit trail.
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, EmptyState, InlineStack, Page, Select, Tabs, Text } from "@shopify/polaris";
import db from "~/db.server";
import { mappingPageContext } from "~/flows/mappings/page-context.server";
import { withParams } from "~/flows/mappings/page-url";
import { recentMappingChanges } from "~/models/mapping-audit.server";
import { authenticate } from "~/shopify.server";

const TABS = [
  { id: "skus", content: "SKUs", path: "/app/mappings/skus" },
  { id: "locations", content: "Locations", path: "/app/mappings/locations" },
  { id: "codes", content: "Codes", path: "/app/mappings/codes" },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  if (url.pathname.replace(/\/$/, "") === "/app/mappings") throw redirect(`/app/mappings/skus${url.search}`);
  const context = await mappingPageContext(db, session.shop, url);
  if (!context) return { installed: false as const, connections: [], currentId: null, changes: [] };
  const changes = await recentMappingChanges(db, context.shop.id);
  return {
    installed: true as const,
    connections: context.connections,
    currentId: context.current?.id ?? null,
    changes: changes.map((c) => ({ ...c, at: c.at.toISOString() })),
  };
};

export default function Mappings() {
  const { installed, connections, currentId, changes } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = Math.max(0, TABS.findIndex((t) => location.pathname.startsWith(t.path)));
  // A tab or connection change starts that page afresh: search, filter and paging belong to one page.
  const keep = (search: string) => withParams(search, { q: null, filter: null, after: null, edit: null });

  return (
    <Page title="Mappings" subtitle="Which ERP item, warehouse and code each Shopify record stands for">
      <BlockStack gap="400">
        {!installed ? <Banner tone="critical" title="This shop is not installed" /> : null}
        {installed && connections.length === 0 ? (
          <Card>
            <EmptyState heading="No ERP connection yet" image="">
              <p>Connect an ERP first: mappings link Shopify records to that ERP&apos;s items, warehouses and codes.</p>
            </EmptyState>
          </Card>
        ) : null}
        {connections.length > 1 ? (
          <Card>
            <InlineStack gap="200" blockAlign="center">
              <Select
                label="ERP connection"
                options={connections.map((c) => ({ label: `${c.name} (${c.provider}, ${c.status})`, value: c.id }))}
                value={currentId ?? ""}
                onChange={(id) => navigate(`${location.pathname}${keep(withParams(location.search, { connection: id }))}`)}
              />
            </InlineStack>
          </Card>
        ) : null}
        {connections.length > 0 ? (
          <Card padding="0">
            <Tabs tabs={TABS.map(({ id, content }) => ({ id, content }))} selected={selected} onSelect={(i) => navigate(`${TABS[i].path}${keep(location.search)}`)} />
            <Outlet />
          </Card>
        ) : null}
        {installed ? (
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Recent changes
              </Text>
              {changes.length === 0 ? (
                <Text as="p" tone="subdued">
                  No mapping changed yet. Every change made here is recorded with who made it and when.
                </Text>
              ) : (
                <BlockStack gap="100" as="ul">
                  {changes.map((c) => (
                    <li key={c.id} style={{ listStyle: "none" }}>
                      <InlineStack gap="200" wrap={false}>
                        <Box minWidth="190px">
                          <Text as="span" tone="subdued">
                            {new Date(c.at).toLocaleString()}
                          </Text>
                        </Box>
                        <Text as="span">{c.summary}</Text>
                        <Text as="span" tone="subdued">
                          by {c.actor}
                        </Text>
                      </InlineStack>
                    </li>
                  ))}
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        ) : null}
      </BlockStack>
    </Page>
  );
}
