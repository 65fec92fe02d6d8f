import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  FormLayout,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { readBackfillRange, type BackfillRangeErrors } from "~/flows/sync-jobs/backfill-range";
import { isStartableJob, MAX_BACKFILL_DAYS, STARTABLE_JOBS, SYNC_JOB_KIND_LABELS, SYNC_JOB_STATUS_LABELS, type StartableJob } from "~/flows/sync-jobs/labels";
import { formatDuration, runProgress } from "~/flows/sync-jobs/progress";
import { syncRunView, type SyncRunView } from "~/flows/sync-jobs/run-view";
import { startSyncJob } from "~/flows/sync-jobs/start-run";
import { findShop } from "~/models/shop.server";
import { listSyncJobs } from "~/models/sync-job-list.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

/** How often the list reloads while a run is going. */
const REFRESH_MS = 3_000;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") ?? "";
  const status = url.searchParams.get("status") ?? "";
  const filter = {
    kind: Object.hasOwn(SYNC_JOB_KIND_LABELS, kind) ? kind : undefined,
    status: Object.hasOwn(SYNC_JOB_STATUS_LABELS, status) ? status : undefined,
  };
  const shop = await findShop(db, session.shop);
  const runs = shop ? await listSyncJobs(db, shop.id, filter) : [];
  return { runs: runs.map(syncRunView), filter: { kind: filter.kind ?? "", status: filter.status ?? "" }, today: new Date().toISOString().slice(0, 10) };
};

type ActionResult = { ok: true; message: string; runId: string | null } | { ok: false; message: string; runId?: string | null; errors?: BackfillRangeErrors };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const job = String(form.get("job") ?? "");
  if (!isStartableJob(job)) return Response.json({ ok: false, message: `Unknown sync job "${job}"` } satisfies ActionResult, { status: 400 });
  const shop = await findShop(db, session.shop);
  if (!shop) return Response.json({ ok: false, message: "This shop is not installed" } satisfies ActionResult, { status: 404 });
  let range: { from: Date; to: Date } | undefined;
  if (job === "order_backfill") {
    const read = readBackfillRange({ from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") }, new Date());
    if (!read.ok) return Response.json({ ok: false, message: "Check the backfill dates", errors: read.errors } satisfies ActionResult, { status: 400 });
    range = { from: read.from, to: read.to };
  }
  const actor = session.onlineAccessInfo?.associated_user?.email ?? `admin:${session.shop}`;
  const outcome = await startSyncJob(db, appQueue(), { shop: { id: shop.id, domain: shop.domain }, job, actor, range });
  return Response.json(outcome satisfies ActionResult, { status: outcome.ok ? 200 : 409 });
};

const STATUS_TONE: Record<string, "info" | "success" | "critical" | "attention" | undefined> = {
  running: "info",
  cancelling: "attention",
  succeeded: "success",
  failed: "critical",
  cancelled: undefined,
};

function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status]}>{SYNC_JOB_STATUS_LABELS[status] ?? status}</Badge>;
}

function Progress({ run }: { run: SyncRunView }) {
  const { processed, percent } = runProgress(run);
  if (percent === null) {
    return (
      <Text as="span" tone="subdued">
        {run.unfinished ? `${processed} processed so far` : `${processed} processed`}
      </Text>
    );
  }
  return (
    <div style={{ minWidth: 120 }}>
      <ProgressBar progress={percent} size="small" animated={false} tone={run.failed > 0 ? "critical" : "success"} ariaLabelledBy={`progress-${run.id}`} />
      <span id={`progress-${run.id}`}>
        <Text as="span" variant="bodySm">{`${processed} of ${run.total} (${percent}%)`}</Text>
      </span>
    </div>
  );
}

function StartButton({ job, busy }: { job: Exclude<StartableJob, "order_backfill">; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="job" value={job} />
      <Button submit disabled={busy} accessibilityLabel={`Start ${STARTABLE_JOBS[job].label.toLowerCase()}`}>
        {STARTABLE_JOBS[job].label}
      </Button>
    </Form>
  );
}

function BackfillForm({ busy, today, errors }: { busy: boolean; today: string; errors: BackfillRangeErrors }) {
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="job" value="order_backfill" />
      <FormLayout>
        <FormLayout.Group condensed>
          <TextField label="From (UTC)" name="from" type="date" value={from} onChange={setFrom} error={errors.from} autoComplete="off" />
          <TextField label="To (UTC, inclusive)" name="to" type="date" value={to} onChange={setTo} error={errors.to} autoComplete="off" />
        </FormLayout.Group>
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p" tone="subdued">{`At most ${MAX_BACKFILL_DAYS} days. Orders already in the ERP are skipped.`}</Text>
          <Button submit variant="primary" disabled={busy}>Start order backfill</Button>
        </InlineStack>
      </FormLayout>
    </Form>
  );
}

function Filters({ kind, status }: { kind: string; status: string }) {
  const submit = useSubmit();
  const [params] = useSearchParams();
  const change = (name: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    submit(next, { method: "get", replace: true });
  };
  return (
    <InlineStack gap="300">
      <Select label="Kind" labelInline options={[{ label: "All kinds", value: "" }, ...Object.entries(SYNC_JOB_KIND_LABELS).map(([value, label]) => ({ label, value }))]} value={kind} onChange={change("kind")} />
      <Select label="Status" labelInline options={[{ label: "All statuses", value: "" }, ...Object.entries(SYNC_JOB_STATUS_LABELS).map(([value, label]) => ({ label, value }))]} value={status} onChange={change("status")} />
    </InlineStack>
  );
}

export default function SyncJobs() {
  const { runs, filter, today } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const revalidator = useRevalidator();
  const going = runs.some((r) => r.unfinished);
  const [now, setNow] = useState(() => new Date());

  // While a run is going, reload its counts every few seconds; stop once every run has ended.
  useEffect(() => {
    if (!going) return;
    const timer = setInterval(() => {
      setNow(new Date());
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [going, revalidator]);

  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);

  const errors = result && !result.ok ? (result.errors ?? {}) : {};
  const refused = result && !result.ok && !result.errors ? result : null;

  return (
    <Page title="Sync jobs" subtitle="Catalog syncs, inventory reconciliations and order backfills: their progress, and starting or cancelling one">
      <Layout>
        {refused ? (
          <Layout.Section>
            <Banner tone="warning" title={refused.message}>
              {refused.runId ? <Link url={`/app/sync-jobs/${refused.runId}`}>View the running job</Link> : null}
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Start a sync</Text>
                {(["catalog_full", "catalog_delta", "inventory_reconciliation"] as const).map((job) => (
                  <InlineStack key={job} gap="300" wrap={false} blockAlign="center">
                    <StartButton job={job} busy={busy} />
                    <Text as="p" variant="bodySm" tone="subdued">{STARTABLE_JOBS[job].help}</Text>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Order backfill</Text>
                <Text as="p" tone="subdued">{STARTABLE_JOBS.order_backfill.help}</Text>
                <BackfillForm busy={busy} today={today} errors={errors} />
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center" gap="300">
                <Text as="h2" variant="headingMd">Runs</Text>
                <Filters kind={filter.kind} status={filter.status} />
              </InlineStack>
              {runs.length === 0 ? (
                <EmptyState heading={filter.kind || filter.status ? "No sync job matches these filters" : "No sync job yet"} image="">
                  <p>Runs of the catalog sync, the inventory reconciliation and order backfills appear here with their progress, whether the worker's timers or you started them.</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "sync job", plural: "sync jobs" }}
                  itemCount={runs.length}
                  selectable={false}
                  headings={[
                    { title: "Job" },
                    { title: "Status" },
                    { title: "Progress" },
                    { title: "Done", alignment: "end" },
                    { title: "Failed", alignment: "end" },
                    { title: "Skipped", alignment: "end" },
                    { title: "Started" },
                    { title: "Duration" },
                  ]}
                >
                  {runs.map((run, index) => (
                    <IndexTable.Row id={run.id} key={run.id} position={index}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <Link url={`/app/sync-jobs/${run.id}`} removeUnderline accessibilityLabel={`${SYNC_JOB_KIND_LABELS[run.kind] ?? run.kind} started ${new Date(run.startedAt).toLocaleString()}`}>
                            <Text as="span" fontWeight="semibold">{SYNC_JOB_KIND_LABELS[run.kind] ?? run.kind}</Text>
                          </Link>
                          <Text as="span" variant="bodySm" tone="subdued">{run.scope}</Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <StatusBadge status={run.status} />
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Progress run={run} />
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{run.done}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric tone={run.failed > 0 ? "critical" : undefined}>{run.failed}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>{run.skipped}</Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{new Date(run.startedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}</IndexTable.Cell>
                      <IndexTable.Cell>{formatDuration(run.startedAt, run.finishedAt, now)}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
