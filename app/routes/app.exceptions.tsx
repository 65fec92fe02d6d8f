import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge, Banner, BlockStack, Button, Card, ChoiceList, EmptyState, IndexFilters, IndexFiltersMode, IndexTable, InlineStack,
  Link, Page, Text, useIndexResourceState, type IndexFiltersProps,
} from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { ACTION_TEXT, availableActions, EXCEPTION_ACTIONS, summarizeResults, type ActionResult, type ExceptionAction } from "~/models/exception-actions";
import { actorOf, MAX_BULK, runBulkExceptionAction } from "~/models/exception-actions.server";
import {
  AGE_LABELS, AGES, ERROR_CLASS_LABELS, EXCEPTION_STATUSES, filtersToSearch, FLOW_LABELS, IMPACTS, isFiltered, labelOf,
  parseExceptionFilters, SOURCE_TYPE_LABELS, STATUS_LABELS, type ExceptionFilters,
} from "~/models/exception-filters";
import { exceptionFilterChoices, findShopException, listExceptions } from "~/models/exception-list.server";
import { findShop } from "~/models/shop.server";
import { appQueue } from "~/queue.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const url = new URL(request.url);
  const filters = parseExceptionFilters(url.searchParams);
  const shop = await findShop(db, session.shop);
  // A helpdesk ticket links here with ?exception=<id>: open that exception, whatever its state.
  const linked = url.searchParams.get("exception");
  if (shop && linked && (await findShopException(db, shop.id, linked))) throw redirect(`/app/exceptions/${encodeURIComponent(linked)}`);
  const empty = { total: 0, pageCount: 1, rows: [] };
  const [list, choices] = shop
    ? await Promise.all([listExceptions(db, shop.id, filters), exceptionFilterChoices(db, shop.id)])
    : [empty, { flows: [], errorClasses: [], sourceTypes: [] }];
  return {
    filters,
    filtered: isFiltered(filters),
    missing: linked,
    total: list.total,
    pageCount: list.pageCount,
    choices,
    now: Date.now(),
    exceptions: list.rows.map(({ _count, createdAt, updatedAt, ...e }) => ({
      ...e,
      attempts: _count.attempts,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as ExceptionAction;
  if (!EXCEPTION_ACTIONS.includes(intent)) return data({ error: `Unknown action "${intent}"` }, { status: 400 });
  const ids = form.getAll("exceptionId").map(String).filter(Boolean);
  if (ids.length === 0) return data({ error: "Select at least one exception" }, { status: 400 });
  if (ids.length > MAX_BULK) return data({ error: `Select at most ${MAX_BULK} exceptions at once` }, { status: 400 });
  const shop = await findShop(db, session.shop);
  if (!shop) return data({ error: "This shop is not installed" }, { status: 404 });
  const results = await runBulkExceptionAction({ db, queue: appQueue() }, { shopId: shop.id, exceptionIds: ids, action: intent, actor: actorOf(session) });
  if (results.every((r) => !r.ok && r.message === "no such exception in this shop")) {
    return data({ error: "No such exception in this shop" }, { status: 404 });
  }
  return { intent, results, summary: summarizeResults(intent, results) };
};

type Row = ReturnType<typeof useLoaderData<typeof loader>>["exceptions"][number];

const impactTone = { high: "critical", medium: "warning", low: undefined } as const;
const statusTone = { open: "attention", retrying: "info", resolved: "success", ignored: undefined } as const;

function age(iso: string, now: number) {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}

const nameOf = (e: Pick<Row, "sourceName" | "sourceId" | "correlationId">) => e.sourceName ?? e.sourceId ?? e.correlationId;

/** The filter pills: each sets one query parameter; the list reloads from the URL. */
function useFilterControls(filters: ExceptionFilters, choices: { flows: string[]; errorClasses: string[]; sourceTypes: string[] }) {
  const [params, setParams] = useSearchParams();
  const set = (changes: Partial<Record<keyof ExceptionFilters, string | null>>) => {
    const next = new URLSearchParams(params);
    next.delete("exception");
    next.delete("page");
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const options = (codes: string[], labels: Record<string, string>, selected: string | null) =>
    [...new Set([...codes, ...(selected ? [selected] : [])])].map((code) => ({ label: labelOf(labels, code), value: code }));
  const pill = (key: "flow" | "errorClass" | "impact" | "age" | "sourceType", label: string, choiceOptions: { label: string; value: string }[]) => ({
    key,
    label,
    pinned: true,
    filter: (
      <ChoiceList
        title={label}
        titleHidden
        choices={choiceOptions}
        selected={filters[key] ? [filters[key]!] : []}
        onChange={([value]) => set({ [key]: value ?? null })}
      />
    ),
  });
  const filterPills: IndexFiltersProps["filters"] = [
    pill("flow", "Flow", options(choices.flows, FLOW_LABELS, filters.flow)),
    pill("errorClass", "Error class", options(choices.errorClasses, ERROR_CLASS_LABELS, filters.errorClass)),
    pill("impact", "Business impact", IMPACTS.map((i) => ({ label: i[0].toUpperCase() + i.slice(1), value: i }))),
    pill("age", "Age", (Object.keys(AGES) as (keyof typeof AGES)[]).map((a) => ({ label: AGE_LABELS[a], value: a }))),
    pill("sourceType", "Document type", options(choices.sourceTypes, SOURCE_TYPE_LABELS, filters.sourceType)),
  ];
  const applied: IndexFiltersProps["appliedFilters"] = [];
  const describe: [keyof ExceptionFilters, string, (v: string) => string][] = [
    ["flow", "Flow", (v) => labelOf(FLOW_LABELS, v)],
    ["errorClass", "Error class", (v) => labelOf(ERROR_CLASS_LABELS, v)],
    ["impact", "Impact", (v) => v],
    ["age", "Age", (v) => AGE_LABELS[v as keyof typeof AGE_LABELS]],
    ["sourceType", "Document type", (v) => labelOf(SOURCE_TYPE_LABELS, v)],
  ];
  for (const [key, label, text] of describe) {
    const value = filters[key];
    if (typeof value === "string") applied.push({ key, label: `${label}: ${text(value)}`, onRemove: () => set({ [key]: null }) });
  }
  return { set, filterPills, applied };
}

export default function Exceptions() {
  const { filters, filtered, missing, total, pageCount, choices, exceptions, now } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof action>();
  const shopify = useAppBridge();
  const navigation = useNavigation();
  const busy = fetcher.state !== "idle" || navigation.state !== "idle";
  const { set, filterPills, applied } = useFilterControls(filters, choices);
  const [query, setQuery] = useState(filters.q ?? "");
  const { mode, setMode } = useModeState(filtered);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(exceptions);
  const result = fetcher.data;

  useEffect(() => setQuery(filters.q ?? ""), [filters.q]);
  // The search box filters as the merchant types, once they pause.
  useEffect(() => {
    if (query === (filters.q ?? "")) return;
    const timer = setTimeout(() => set({ q: query.trim() || null }), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);
  useEffect(() => {
    if (!result) return;
    if ("error" in result) shopify.toast.show(result.error, { isError: true });
    else {
      shopify.toast.show(result.summary, { isError: result.results.every((r) => !r.ok) });
      clearSelection();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const submit = (intent: ExceptionAction, ids: string[]) => {
    const form = new FormData();
    form.set("intent", intent);
    for (const id of ids) form.append("exceptionId", id);
    fetcher.submit(form, { method: "post" });
  };
  const failures: ActionResult[] = result && "results" in result ? result.results.filter((r) => !r.ok) : [];
  const bulk = (intent: ExceptionAction) => ({ content: `${ACTION_TEXT[intent].label} selected`, onAction: () => submit(intent, selectedResources), disabled: busy });
  const pageLink = (page: number) => `?${filtersToSearch({ ...filters, page })}`;

  return (
    <Page title="Exceptions" subtitle="Work that could not be done without you: read why, fix the cause, then retry">
      <BlockStack gap="400">
        {missing ? (
          <Banner tone="warning" title="The linked exception is not in this shop">
            <p>No exception with id {missing} belongs to this shop. It may have been removed with its shop data.</p>
          </Banner>
        ) : null}
        {result && "error" in result ? <Banner tone="critical" title={result.error} /> : null}
        {result && "summary" in result ? (
          <Banner tone={failures.length === 0 ? "success" : result.results.length === failures.length ? "critical" : "warning"} title={result.summary} />
        ) : null}
        <Card padding="0">
          <IndexFilters
            tabs={EXCEPTION_STATUSES.map((s) => ({ id: `status-${s}`, content: STATUS_LABELS[s] }))}
            selected={EXCEPTION_STATUSES.indexOf(filters.status)}
            onSelect={(i) => set({ status: EXCEPTION_STATUSES[i] === "open" ? null : EXCEPTION_STATUSES[i] })}
            canCreateNewView={false}
            queryValue={query}
            queryPlaceholder="Search by document (#1001), Shopify id or correlation id"
            onQueryChange={setQuery}
            onQueryClear={() => {
              setQuery("");
              set({ q: null });
            }}
            filters={filterPills}
            appliedFilters={applied}
            onClearAll={() => set({ flow: null, errorClass: null, impact: null, age: null, sourceType: null, q: null })}
            filteringAccessibilityLabel="Search and filter exceptions"
            mode={mode}
            setMode={setMode}
            loading={busy}
          />
          <IndexTable
            resourceName={{ singular: "exception", plural: "exceptions" }}
            itemCount={exceptions.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[bulk("retry"), bulk("resolve"), bulk("ignore")]}
            emptyState={<ExceptionsEmptyState filtered={filtered} status={filters.status} />}
            headings={[
              { title: "Document" }, { title: "What failed" }, { title: "Impact" },
              { title: "Age" }, { title: "Attempts" }, { title: "Status" }, { title: "Actions" },
            ]}
            pagination={{
              hasPrevious: filters.page > 1,
              hasNext: filters.page < pageCount,
              previousURL: filters.page > 1 ? pageLink(filters.page - 1) : undefined,
              nextURL: filters.page < pageCount ? pageLink(filters.page + 1) : undefined,
              label: `Page ${filters.page} of ${pageCount} (${total} ${total === 1 ? "exception" : "exceptions"})`,
            }}
          >
            {exceptions.map((e, index) => (
              <ExceptionRow key={e.id} e={e} index={index} now={now} selected={selectedResources.includes(e.id)} busy={busy} onAction={submit} />
            ))}
          </IndexTable>
        </Card>
      </BlockStack>
    </Page>
  );
}

/** Filtering mode (the filter pills shown) while any filter is applied. */
function useModeState(filtered: boolean) {
  const [mode, setMode] = useState(filtered ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  return { mode, setMode };
}

function ExceptionRow(props: { e: Row; index: number; now: number; selected: boolean; busy: boolean; onAction: (intent: ExceptionAction, ids: string[]) => void }) {
  const { e } = props;
  const name = nameOf(e);
  const actions = availableActions(e);
  return (
    <IndexTable.Row id={e.id} position={props.index} selected={props.selected} accessibilityLabel={`Select ${name}`}>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <Link url={`/app/exceptions/${e.id}`} dataPrimaryLink removeUnderline accessibilityLabel={`Open exception ${name}`}>
            <Text as="span" fontWeight="semibold">
              {name}
            </Text>
          </Link>
          <Text as="span" tone="subdued" variant="bodySm">
            {labelOf(FLOW_LABELS, e.flow)}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {/* Table cells do not wrap; a message does, within a readable width. */}
        <div style={{ whiteSpace: "normal", minWidth: 220, maxWidth: 380 }}>
          <BlockStack gap="100">
            <Text as="span" breakWord>
              {e.message}
            </Text>
            <Text as="span" tone="subdued" variant="bodySm">
              {labelOf(ERROR_CLASS_LABELS, e.errorClass)}
            </Text>
          </BlockStack>
        </div>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={impactTone[e.businessImpact as keyof typeof impactTone]}>{e.businessImpact}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>{age(e.createdAt, props.now)}</IndexTable.Cell>
      <IndexTable.Cell>{e.attempts}</IndexTable.Cell>
      <IndexTable.Cell>
        <Badge tone={statusTone[e.status as keyof typeof statusTone]}>{e.status}</Badge>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {/* The row opens the detail page on click; these buttons act on the row instead. */}
        <div onClick={(event) => event.stopPropagation()}>
          <InlineStack gap="200" wrap={false}>
            {actions.includes("retry") ? (
              <Button size="slim" disabled={props.busy} accessibilityLabel={`Retry ${name}`} onClick={() => props.onAction("retry", [e.id])}>
                Retry
              </Button>
            ) : null}
            {actions.includes("resolve") ? (
              <Button size="slim" variant="plain" disabled={props.busy} accessibilityLabel={`Mark ${name} resolved`} onClick={() => props.onAction("resolve", [e.id])}>
                Resolve
              </Button>
            ) : null}
          </InlineStack>
        </div>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}

function ExceptionsEmptyState({ filtered, status }: { filtered: boolean; status: ExceptionFilters["status"] }) {
  if (filtered) {
    return (
      <EmptyState heading="No exception matches these filters" image="">
        <p>Change or clear the filters to see more. Resolved and ignored exceptions are under their own tab.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState heading={status === "open" ? "No open exceptions" : "No exceptions yet"} image="">
      <BlockStack gap="200">
        <p>Work that cannot finish without you lands here, with the reason, the attempts so far and what you can do:</p>
        <ul style={{ textAlign: "left", margin: 0 }}>
          <li>orders the ERP refused, or that name a SKU with no ERP item,</li>
          <li>orders not in the ERP within your latency target,</li>
          <li>shipments that do not fit their Shopify order,</li>
          <li>refunds and returns that failed part-way,</li>
          <li>stock and catalog updates that ran out of retries.</li>
        </ul>
        <p>Temporary failures are retried by themselves first; only what still fails comes here.</p>
      </BlockStack>
    </EmptyState>
  );
}
