import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Page, Tabs, Text } from "@shopify/polaris";
import db from "~/db.server";
import { stockDrift } from "~/models/inventory-drift.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const onlyDrifting = new URL(request.url).searchParams.get("filter") === "drifting";
  const shop = await findShop(db, session.shop);
  if (!shop) return { onlyDrifting, total: 0, drifting: 0, rows: [] };
  const report = await stockDrift(db, shop.id, { onlyDrifting });
  return {
    onlyDrifting,
    total: report.total,
    drifting: report.drifting,
    rows: report.rows.map((r) => ({ ...r, pushedAt: r.pushedAt?.toISOString() ?? null, shopifyReadAt: r.shopifyReadAt?.toISOString() ?? null })),
  };
};

export default function Inventory() {
  const { onlyDrifting, total, drifting, rows } = useLoaderData<typeof loader>();
  const [, setSearchParams] = useSearchParams();
  const tabs = [
    { id: "all", content: `All (${total})` },
    { id: "drifting", content: `Only drifting (${drifting})` },
  ];

  return (
    <Page title="Inventory" subtitle="ERP stock per location against what Shopify shows; the reconciliation pushes every difference">
      <Card padding="0">
        <Tabs tabs={tabs} selected={onlyDrifting ? 1 : 0} onSelect={(i) => setSearchParams(i === 0 ? {} : { filter: "drifting" })} />
        {rows.length === 0 ? (
          <EmptyState heading={total === 0 ? "No stock synced yet" : "No drift"} image="">
            <p>
              {total === 0
                ? "Map ERP warehouses to Shopify locations: stock levels then appear here as they reach Shopify."
                : "Shopify shows the target quantity for every item and location."}
            </p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "stock level", plural: "stock levels" }}
            itemCount={rows.length}
            selectable={false}
            headings={[
              { title: "SKU" },
              { title: "Location" },
              { title: "ERP available", alignment: "end" },
              { title: "Target after buffer", alignment: "end" },
              { title: "Shopify available", alignment: "end" },
              { title: "Difference", alignment: "end" },
              { title: "Last push" },
            ]}
          >
            {rows.map((r, index) => (
              <IndexTable.Row id={r.id} key={r.id} position={index}>
                <IndexTable.Cell>
                  <Text as="span" fontWeight="semibold">
                    {r.sku}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{`${r.shopifyLocationId} (ERP ${r.erpWarehouseId})`}</IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {r.erpAvailable}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {r.target}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end" numeric>
                    {r.shopifyQuantity ?? "not read"}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  {r.difference === null ? (
                    <Text as="span" tone="subdued">
                      unknown
                    </Text>
                  ) : r.difference === 0 ? (
                    <Badge tone="success">0</Badge>
                  ) : (
                    <Badge tone="warning">{r.difference > 0 ? `+${r.difference}` : String(r.difference)}</Badge>
                  )}
                </IndexTable.Cell>
                <IndexTable.Cell>{r.pushedAt ? `${r.pushedQuantity} at ${new Date(r.pushedAt).toLocaleString("en")}` : "never"}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}
