import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Tabs, Text } from "@shopify/polaris";
import db from "~/db.server";
import { AppError } from "~/errors";
import { findShop } from "~/models/shop.server";
import { findShopException, listExceptions, type ExceptionFilter } from "~/models/exception-list.server";
import { notifyExceptionChange } from "~/models/exception-tickets.server";
import { ignoreException, replayFromInbox, resolveException, retryException } from "~/models/exceptions.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

const FILTERS: ExceptionFilter[] = ["open", "closed", "all"];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  // A helpdesk ticket links here with ?exception=<id>: show every state so a closed one is listed too.
  const filter = (FILTERS as string[]).includes(url.searchParams.get("status") ?? "")
    ? (url.searchParams.get("status") as ExceptionFilter)
    : url.searchParams.has("exception") ? "all" : "open";
  const shop = await findShop(db, session.shop);
  const exceptions = shop ? await listExceptions(db, shop.id, filter) : [];
  return {
    filter,
    exceptions: exceptions.map((e) => ({ ...e, attempts: e._count.attempts, createdAt: e.createdAt.toISOString() })),
  };
};

const ACTIONS = ["retry", "replay", "resolve", "ignore"] as const;
type ExceptionAction = (typeof ACTIONS)[number];

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as ExceptionAction;
  const id = String(form.get("exceptionId") ?? "");
  if (!ACTIONS.includes(intent)) return Response.json({ error: `Unknown action "${intent}"` }, { status: 400 });
  const shop = await findShop(db, session.shop);
  if (!shop || !(await findShopException(db, shop.id, id))) {
    return Response.json({ error: "No such exception in this shop" }, { status: 404 });
  }
  const actor = `admin:${session.shop}`;
  try {
    if (intent === "retry") await retryException(db, appQueue(), { exceptionId: id, actor });
    if (intent === "replay") await replayFromInbox(db, appQueue(), { exceptionId: id, actor });
    if (intent === "resolve") await resolveException(db, { exceptionId: id, actor });
    if (intent === "ignore") await ignoreException(db, { exceptionId: id, actor });
    // A closed exception of high impact is noted on its helpdesk ticket; pressing again enqueues nothing new.
    if (intent === "resolve" || intent === "ignore") {
      await notifyExceptionChange(db, appQueue(), { exceptionId: id, event: intent === "resolve" ? "resolved" : "ignored" });
    }
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: 409 });
    throw error;
  }
  return Response.json({ ok: true, intent });
};

function ExceptionAction(props: {
  id: string;
  intent: ExceptionAction;
  label: string;
  description: string;
  busy: boolean;
  plain?: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="exceptionId" value={props.id} />
      <input type="hidden" name="intent" value={props.intent} />
      <Button submit disabled={props.busy} variant={props.plain ? "plain" : undefined} accessibilityLabel={props.description}>
        {props.label}
      </Button>
    </Form>
  );
}

const impactTone = { high: "critical", medium: "warning", low: undefined } as const;

function age(iso: string, now = Date.now()) {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

export default function Exceptions() {
  const { filter, exceptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [, setSearchParams] = useSearchParams();
  const busy = navigation.state !== "idle";

  return (
    <Page title="Exceptions" subtitle="Work that could not be done without you: read why, fix the cause, then retry">
      <BlockStack gap="400">
        {result && "error" in result ? <Banner tone="critical" title={result.error} /> : null}
        <Card padding="0">
          <Tabs
            tabs={FILTERS.map((f) => ({ id: f, content: f[0].toUpperCase() + f.slice(1) }))}
            selected={FILTERS.indexOf(filter)}
            onSelect={(i) => setSearchParams({ status: FILTERS[i] })}
          />
          {exceptions.length === 0 ? (
            <EmptyState heading={filter === "open" ? "No open exceptions" : "Nothing here"} image="">
              <p>
                When an order cannot be posted to the ERP (an unmapped SKU, a rejected document, an ERP that stays
                down), it lands here with the reason, the attempts so far and what you can do about it.
              </p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "exception", plural: "exceptions" }}
              itemCount={exceptions.length}
              selectable={false}
              headings={[
                { title: "Document" }, { title: "Flow" }, { title: "What failed" }, { title: "Impact" },
                { title: "Age" }, { title: "Attempts" }, { title: "Status" }, { title: "Actions" },
              ]}
            >
              {exceptions.map((e, index) => {
                const name = e.sourceName ?? e.sourceId ?? e.correlationId;
                return (
                  <IndexTable.Row id={e.id} key={e.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">{name}</Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{e.flow}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="100">
                        <Text as="span">{e.message}</Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {e.errorClass} · correlation {e.correlationId}
                        </Text>
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={impactTone[e.businessImpact as keyof typeof impactTone]}>{e.businessImpact}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{age(e.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>{e.attempts}</IndexTable.Cell>
                    <IndexTable.Cell>{e.status}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {e.status === "open" || e.status === "retrying" ? (
                        <InlineStack gap="200" wrap={false}>
                          {e.status === "open" && e.jobId ? (
                            <ExceptionAction id={e.id} intent="retry" label="Retry" description={`Retry ${name}`} busy={busy} />
                          ) : null}
                          {e.inboxEventId ? (
                            <ExceptionAction id={e.id} intent="replay" label="Replay" description={`Replay ${name} from the inbox`} busy={busy} />
                          ) : null}
                          <ExceptionAction id={e.id} intent="resolve" label="Resolve" description={`Mark ${name} resolved`} busy={busy} />
                          <ExceptionAction id={e.id} intent="ignore" label="Ignore" description={`Ignore ${name}`} busy={busy} plain />
                        </InlineStack>
                      ) : null}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
