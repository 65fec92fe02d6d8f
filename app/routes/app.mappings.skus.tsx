/** SKU mappings: each Shopify variant and the ERP item it stands for, with auto-match and conflicts. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, EmptyState, FormLayout, IndexTable, InlineStack, Tabs, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { asAppError } from "~/errors";
import { actorOf } from "~/flows/mappings/actor";
import { mappingPageContext } from "~/flows/mappings/page-context.server";
import { withParams } from "~/flows/mappings/page-url";
import type { ChangeOutcome } from "~/flows/mappings/change-outcome";
import { confirmSku, ignoreConflict, linkCandidate, removeSku, runAutoMatch, saveSku } from "~/flows/mappings/sku-changes";
import { SKU_FILTERS, type SkuFilter } from "~/flows/mappings/sku-filters";
import { conflictCount, skuRowOf, skuRows, type SkuConflict, type SkuRow } from "~/flows/mappings/sku-rows";
import { erpOf, itemMatchDeps, mappingsShopify } from "~/flows/mappings/web-deps.server";
import { authenticate } from "~/shopify.server";

const isFilter = (value: string | null): value is SkuFilter => SKU_FILTERS.includes(value as SkuFilter);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const filterParam = url.searchParams.get("filter");
  const filter: SkuFilter = isFilter(filterParam) ? filterParam : "all";
  const search = url.searchParams.get("q") ?? "";
  const editId = url.searchParams.get("edit");
  const empty = { filter, search, rows: [] as SkuRow[], conflicts: [] as SkuConflict[], nextCursor: null as string | null, conflictTotal: 0, editing: null as SkuRow | null, problem: null as string | null };
  const context = await mappingPageContext(db, session.shop, url);
  if (!context?.current) return empty;
  const target = { shopDomain: context.shop.domain, shopId: context.shop.id, connectionId: context.current.id };
  const deps = { db, client: mappingsShopify(db) };
  try {
    const [page, conflictTotal, editing] = await Promise.all([
      skuRows(deps, target, { filter, search, after: url.searchParams.get("after") }),
      conflictCount(db, target),
      editId && /^[1-9]\d*$/.test(editId) ? skuRowOf(deps, target, editId) : null,
    ]);
    return { ...empty, ...page, conflictTotal, editing };
  } catch (error) {
    return { ...empty, problem: `Shopify's variants could not be read: ${asAppError(error).message}` };
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await authenticate.admin(request);
  const context = await mappingPageContext(db, admin.session.shop, new URL(request.url));
  if (!context?.current) return Response.json({ ok: false, errors: {}, message: "No ERP connection to map to" } satisfies ChangeOutcome, { status: 409 });
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  const target = { shopDomain: context.shop.domain, shopId: context.shop.id, connectionId: context.current.id };
  const deps = { ...itemMatchDeps(db), client: mappingsShopify(db), erp: erpOf(context.current), actor: actorOf(admin) };
  let outcome: ChangeOutcome;
  try {
    switch (text("intent")) {
      case "save":
        outcome = await saveSku(deps, target, { variantId: text("variantId"), erpItemCode: form.get("erpItemCode"), safetyStock: form.get("safetyStock") });
        break;
      case "remove":
        outcome = await removeSku(deps, target, text("variantId"));
        break;
      case "confirm":
        outcome = await confirmSku(deps, target, text("variantId"));
        break;
      case "link":
        outcome = await linkCandidate(deps, target, { reviewId: text("reviewId"), variantId: text("variantId") });
        break;
      case "ignore":
        outcome = await ignoreConflict(deps, target, text("reviewId"));
        break;
      case "auto-match":
        outcome = await runAutoMatch(deps, target);
        break;
      default:
        outcome = { ok: false, errors: {}, message: `Unknown action "${text("intent")}"` };
    }
  } catch (error) {
    outcome = { ok: false, errors: {}, message: asAppError(error).message };
  }
  return Response.json({ ...outcome, variantId: text("variantId") }, { status: outcome.ok ? 200 : 400 });
};

type ActionAnswer = ChangeOutcome & { variantId: string };

const MATCHED_BY: Record<string, string> = { sku: "by SKU", barcode: "by barcode", manual: "by hand" };

function HiddenAction(props: { intent: string; fields: Record<string, string>; label: string; busy: boolean; tone?: "critical"; plain?: boolean; accessibilityLabel?: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit disabled={props.busy} tone={props.tone} variant={props.plain ? "plain" : undefined} accessibilityLabel={props.accessibilityLabel}>
        {props.label}
      </Button>
    </Form>
  );
}

function EditMapping(props: { row: SkuRow; answer: ActionAnswer | undefined; busy: boolean; closeUrl: string }) {
  const { row, answer, busy } = props;
  const [itemCode, setItemCode] = useState(row.mapping?.itemCode ?? row.sku ?? "");
  const [safetyStock, setSafetyStock] = useState(row.mapping?.safetyStock == null ? "" : String(row.mapping.safetyStock));
  const errors = answer && !answer.ok && answer.variantId === row.variantId ? answer.errors : {};
  const label = row.sku ? `${row.productTitle} (SKU ${row.sku})` : row.productTitle;
  return (
    <Box padding="400" borderBlockEndWidth="025" borderColor="border">
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">{`Edit mapping of ${label}`}</Text>
        <Form method="post">
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="variantId" value={row.variantId} />
          <FormLayout>
            <FormLayout.Group>
              <TextField
                label="ERP item code"
                name="erpItemCode"
                value={itemCode}
                onChange={setItemCode}
                autoComplete="off"
                helpText="Must exist in the ERP and be linked to no other variant"
                error={errors.erpItemCode}
              />
              <TextField
                label="Safety stock"
                name="safetyStock"
                value={safetyStock}
                onChange={setSafetyStock}
                autoComplete="off"
                inputMode="numeric"
                helpText="Units held back from Shopify for this SKU; blank for none"
                error={errors.safetyStock}
              />
            </FormLayout.Group>
            <InlineStack gap="200">
              <Button submit variant="primary" disabled={busy}>
                Save mapping
              </Button>
              <Button url={props.closeUrl}>Close</Button>
            </InlineStack>
          </FormLayout>
        </Form>
        {row.mapping ? (
          <InlineStack>
            <HiddenAction intent="remove" fields={{ variantId: row.variantId }} label="Remove mapping" tone="critical" busy={busy} />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Box>
  );
}

function Conflicts(props: { conflicts: SkuConflict[]; busy: boolean }) {
  if (props.conflicts.length === 0) return null;
  return (
    <Box padding="400" borderBlockEndWidth="025" borderColor="border">
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          ERP items auto-match could not place
        </Text>
        {props.conflicts.map((c) => (
          <BlockStack key={c.id} gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" fontWeight="semibold">{`ERP item ${c.itemCode}`}</Text>
              <Text as="span" tone="subdued">
                {c.why}
              </Text>
            </InlineStack>
            <InlineStack gap="200" blockAlign="center">
              {c.candidates.map((v) => (
                <HiddenAction key={v.variantId} intent="link" fields={{ reviewId: c.id, variantId: v.variantId }} label={`Link to ${v.label}`} busy={props.busy} />
              ))}
              <HiddenAction intent="ignore" fields={{ reviewId: c.id }} label="Leave unlinked" plain busy={props.busy} accessibilityLabel={`Leave ERP item ${c.itemCode} unlinked`} />
            </InlineStack>
          </BlockStack>
        ))}
      </BlockStack>
    </Box>
  );
}

export default function SkuMappings() {
  const { filter, search, rows, conflicts, nextCursor, conflictTotal, editing, problem } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionAnswer>();
  const busy = useNavigation().state !== "idle";
  const location = useLocation();
  const navigate = useNavigate();
  const shopify = useAppBridge();
  const [query, setQuery] = useState(search);
  // Shopify's cursors go forward only: "previous" returns to the first page.
  const paged = new URLSearchParams(location.search).has("after");
  const to = (changes: Record<string, string | null>) => `${location.pathname}${withParams(location.search, changes)}`;

  useEffect(() => {
    if (answer?.ok) shopify.toast.show(answer.message);
    else if (answer?.message) shopify.toast.show(answer.message, { isError: true });
  }, [answer, shopify]);

  const tabs = [
    { id: "all", content: "All" },
    { id: "unmapped", content: "Unmapped" },
    { id: "conflicts", content: `Conflicts (${conflictTotal})` },
  ];

  return (
    <BlockStack>
      <Box padding="400" borderBlockEndWidth="025" borderColor="border">
        <InlineStack align="space-between" blockAlign="end" gap="300">
          <Form method="get" action={location.pathname}>
            {[...new URLSearchParams(location.search)].filter(([k]) => !["q", "after", "edit"].includes(k)).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <InlineStack gap="200" blockAlign="end">
              <TextField label="Search by SKU, barcode or title" name="q" value={query} onChange={setQuery} autoComplete="off" placeholder="e.g. TEE-1" />
              <Button submit>Search</Button>
            </InlineStack>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="auto-match" />
            <Button submit variant="primary" disabled={busy}>
              Auto-match by SKU and barcode
            </Button>
          </Form>
        </InlineStack>
      </Box>
      {problem ? (
        <Box padding="400">
          <Banner tone="critical" title={problem} />
        </Box>
      ) : null}
      {answer && !answer.ok && answer.message && !editing ? (
        <Box padding="400">
          <Banner tone="critical" title={answer.message} />
        </Box>
      ) : null}
      {editing ? <EditMapping key={`${editing.variantId}:${editing.mapping?.itemCode}:${editing.mapping?.safetyStock}`} row={editing} answer={answer} busy={busy} closeUrl={to({ edit: null })} /> : null}
      <Tabs tabs={tabs} selected={Math.max(0, SKU_FILTERS.indexOf(filter))} onSelect={(i) => navigate(to({ filter: i === 0 ? null : SKU_FILTERS[i], after: null, edit: null }))} />
      {filter === "conflicts" ? <Conflicts conflicts={conflicts} busy={busy} /> : null}
      {rows.length === 0 ? (
        <EmptyState
          heading={filter === "conflicts" ? (conflicts.length ? "No doubtful links" : "No conflicts") : filter === "unmapped" ? "Every variant is linked" : "No variants found"}
          image=""
        >
          <p>
            {filter === "conflicts"
              ? "Ambiguous matches (duplicate SKUs or barcodes, a barcode on another SKU) appear here for you to settle; nothing is linked on a doubt."
              : search
                ? `No Shopify variant matches "${search}".`
                : "Shopify variants appear here with the ERP item each is linked to."}
          </p>
        </EmptyState>
      ) : (
        <IndexTable
          resourceName={{ singular: "variant", plural: "variants" }}
          itemCount={rows.length}
          selectable={false}
          headings={[{ title: "Product" }, { title: "SKU" }, { title: "Barcode" }, { title: "ERP item" }, { title: "Match" }, { title: "Safety stock", alignment: "end" }, { title: "Actions" }]}
          pagination={
            nextCursor !== null || paged
              ? { hasNext: nextCursor !== null, onNext: () => navigate(to({ after: nextCursor, edit: null })), hasPrevious: paged, onPrevious: () => navigate(to({ after: null, edit: null })) }
              : undefined
          }
        >
          {rows.map((r, index) => (
            <IndexTable.Row id={r.variantId} key={r.variantId} position={index}>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {r.productTitle}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{r.sku ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.barcode ?? "—"}</IndexTable.Cell>
              <IndexTable.Cell>{r.mapping ? r.mapping.itemCode : <Badge tone="attention">Not linked</Badge>}</IndexTable.Cell>
              <IndexTable.Cell>
                {r.mapping ? (
                  r.mapping.status === "conflict" ? (
                    <Badge tone="critical">Doubtful</Badge>
                  ) : (
                    <Badge tone="success">{`Linked ${MATCHED_BY[r.mapping.matchedBy] ?? r.mapping.matchedBy}`}</Badge>
                  )
                ) : null}
              </IndexTable.Cell>
              <IndexTable.Cell>
                <Text as="span" alignment="end" numeric>
                  {r.mapping?.safetyStock ?? "—"}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>
                <InlineStack gap="200" wrap={false}>
                  {r.inShopify ? (
                    <Button url={to({ edit: r.variantId })} accessibilityLabel={`Edit mapping of ${r.sku ?? r.productTitle}`}>
                      Edit
                    </Button>
                  ) : null}
                  {r.mapping?.status === "conflict" ? (
                    <HiddenAction intent="confirm" fields={{ variantId: r.variantId }} label="Confirm" busy={busy} accessibilityLabel={`Confirm link of ${r.sku ?? r.productTitle}`} />
                  ) : null}
                  {!r.inShopify ? (
                    <HiddenAction intent="remove" fields={{ variantId: r.variantId }} label="Remove" tone="critical" busy={busy} accessibilityLabel={`Remove link of ${r.sku ?? r.variantId}`} />
                  ) : null}
                </InlineStack>
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      )}
    </BlockStack>
  );
}
