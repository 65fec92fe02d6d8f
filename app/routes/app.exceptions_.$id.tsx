import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, Modal, Page, Text,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { ACTION_TEXT, availableActions, EXCEPTION_ACTIONS, type ExceptionAction } from "~/models/exception-actions";
import { actorOf, runExceptionAction } from "~/models/exception-actions.server";
import { exceptionDetail, type ExceptionDetail } from "~/models/exception-detail.server";
import { ERROR_CLASS_LABELS, FLOW_LABELS, labelOf, SOURCE_TYPE_LABELS } from "~/models/exception-filters";
import { findShop } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  const exception = shop ? await exceptionDetail(db, shop, params.id ?? "") : null;
  if (!exception) return data({ exception: null }, { status: 404 });
  return { exception };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as ExceptionAction;
  if (!EXCEPTION_ACTIONS.includes(intent)) return data({ error: `Unknown action "${intent}"` }, { status: 400 });
  const shop = await findShop(db, session.shop);
  const result = shop
    ? await runExceptionAction({ db, queue: appQueue() }, { shopId: shop.id, exceptionId: params.id ?? "", action: intent, actor: actorOf(session) })
    : null;
  if (!result || result.message === "no such exception in this shop") return data({ error: "No such exception in this shop" }, { status: 404 });
  return { intent, result };
};

const impactTone = { high: "critical", medium: "warning", low: undefined } as const;
const statusTone = { open: "attention", retrying: "info", resolved: "success", ignored: undefined } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en") : "");

export default function ExceptionPage() {
  const { exception } = useLoaderData<typeof loader>();
  if (!exception) {
    return (
      <Page title="Exception not found" backAction={{ content: "Exceptions", url: "/app/exceptions" }}>
        <Banner tone="warning" title="This shop has no such exception">
          <p>It may belong to another shop, or have been removed with its shop's data.</p>
        </Banner>
      </Page>
    );
  }
  return <ExceptionView e={exception} />;
}

function ExceptionView({ e }: { e: ExceptionDetail }) {
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const [confirming, setConfirming] = useState<ExceptionAction | null>(null);
  const busy = fetcher.state !== "idle";
  const name = e.sourceName ?? e.sourceId ?? e.correlationId;
  const actions = availableActions({ ...e, jobId: e.jobExists ? e.jobId : null });
  const answer = fetcher.data;

  useEffect(() => {
    if (!answer) return;
    if ("error" in answer) shopify.toast.show(answer.error, { isError: true });
    else shopify.toast.show(answer.result.ok ? answer.result.message : `Could not ${ACTION_TEXT[answer.intent].verb}: ${answer.result.message}`, { isError: !answer.result.ok });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);

  const pageAction = (action: ExceptionAction) => ({
    content: ACTION_TEXT[action].label,
    accessibilityLabel: `${ACTION_TEXT[action].label} ${name}`,
    onAction: () => setConfirming(action),
    disabled: busy,
  });
  const [primary, ...secondary] = actions;

  return (
    <Page
      title={name}
      subtitle={`${labelOf(FLOW_LABELS, e.flow)} exception`}
      titleMetadata={<Badge tone={statusTone[e.status as keyof typeof statusTone]}>{e.status}</Badge>}
      backAction={{ content: "Exceptions", url: "/app/exceptions" }}
      primaryAction={primary ? { ...pageAction(primary), primary: true } : undefined}
      secondaryActions={secondary.map(pageAction)}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {answer && "error" in answer ? <Banner tone="critical" title={answer.error} /> : null}
            {answer && "result" in answer && !answer.result.ok ? (
              <Banner tone="critical" title={`Could not ${ACTION_TEXT[answer.intent].verb} ${name}`}>
                <p>{answer.result.message}</p>
              </Banner>
            ) : null}
            {e.jobId && !e.jobExists ? (
              <Banner tone="warning" title="The job behind this exception no longer exists">
                <p>Retry is not possible. {e.inboxEventId ? "Replay runs the stored delivery again instead." : "Fix the cause and resolve, or ignore, this exception."}</p>
              </Banner>
            ) : null}
            <WhatFailed e={e} />
            <Attempts e={e} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Payload snapshot
                </Text>
                <Text as="p" tone="subdued">
                  What the job worked on, as it was stored. Tokens, passwords, API keys, Authorization headers and card numbers are replaced by [redacted].
                </Text>
                {e.payload ? (
                  <Box background="bg-surface-secondary" padding="300" borderRadius="200" overflowX="scroll">
                    <pre aria-label="Payload snapshot (secrets redacted)" style={{ margin: 0, fontSize: 12, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                      {e.payload}
                    </pre>
                  </Box>
                ) : (
                  <Text as="p">No snapshot was stored with this exception.</Text>
                )}
              </BlockStack>
            </Card>
            <Related e={e} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CorrelationCard correlationId={e.correlationId} />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Shop document
                </Text>
                {e.sourceType || e.sourceId ? (
                  <Text as="p">
                    {labelOf(SOURCE_TYPE_LABELS, e.sourceType) || "Document"} {e.sourceName ?? ""} {e.sourceId && e.sourceId !== e.sourceName ? `(id ${e.sourceId})` : ""}
                  </Text>
                ) : (
                  <Text as="p" tone="subdued">
                    Not about one document (a scheduled run, for example).
                  </Text>
                )}
                <Text as="h3" variant="headingSm">
                  Helpdesk ticket
                </Text>
                <Text as="p" tone={e.helpdeskTicketId ? undefined : "subdued"}>
                  {e.helpdeskTicketId
                    ? `Ticket ${e.helpdeskTicketId}: support hears of each new failure and of the resolution`
                    : e.businessImpact === "high"
                      ? "No ticket yet (opened when the shop has an active helpdesk connection)"
                      : "None: only exceptions of high business impact open a ticket"}
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
      {confirming ? (
        <Modal
          open
          title={`${ACTION_TEXT[confirming].label} ${name}?`}
          onClose={() => setConfirming(null)}
          primaryAction={{
            content: ACTION_TEXT[confirming].label,
            destructive: confirming === "ignore",
            loading: busy,
            onAction: () => {
              fetcher.submit({ intent: confirming }, { method: "post" });
              setConfirming(null);
            },
          }}
          secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(null) }]}
        >
          <Modal.Section>
            <Text as="p">{ACTION_TEXT[confirming].confirm}</Text>
          </Modal.Section>
        </Modal>
      ) : null}
    </Page>
  );
}

function WhatFailed({ e }: { e: ExceptionDetail }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What failed
        </Text>
        <Text as="p" variant="bodyLg" breakWord>
          {e.message}
        </Text>
        <InlineStack gap="200">
          <Badge>{labelOf(ERROR_CLASS_LABELS, e.errorClass)}</Badge>
          <Badge tone={impactTone[e.businessImpact as keyof typeof impactTone]}>{`${e.businessImpact} impact`}</Badge>
        </InlineStack>
        <Text as="p" tone="subdued">
          Created {when(e.createdAt)} · updated {when(e.updatedAt)}
          {e.resolvedAt ? ` · closed ${when(e.resolvedAt)} by ${e.resolvedBy ?? "unknown"}` : ""}
        </Text>
      </BlockStack>
    </Card>
  );
}

function Attempts({ e }: { e: ExceptionDetail }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Attempts
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "text", "text"]}
          headings={["When", "Outcome", "Message", "By"]}
          rows={e.attempts.map((a) => [
            when(a.at),
            [a.outcome, a.errorClass, a.durationMs === null ? null : `${a.durationMs} ms`].filter(Boolean).join(" · "),
            a.message ?? "",
            a.actor,
          ])}
        />
      </BlockStack>
    </Card>
  );
}

function Related({ e }: { e: ExceptionDetail }) {
  const section = (title: string, empty: string, headings: string[], rows: (string | number)[][]) => (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      {rows.length === 0 ? (
        <Text as="p" tone="subdued">
          {empty}
        </Text>
      ) : (
        <DataTable columnContentTypes={headings.map(() => "text" as const)} headings={headings} rows={rows} />
      )}
    </BlockStack>
  );
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Linked records
        </Text>
        {section(
          "Delivery received",
          "None: this work did not start from a webhook or an ERP callback.",
          ["Topic", "From", "Received", "Status"],
          e.deliveries.map((d) => [d.topic, d.source, when(d.receivedAt), d.processedAt ? `${d.status} ${when(d.processedAt)}` : d.status]),
        )}
        {section(
          "Queue jobs",
          "No job with this correlation id is left in the queue.",
          ["Job", "Status", "Attempts", "Last error", "Updated"],
          e.jobs.map((j) => [`${j.queue} / ${j.name}${j.id === e.jobId ? " (this exception's job)" : ""}`, j.status, `${j.attempts} of ${j.maxAttempts}`, j.lastError ?? "", when(j.updatedAt)]),
        )}
        {e.sourceType
          ? section(
              "In the ERP",
              "The ERP has no document for it yet.",
              ["ERP", "Document", "Number", "State", "Since"],
              e.documents.map((d) => [d.connection, d.erpType, d.erp, d.state, when(d.createdAt)]),
            )
          : null}
        {e.returnCases.map((c) => (
          <BlockStack gap="200" key={c.id}>
            {section(
              `Return case of ${c.orderName ?? `order ${c.orderId}`} (${c.status}${c.erpReturnNumber ? `, ERP ${c.erpReturnNumber}` : ""})`,
              "No step has run yet.",
              ["Step", "Outcome", "Message", "When"],
              c.steps.map((s) => [s.step, s.outcome, s.message ?? "", when(s.at)]),
            )}
          </BlockStack>
        ))}
        {section(
          "Changes made here",
          "Nobody has acted on this exception from the admin yet.",
          ["Action", "By", "When"],
          e.audit.map((a) => [a.action.replace(/^exception\./, ""), a.actor, when(a.at)]),
        )}
      </BlockStack>
    </Card>
  );
}

function CorrelationCard({ correlationId }: { correlationId: string }) {
  const shopify = useAppBridge();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(correlationId);
      shopify.toast.show("Correlation id copied");
    } catch {
      shopify.toast.show("Copying was blocked: select the id and copy it", { isError: true });
    }
  };
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Correlation id
        </Text>
        <InlineStack gap="200" blockAlign="center" wrap={false}>
          <Box background="bg-surface-secondary" padding="100" borderRadius="100">
            <Text as="span" variant="bodySm" fontWeight="medium" breakWord>
              <code aria-label="Correlation id value">{correlationId}</code>
            </Text>
          </Box>
          <Button size="slim" onClick={copy} accessibilityLabel="Copy the correlation id">
            Copy
          </Button>
        </InlineStack>
        <Text as="p" tone="subdued">
          The app does not store log lines. The web app and the worker write one JSON line per event to their error output, each with
          this correlation id: search your log system for it to see every call this work made. The delivery, jobs and documents that
          carry it are listed under Linked records.
        </Text>
      </BlockStack>
    </Card>
  );
}
