import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, EmptyState, IndexTable, List, Page, Tabs, Text } from "@shopify/polaris";
import db from "~/db.server";
import { COMPARISON_STATUSES, type ComparisonStatusName } from "~/models/comparison-statuses";
import { comparisonCounts, listComparisons } from "~/models/shadow-comparisons.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

const STATUS_LABELS: Record<ComparisonStatusName, string> = {
  match: "Match",
  different: "Different",
  missing_in_shadow: "Missing in shadow",
  missing_in_primary: "Missing in primary",
  failed: "Not compared",
};
const STATUS_TONES: Record<ComparisonStatusName, "success" | "warning" | "critical" | undefined> = {
  match: "success",
  different: "warning",
  missing_in_shadow: "critical",
  missing_in_primary: "critical",
  failed: undefined,
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const requested = new URL(request.url).searchParams.get("status");
  const status = (COMPARISON_STATUSES as readonly string[]).includes(requested ?? "") ? (requested as ComparisonStatusName) : null;
  const shop = await findShop(db, session.shop);
  if (!shop) return { status, counts: null, comparisons: [] };
  const [counts, comparisons] = await Promise.all([comparisonCounts(db, shop.id), listComparisons(db, shop.id, status)]);
  return { status, counts, comparisons: comparisons.map((c) => ({ ...c, comparedAt: c.comparedAt.toISOString() })) };
};

export default function DualRun() {
  const { status, counts, comparisons } = useLoaderData<typeof loader>();
  const [, setSearchParams] = useSearchParams();
  const total = counts ? Object.values(counts).reduce((sum, n) => sum + n, 0) : 0;
  const tabs = [
    { id: "all", content: `All (${total})` },
    ...COMPARISON_STATUSES.map((s) => ({ id: s, content: `${STATUS_LABELS[s]} (${counts?.[s] ?? 0})` })),
  ];

  return (
    <Page title="Dual run" subtitle="Each order posted to the primary ERP, compared with its copy in the shadow ERP">
      <BlockStack gap="400">
        <Card padding="0">
          <Tabs
            tabs={tabs}
            selected={status ? COMPARISON_STATUSES.indexOf(status) + 1 : 0}
            onSelect={(i) => setSearchParams(i === 0 ? {} : { status: COMPARISON_STATUSES[i - 1] })}
          />
          {comparisons.length === 0 ? (
            <EmptyState heading={total === 0 ? "No order compared yet" : "Nothing here"} image="">
              <p>
                Choose a shadow ERP for orders in ERP routing: each new order then goes to both ERPs and its
                comparison (totals, lines, customer) appears here. The shadow never holds up the primary.
              </p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "comparison", plural: "comparisons" }}
              itemCount={comparisons.length}
              selectable={false}
              headings={[{ title: "Order" }, { title: "Primary ERP" }, { title: "Shadow ERP" }, { title: "Status" }, { title: "Differences" }, { title: "Compared" }]}
            >
              {comparisons.map((c, index) => (
                <IndexTable.Row id={c.id} key={c.id} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {c.sourceName ?? c.sourceId}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{`${c.primaryErp}: ${c.primaryErpNumber ?? "none"}`}</IndexTable.Cell>
                  <IndexTable.Cell>{`${c.shadowErp}: ${c.shadowErpNumber ?? "none"}`}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {c.differences.length === 0 ? (
                      <Text as="span" tone="subdued">
                        Same in both ERPs
                      </Text>
                    ) : (
                      <List type="bullet">
                        {c.differences.map((d) => (
                          <List.Item key={d}>{d}</List.Item>
                        ))}
                      </List>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>{new Date(c.comparedAt).toLocaleString("en")}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
