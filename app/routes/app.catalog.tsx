import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import db from "~/db.server";
import { startFullCatalogSync } from "~/flows/catalog/schedule";
import { actorOf } from "~/flows/mappings/actor";
import { CATALOG_REVIEW_REASON_TEXT, type CatalogReviewReason } from "~/models/catalog-review-reasons";
import { decideCatalogReview, openCatalogReviews } from "~/models/catalog-reviews.server";
import { findShop } from "~/models/shop.server";
import { recentSyncRuns } from "~/models/sync-runs.server";
import { appQueue } from "~/queue.server";
import { auditAdminAction } from "~/security/audit.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) return { runs: [], reviews: [] };
  const [runs, reviews] = await Promise.all([recentSyncRuns(db, shop.id, "catalog"), openCatalogReviews(db, shop.id)]);
  return {
    runs: runs.map((r) => ({
      id: r.id,
      status: r.status,
      mode: (JSON.parse(r.params) as { mode?: string }).mode ?? "",
      total: r.total,
      done: r.done,
      skipped: r.skipped,
      failed: r.failed,
      lastError: r.lastError,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    })),
    reviews: reviews.map((r) => ({ id: r.id, itemCode: r.itemCode, reason: r.reason, candidates: JSON.parse(r.candidates) as string[], detail: r.detail })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await authenticate.admin(request);
  const { session } = admin;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const shop = await findShop(db, session.shop);
  if (!shop) return Response.json({ error: "This shop is not installed" }, { status: 404 });
  const actor = actorOf(admin);
  if (intent === "full-sync") {
    const connections = await startFullCatalogSync(db, appQueue(), { id: shop.id, domain: shop.domain }, `admin:${session.shop}`);
    if (connections === 0) return Response.json({ error: "No active ERP connection serves products or prices" }, { status: 409 });
    await auditAdminAction(db, { shopId: shop.id, actor, action: "catalog.full_sync", subjectType: "shop", subjectId: shop.id, details: { connections } });
    return Response.json({ ok: true, message: "Full catalog sync queued" });
  }
  if (intent === "resolve" || intent === "ignore") {
    const reviewId = String(form.get("reviewId") ?? "");
    const decided = await decideCatalogReview(db, shop.id, reviewId, intent === "resolve" ? "resolved" : "ignored");
    if (!decided) return Response.json({ error: "No such review in this shop" }, { status: 404 });
    await auditAdminAction(db, { shopId: shop.id, actor, action: `catalog_review.${intent}`, subjectType: "catalog_review", subjectId: reviewId });
    return Response.json({ ok: true, message: intent === "resolve" ? "Marked resolved: the next sync checks the item again" : "Ignored" });
  }
  return Response.json({ error: `Unknown action "${intent}"` }, { status: 400 });
};

const runTone = { running: "info", succeeded: "success", failed: "critical", cancelled: undefined } as const;

function ReviewAction(props: { id: string; intent: "resolve" | "ignore"; label: string; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="reviewId" value={props.id} />
      <input type="hidden" name="intent" value={props.intent} />
      <Button submit disabled={props.busy} variant={props.intent === "ignore" ? "plain" : undefined}>
        {props.label}
      </Button>
    </Form>
  );
}

export default function Catalog() {
  const { runs, reviews } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";

  return (
    <Page title="Catalog" subtitle="ERP items become Shopify products and variants; ERP prices become their prices">
      <BlockStack gap="400">
        {result && "error" in result ? <Banner tone="critical" title={result.error} /> : null}
        {result && "message" in result ? <Banner tone="success" title={result.message} /> : null}
        <Card>
          <BlockStack gap="200">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">Sync runs</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="full-sync" />
                <Button submit disabled={busy}>Sync the whole catalog now</Button>
              </Form>
            </InlineStack>
            {runs.length === 0 ? (
              <EmptyState heading="No catalog sync yet" image="">
                <p>The worker syncs changed items every few minutes and the whole catalog a few times a day.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "run", plural: "runs" }}
                itemCount={runs.length}
                selectable={false}
                headings={[{ title: "Started" }, { title: "Kind" }, { title: "Status" }, { title: "Done", alignment: "end" }, { title: "Skipped", alignment: "end" }, { title: "Failed", alignment: "end" }, { title: "Total", alignment: "end" }, { title: "Last error" }]}
              >
                {runs.map((r, index) => (
                  <IndexTable.Row id={r.id} key={r.id} position={index}>
                    <IndexTable.Cell>{new Date(r.startedAt).toLocaleString()}</IndexTable.Cell>
                    <IndexTable.Cell>{r.mode === "delta" ? "Changes" : "Full"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Badge tone={runTone[r.status as keyof typeof runTone]}>{r.status}</Badge>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{r.done}</IndexTable.Cell>
                    <IndexTable.Cell>{r.skipped}</IndexTable.Cell>
                    <IndexTable.Cell>{r.failed}</IndexTable.Cell>
                    <IndexTable.Cell>{r.total ?? "…"}</IndexTable.Cell>
                    <IndexTable.Cell>{r.lastError ?? ""}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">To review</Text>
            {reviews.length === 0 ? (
              <EmptyState heading="Nothing to review" image="">
                <p>ERP items the sync cannot link with certainty (duplicate SKUs or barcodes, conflicting records) appear here.</p>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "item", plural: "items" }}
                itemCount={reviews.length}
                selectable={false}
                headings={[{ title: "ERP item" }, { title: "Why" }, { title: "Shopify variants" }, { title: "Actions" }]}
              >
                {reviews.map((r, index) => (
                  <IndexTable.Row id={r.id} key={r.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">{r.itemCode}</Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{CATALOG_REVIEW_REASON_TEXT[r.reason as CatalogReviewReason] ?? r.reason}</IndexTable.Cell>
                    <IndexTable.Cell>{r.candidates.join(", ")}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="200" wrap={false}>
                        <ReviewAction id={r.id} intent="resolve" label="Resolve" busy={busy} />
                        <ReviewAction id={r.id} intent="ignore" label="Ignore" busy={busy} />
                      </InlineStack>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
