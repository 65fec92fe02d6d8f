/**
 * /app/audit : who changed what in this shop's app, newest first (the latest 200 entries),
 * filtered by kind of action. Details are redacted on the server; no secret reaches the page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Select, Text } from "@shopify/polaris";
import db from "~/db.server";
import { AUDIT_PAGE_SIZE, auditActions, listAuditEntries } from "~/models/audit-log.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  const action = new URL(request.url).searchParams.get("action") ?? "";
  if (!shop) return { entries: [], actions: [], action, pageSize: AUDIT_PAGE_SIZE };
  const [entries, actions] = await Promise.all([listAuditEntries(db, shop.id, { action }), auditActions(db, shop.id)]);
  return { entries, actions, action, pageSize: AUDIT_PAGE_SIZE };
};

/** The filter offers each action and each family ("connection" for connection.create, connection.test...). */
function filterOptions(actions: string[]) {
  const families = [...new Set(actions.filter((a) => a.includes(".")).map((a) => a.split(".")[0]!))];
  const values = [...new Set([...families, ...actions])].sort();
  return [{ label: "All actions", value: "" }, ...values.map((value) => ({ label: families.includes(value) ? `${value} (all)` : value, value }))];
}

export default function AuditLog() {
  const { entries, actions, action, pageSize } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const [params] = useSearchParams();
  const choose = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set("action", value);
    else next.delete("action");
    submit(next, { method: "get", replace: true });
  };
  return (
    <Page title="Audit log" subtitle={`Changes made in the app, newest first (the latest ${pageSize})`}>
      <BlockStack gap="400">
        <InlineStack>
          <Select label="Action" labelInline options={filterOptions(actions)} value={action} onChange={choose} />
        </InlineStack>
        <Card padding="0">
          {entries.length === 0 ? (
            <EmptyState heading="Nothing recorded yet" image="">
              <p>Connection changes, tests, mappings, routing, go-live, sync jobs and exception actions appear here.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "entry", plural: "entries" }}
              itemCount={entries.length}
              selectable={false}
              headings={[{ title: "When" }, { title: "Who" }, { title: "Action" }, { title: "Target" }, { title: "Details" }]}
            >
              {entries.map((e, i) => (
                <IndexTable.Row id={e.id} key={e.id} position={i}>
                  <IndexTable.Cell>{new Date(e.at).toLocaleString()}</IndexTable.Cell>
                  <IndexTable.Cell>{e.actor}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">{e.action}</Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{e.subject}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <Text as="span" variant="bodySm" tone="subdued" breakWord>
                      {e.details}
                    </Text>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
