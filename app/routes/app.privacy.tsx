import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import db from "~/db.server";
import { listExports } from "~/models/privacy-exports.server";
import { listRedactions } from "~/models/privacy-redactions.server";
import { authenticate } from "~/shopify.server";

const EXPORT_STATUS: Record<string, { label: string; tone?: "success" | "attention" | "info" }> = {
  ready: { label: "Ready to send", tone: "attention" },
  downloaded: { label: "Downloaded", tone: "success" },
  withdrawn: { label: "Withdrawn: customer erased since", tone: "info" },
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [exports, redactions] = await Promise.all([listExports(db, session.shop), listRedactions(db, session.shop)]);
  return {
    exports: exports.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), downloadedAt: e.downloadedAt?.toISOString() ?? null })),
    redactions: redactions
      .filter((r) => r.topic === "customers/redact")
      .map((r) => ({ id: r.id, subject: r.subjectKey.startsWith("customer:") ? `Customer ${r.subjectKey.slice(9)}` : "Customer (by email or phone)", status: r.status, requestedAt: r.requestedAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null })),
  };
};

/** Fetches the export with the admin's session token (App Bridge adds it) and saves it as a file. */
async function download(id: string, dataRequestId: string) {
  const response = await fetch(`/app/privacy/${id}/download`);
  if (!response.ok) throw new Error(`Download failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `customer-data-request-${dataRequestId}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

export default function Privacy() {
  const { exports, redactions } = useLoaderData<typeof loader>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "");

  return (
    <Page title="Privacy" subtitle="Customer data requests and erasures sent by Shopify">
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {exports.length === 0 ? (
              <EmptyState heading="No customer data request yet" image="">
                <p>
                  When a customer asks your shop for their data, Shopify tells the app and the app gathers what it holds about
                  them here. Download the file and send it to the customer: Shopify does not collect it from apps.
                </p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "data request", plural: "data requests" }}
                itemCount={exports.length}
                selectable={false}
                headings={[{ title: "Request" }, { title: "Customer" }, { title: "Received" }, { title: "Status" }, { title: "" }]}
              >
                {exports.map((e, index) => (
                  <IndexTable.Row id={e.id} key={e.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">{`#${e.dataRequestId}`}</Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{e.customerId ?? "by email or phone"}</IndexTable.Cell>
                    <IndexTable.Cell>{when(e.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={EXPORT_STATUS[e.status]?.tone}>{EXPORT_STATUS[e.status]?.label ?? e.status}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {e.status === "withdrawn" ? null : (
                        <Button
                          loading={busy === e.id}
                          onClick={() => {
                            setBusy(e.id);
                            setError(null);
                            download(e.id, e.dataRequestId)
                              .catch((err: Error) => setError(err.message))
                              .finally(() => setBusy(null));
                          }}
                        >
                          Download JSON
                        </Button>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
          {error ? (
            <Text as="p" tone="critical">
              {error}
            </Text>
          ) : null}
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Erasures
              </Text>
              {redactions.length === 0 ? (
                <Text as="p" tone="subdued">
                  No customer erased yet.
                </Text>
              ) : (
                redactions.map((r) => (
                  <Text as="p" key={r.id}>
                    {`${r.subject}: ${r.status === "completed" ? `erased ${when(r.completedAt)}` : r.status}`}
                  </Text>
                ))
              )}
              <Text as="p" tone="subdued">
                The app removes the customer&apos;s personal data from what it stores and keeps order ids, amounts and ERP
                document numbers. Customer records in your ERP are yours to erase there.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
