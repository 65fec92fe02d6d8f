import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, EmptyState, IndexTable, InlineGrid, InlineStack, Layout, Link, Page, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { cancelSyncJob } from "~/flows/sync-jobs/cancel-run";
import { SYNC_JOB_KIND_LABELS, SYNC_JOB_STATUS_LABELS } from "~/flows/sync-jobs/labels";
import { formatDuration, runProgress } from "~/flows/sync-jobs/progress";
import { syncRunView } from "~/flows/sync-jobs/run-view";
import { findShop } from "~/models/shop.server";
import { exceptionsOfRun, findShopSyncJob } from "~/models/sync-job-list.server";
import { authenticate } from "~/shopify.server";

const REFRESH_MS = 3_000;

const notFound = () => new Response("No such sync job in this shop", { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  const run = shop ? await findShopSyncJob(db, shop.id, params.id ?? "") : null;
  if (!shop || !run) throw notFound();
  // A backfill's order jobs carry the run's correlation id (startBackfill's default), so their exceptions are its own.
  const exceptions = run.kind === "order_backfill" ? await exceptionsOfRun(db, shop.id, `backfill:${run.id}`) : [];
  return {
    run: syncRunView(run),
    exceptions: exceptions.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    linksExceptions: run.kind === "order_backfill",
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") !== "cancel") return Response.json({ ok: false, message: `Unknown action "${String(form.get("intent"))}"` }, { status: 400 });
  const shop = await findShop(db, session.shop);
  if (!shop) return Response.json({ ok: false, message: "No such sync job in this shop" }, { status: 404 });
  const actor = session.onlineAccessInfo?.associated_user?.email ?? `admin:${session.shop}`;
  const outcome = await cancelSyncJob(db, { shopId: shop.id, runId: params.id ?? "", actor });
  return Response.json(outcome, { status: outcome.ok ? 200 : outcome.status });
};

const STATUS_TONE: Record<string, "info" | "success" | "critical" | "attention" | undefined> = {
  running: "info",
  cancelling: "attention",
  succeeded: "success",
  failed: "critical",
  cancelled: undefined,
};

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="h3" variant="bodySm" tone="subdued">{term}</Text>
      <Text as="p">{value}</Text>
    </BlockStack>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone?: "critical" }) {
  return (
    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="100">
        <Text as="h3" variant="bodySm" tone="subdued">{label}</Text>
        <Text as="p" variant="headingLg" tone={tone}>{String(value)}</Text>
      </BlockStack>
    </Box>
  );
}

export default function SyncJobDetail() {
  const { run, exceptions, linksExceptions } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; message: string }>();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const revalidator = useRevalidator();
  const [now, setNow] = useState(() => new Date());
  const label = SYNC_JOB_KIND_LABELS[run.kind] ?? run.kind;
  const { processed, percent } = runProgress(run);

  useEffect(() => {
    if (!run.unfinished) return;
    const timer = setInterval(() => {
      setNow(new Date());
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [run.unfinished, revalidator]);

  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);

  return (
    <Page
      title={label}
      titleMetadata={<Badge tone={STATUS_TONE[run.status]}>{SYNC_JOB_STATUS_LABELS[run.status] ?? run.status}</Badge>}
      subtitle={`Started ${new Date(run.startedAt).toLocaleString()}`}
      backAction={{ content: "Sync jobs", url: "/app/sync-jobs" }}
    >
      <Layout>
        {result && !result.ok ? (
          <Layout.Section>
            <Banner tone="warning" title={result.message} />
          </Layout.Section>
        ) : null}
        {run.status === "cancelling" ? (
          <Layout.Section>
            <Banner tone="info" title="Cancelling">
              <p>The job finishes the page it is on, then stops. Its counts stay as they are then.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">Progress</Text>
                {run.cancellable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <Button submit tone="critical" disabled={busy} accessibilityLabel={`Cancel this ${label.toLowerCase()}`}>
                      Cancel job
                    </Button>
                  </Form>
                ) : null}
              </InlineStack>
              {percent === null ? (
                <Text as="p" tone="subdued">
                  {run.unfinished ? `${processed} processed so far; the total is known when the job ends.` : `${processed} processed; the job ended before it knew its total.`}
                </Text>
              ) : (
                <BlockStack gap="100">
                  <ProgressBar progress={percent} animated={false} tone={run.failed > 0 ? "critical" : "success"} ariaLabelledBy="run-progress" />
                  <span id="run-progress">
                    <Text as="span">{`${processed} of ${run.total} (${percent}%)`}</Text>
                  </span>
                </BlockStack>
              )}
              <InlineGrid columns={3} gap="300">
                <Count label="Done" value={run.done} />
                <Count label="Failed" value={run.failed} tone={run.failed > 0 ? "critical" : undefined} />
                <Count label="Skipped" value={run.skipped} />
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Details</Text>
              <Fact term="Scope" value={run.scope || "—"} />
              {run.connectionId ? <Fact term="ERP connection" value={run.connectionId} /> : null}
              <Fact term="Started" value={new Date(run.startedAt).toLocaleString()} />
              <Fact term="Finished" value={run.finishedAt ? new Date(run.finishedAt).toLocaleString() : "Not yet"} />
              <Fact term="Duration" value={formatDuration(run.startedAt, run.finishedAt, now)} />
              <Fact term="Total" value={run.total === null ? "Not known yet" : String(run.total)} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">Last error</Text>
              {run.lastError ? (
                <Banner tone={run.status === "failed" ? "critical" : "warning"}>
                  <p>{run.lastError}</p>
                </Banner>
              ) : (
                <Text as="p" tone="subdued">None</Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        {linksExceptions ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">Exceptions from this job</Text>
                {exceptions.length === 0 ? (
                  <EmptyState heading="No exceptions" image="">
                    <p>An order this backfill queued that cannot be posted lands here and in the exception queue.</p>
                  </EmptyState>
                ) : (
                  <IndexTable
                    resourceName={{ singular: "exception", plural: "exceptions" }}
                    itemCount={exceptions.length}
                    selectable={false}
                    headings={[{ title: "Order" }, { title: "Error" }, { title: "Status" }, { title: "Raised" }]}
                  >
                    {exceptions.map((e, index) => (
                      <IndexTable.Row id={e.id} key={e.id} position={index}>
                        <IndexTable.Cell>
                          <Link url={`/app/exceptions?exception=${e.id}`}>{e.sourceName ?? e.sourceId ?? e.id}</Link>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{e.message}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <Badge>{e.status}</Badge>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{new Date(e.createdAt).toLocaleString()}</IndexTable.Cell>
                      </IndexTable.Row>
                    ))}
                  </IndexTable>
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
