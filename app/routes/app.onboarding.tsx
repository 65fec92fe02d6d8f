/**
 * The first-run checklist: connect the ERP, connect Zendesk, map locations, match SKUs, choose
 * the flows, go live. Each step's state comes from the shop's data (a tested connection, a
 * location mapping, SKU mappings), so the list stays true when things change elsewhere.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  Divider,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  List,
  Page,
  ProgressBar,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useState, type ReactNode } from "react";
import { connectorFor } from "~/connectors/erp/factory";
import db from "~/db.server";
import { AppError } from "~/errors";
import { adminActor } from "~/flows/connections/audit";
import { autoMatchSkus, type AutoMatchResult } from "~/flows/connections/auto-match-skus";
import { parseFlowChoices, saveFlowChoices } from "~/flows/connections/flow-choices";
import { goLive } from "~/flows/connections/go-live";
import { saveLocationMappings } from "~/flows/connections/save-location-mappings";
import { shopifyVariantLookup, shopLocationsOf } from "~/flows/connections/shopify-reads.server";
import type { FieldErrors } from "~/models/connection-forms";
import { flowEnabledField, flowIntervalField, locationField, ONBOARDING_FLOWS, TIMED_FLOWS } from "~/models/connection-forms-onboarding";
import { CATALOG_REVIEW_REASON_TEXT } from "~/models/catalog-review-reasons";
import { findErpConnection } from "~/models/connections.server";
import { onboardingState, type StepStatus } from "~/models/onboarding.server";
import { findShop } from "~/models/shop.server";
import { readShopSettings, type SchedulableFlow } from "~/models/shop-settings.server";
import { authenticate } from "~/shopify.server";

const FLOW_TEXT: Record<SchedulableFlow, { label: string; help: string }> = {
  orders: { label: "Orders", help: "New and changed Shopify orders become ERP sales orders; the timer checks for orders a webhook missed." },
  inventory: { label: "Stock levels", help: "ERP stock becomes Shopify's available quantity per mapped location; the timer polls the ERP." },
  catalog: { label: "Products and prices", help: "ERP items and prices update the linked Shopify variants; the timer looks for changed items." },
  fulfillment: { label: "Shipments", help: "ERP shipments become Shopify fulfilments with tracking; the timer polls for new shipments." },
  returns: { label: "Returns", help: "Returns started from Zendesk are authorised in the ERP and refunded in Shopify." },
};
const FLOW_LABELS = Object.fromEntries(ONBOARDING_FLOWS.map((f) => [f, FLOW_TEXT[f].label])) as Record<SchedulableFlow, string>;

async function requireShop(request: Request) {
  const context = await authenticate.admin(request);
  const shop = await findShop(db, context.session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  return { ...context, shop, actor: adminActor(context.session.shop, context.sessionToken) };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the location step needs from both sides; each side's failure is told, not thrown. */
async function locationChoices(shopDomain: string, connectionId: string, shopId: string) {
  const connection = await findErpConnection(db, shopId, connectionId);
  const [locations, warehouses, mappings] = await Promise.all([
    shopLocationsOf(db, shopDomain).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, message: `Shopify's locations could not be read: ${messageOf(error)}` }),
    ),
    (async () => connectorFor(connection!).listWarehouses())().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, message: `The ERP's warehouses could not be read: ${messageOf(error)}` }),
    ),
    db.locationMapping.findMany({ where: { connectionId }, select: { shopifyLocationId: true, erpWarehouseId: true } }),
  ]);
  return { locations, warehouses, mapped: Object.fromEntries(mappings.map((m) => [m.shopifyLocationId, m.erpWarehouseId])) };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireShop(request);
  const [state, settings] = await Promise.all([onboardingState(db, shop), readShopSettings(db, shop.id)]);
  const primaryId = state.erp.primaryId;
  const canReadErp = primaryId !== null && state.erp.status === "done";
  const locationStep = canReadErp ? await locationChoices(shop.domain, primaryId, shop.id) : null;
  return {
    state,
    flows: Object.fromEntries(ONBOARDING_FLOWS.map((f) => [f, { enabled: settings.flows[f]?.enabled ?? true, intervalMinutes: settings.flows[f]?.intervalMinutes ?? null }])) as Record<
      SchedulableFlow,
      { enabled: boolean; intervalMinutes: number | null }
    >,
    locationStep,
  };
};

type ActionAnswer =
  | { intent: "map-locations" | "flows" | "go-live"; ok: true; message: string }
  | { intent: "map-locations" | "flows" | "go-live" | "auto-match"; ok: false; errors: FieldErrors }
  | { intent: "auto-match"; ok: true; result: AutoMatchResult };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireShop(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const answer = (body: ActionAnswer, status = 200) => Response.json(body, { status });
  const state = await onboardingState(db, shop);
  const connectionId = state.erp.primaryId;

  if (intent === "map-locations" || intent === "auto-match") {
    if (!connectionId || state.erp.status !== "done") return answer({ intent, ok: false, errors: { form: "Connect an ERP and pass its connection test first" } }, 409);
    if (intent === "auto-match") {
      const connection = await findErpConnection(db, shop.id, connectionId);
      try {
        const result = await autoMatchSkus({ db, connector: connectorFor(connection!), shopify: shopifyVariantLookup(db, shop.domain) }, { shopId: shop.id, connectionId, actor });
        return answer({ intent, ok: true, result });
      } catch (error) {
        return answer({ intent, ok: false, errors: { form: `Matching stopped: ${messageOf(error)}` } }, error instanceof AppError && error.errorClass === "validation" ? 422 : 502);
      }
    }
    const { locations, warehouses } = await locationChoices(shop.domain, connectionId, shop.id);
    if (!locations.ok || !warehouses.ok) return answer({ intent, ok: false, errors: { form: !locations.ok ? locations.message : !warehouses.ok ? warehouses.message : "" } }, 502);
    const choices = Object.fromEntries(locations.value.map((l) => [l.id, String(form.get(locationField(l.id)) ?? "")]));
    const saved = await saveLocationMappings(db, { shopId: shop.id, connectionId, actor, locations: locations.value, warehouses: warehouses.value, choices });
    if (!saved.ok) return answer({ intent, ok: false, errors: saved.errors }, 422);
    return answer({ intent, ok: true, message: `${saved.mapped} location${saved.mapped === 1 ? "" : "s"} mapped` });
  }
  if (intent === "flows") {
    const parsed = parseFlowChoices(form, FLOW_LABELS);
    if (!parsed.ok) return answer({ intent, ok: false, errors: parsed.errors }, 422);
    await saveFlowChoices(db, { shop, actor, choices: parsed.choices });
    return answer({ intent, ok: true, message: "Flow choices saved" });
  }
  if (intent === "go-live") {
    const result = await goLive(db, { shop, actor, mode: String(form.get("mode") ?? ""), primaryId: String(form.get("primaryId") ?? "") || undefined, shadowId: String(form.get("shadowId") ?? "") || undefined });
    if (!result.ok) return answer({ intent, ok: false, errors: result.errors }, 422);
    const said = { live: "You are live: orders now post to the ERP", shadow: "You are live in shadow mode: orders post to the primary ERP and a copy goes to the shadow", dry_run: "Dry run started: orders wait in the app and are not posted" };
    return answer({ intent, ok: true, message: said[result.mode] });
  }
  return answer({ intent: "flows", ok: false, errors: { form: `Unknown action "${intent}"` } }, 400);
};

const STATUS_BADGE: Record<StepStatus, { tone?: "success" | "attention"; text: string }> = {
  done: { tone: "success", text: "Done" },
  attention: { tone: "attention", text: "Needs attention" },
  todo: { text: "To do" },
};

function Step(props: { number: number; title: string; status: StepStatus; optional?: boolean; children: ReactNode }) {
  const badge = STATUS_BADGE[props.status];
  return (
    <section aria-label={`Step ${props.number}: ${props.title}`}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <Text as="h2" variant="headingMd">
              {props.number}. {props.title}
              {props.optional ? " (optional)" : ""}
            </Text>
            <Badge tone={badge.tone} progress={props.status === "done" ? "complete" : props.status === "attention" ? "partiallyComplete" : "incomplete"}>
              {badge.text}
            </Badge>
          </InlineStack>
          {props.children}
        </BlockStack>
      </Card>
    </section>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function ErpStep({ state }: { state: Data["state"] }) {
  const primary = state.erp.connections.find((c) => c.id === state.erp.primaryId);
  return (
    <Step number={1} title="Connect your ERP" status={state.erp.status}>
      <Text as="p" tone="subdued">
        Choose the ERP, enter its address and credentials, and test that the app can log in.
      </Text>
      {primary ? (
        <BlockStack gap="200">
          <Text as="p">
            <Text as="span" fontWeight="semibold">
              {primary.name}
            </Text>{" "}
            ({primary.provider}): {primary.lastTestedAt ? (primary.lastTestOk ? "connection works" : "the last connection test failed") : "not tested yet"}
          </Text>
          {primary.lastTestMessage ? (
            <Banner tone={primary.lastTestOk ? "success" : "critical"}>
              <p>{primary.lastTestMessage}</p>
            </Banner>
          ) : null}
          <InlineStack gap="200">
            <Button url={`/app/connections/erp/${primary.id}?from=onboarding`} variant={state.erp.status === "done" ? undefined : "primary"}>
              {state.erp.status === "done" ? "Edit connection" : "Open and test the connection"}
            </Button>
          </InlineStack>
        </BlockStack>
      ) : (
        <InlineStack>
          <Button url="/app/connections/erp/new?from=onboarding" variant="primary">
            Connect an ERP
          </Button>
        </InlineStack>
      )}
    </Step>
  );
}

function ZendeskStep({ state }: { state: Data["state"] }) {
  const { zendesk } = state;
  return (
    <Step number={2} title="Connect Zendesk" status={zendesk.status} optional>
      <Text as="p" tone="subdued">
        Support agents see each order's ERP status in the Zendesk ticket sidebar and can start returns; orders that cannot reach the ERP open tickets. Generate the shared secret and follow the install steps.
      </Text>
      <Text as="p">
        {!zendesk.connectionId ? "Not connected." : zendesk.hasSharedSecret ? "Connected; the sidebar's shared secret is saved." : "Connected, but the sidebar has no shared secret yet."}
      </Text>
      <InlineStack>
        <Button url="/app/connections/zendesk?from=onboarding" variant={zendesk.status === "done" ? undefined : "secondary"}>
          {zendesk.connectionId ? "Open Zendesk settings" : "Connect Zendesk"}
        </Button>
      </InlineStack>
    </Step>
  );
}

function LocationsStep({ state, step, errors, busy }: { state: Data["state"]; step: Data["locationStep"]; errors: FieldErrors; busy: boolean }) {
  const [choices, setChoices] = useState<Record<string, string>>(step?.mapped ?? {});
  return (
    <Step number={3} title="Map Shopify locations to ERP warehouses" status={state.locations.status}>
      <Text as="p" tone="subdued">
        Each Shopify location sells the stock of one ERP warehouse. Locations left unmapped keep the quantities set in Shopify.
      </Text>
      {!step ? (
        <Text as="p">Available once the ERP connection works.</Text>
      ) : !step.locations.ok || !step.warehouses.ok ? (
        <Banner tone="critical" title="The choices could not be read">
          <p>{!step.locations.ok ? step.locations.message : !step.warehouses.ok ? step.warehouses.message : ""}</p>
        </Banner>
      ) : step.locations.value.length === 0 ? (
        <Text as="p">This shop has no active locations in Shopify yet.</Text>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="map-locations" />
          <BlockStack gap="300">
            {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
            <FormLayout>
              {step.locations.value.map((location) => (
                <Select
                  key={location.id}
                  label={`ERP warehouse for ${location.name}`}
                  name={locationField(location.id)}
                  options={[{ label: "Not stocked from the ERP", value: "" }, ...(step.warehouses.ok ? step.warehouses.value : []).map((w) => ({ label: `${w.name} (${w.erpId})`, value: w.erpId }))]}
                  value={choices[location.id] ?? ""}
                  onChange={(value) => setChoices((c) => ({ ...c, [location.id]: value }))}
                  error={errors[locationField(location.id)]}
                />
              ))}
            </FormLayout>
            <InlineStack gap="200" blockAlign="center">
              <Button submit loading={busy}>
                Save location mapping
              </Button>
              <Button url="/app/mappings/locations" variant="plain">
                All location mappings
              </Button>
            </InlineStack>
          </BlockStack>
        </Form>
      )}
    </Step>
  );
}

function SkusStep({ state, result, errors, busy }: { state: Data["state"]; result: AutoMatchResult | null; errors: FieldErrors; busy: boolean }) {
  const { skus } = state;
  return (
    <Step number={4} title="Review SKU matches" status={skus.status}>
      <Text as="p" tone="subdued">
        Orders post only when every line's variant is linked to an ERP item. Match by SKU links each ERP item to the one Shopify variant with its SKU (or barcode); anything doubtful is left for you.
      </Text>
      <Text as="p">
        {skus.active} variant{skus.active === 1 ? "" : "s"} linked to ERP items{skus.conflicts > 0 ? `, ${skus.conflicts} marked as conflicts` : ""}.
      </Text>
      {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
      {result ? (
        <Banner tone={result.review.length > 0 ? "warning" : "success"} title={`Matched ${result.linked} new, ${result.alreadyMapped} already linked, of ${result.items} ERP items`}>
          <BlockStack gap="100">
            {result.notInShopify.length > 0 ? <p>Not in Shopify: {result.notInShopify.join(", ")}</p> : null}
            {result.review.length > 0 ? (
              <List>
                {result.review.map((r) => (
                  <List.Item key={r.itemCode}>
                    {r.itemCode}: {CATALOG_REVIEW_REASON_TEXT[r.reason]}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </BlockStack>
        </Banner>
      ) : null}
      <InlineStack gap="200" blockAlign="center">
        <Form method="post">
          <input type="hidden" name="intent" value="auto-match" />
          <Button submit loading={busy} disabled={state.erp.status !== "done"}>
            Match by SKU
          </Button>
        </Form>
        <Button url="/app/mappings/skus" variant="plain">
          Review SKU matches
        </Button>
      </InlineStack>
    </Step>
  );
}

function FlowsStep({ state, flows, errors, busy }: { state: Data["state"]; flows: Data["flows"]; errors: FieldErrors; busy: boolean }) {
  const [choices, setChoices] = useState(() => Object.fromEntries(ONBOARDING_FLOWS.map((f) => [f, { enabled: flows[f].enabled, interval: flows[f].intervalMinutes?.toString() ?? "" }])));
  return (
    <Step number={5} title="Choose which flows run" status={state.flows.status}>
      <Text as="p" tone="subdued">
        A flow turned off is paused: what Shopify or the ERP sends for it waits in the app and is handled, in order, once you turn it on. Leave an interval blank for the app's default.
      </Text>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="flows" />
        <BlockStack gap="300">
          {ONBOARDING_FLOWS.map((flow, index) => (
            <BlockStack key={flow} gap="200">
              {index > 0 ? <Divider /> : null}
              <InlineGrid columns={{ xs: 1, md: ["twoThirds", "oneThird"] }} gap="300" alignItems="center">
                <Checkbox
                  label={FLOW_TEXT[flow].label}
                  name={flowEnabledField(flow)}
                  value="on"
                  checked={choices[flow].enabled}
                  onChange={(checked) => setChoices((c) => ({ ...c, [flow]: { ...c[flow], enabled: checked } }))}
                  helpText={FLOW_TEXT[flow].help}
                />
                {TIMED_FLOWS.includes(flow) ? (
                  <TextField
                    label={`${FLOW_TEXT[flow].label} interval (minutes)`}
                    name={flowIntervalField(flow)}
                    type="number"
                    min={1}
                    max={1440}
                    value={choices[flow].interval}
                    onChange={(value) => setChoices((c) => ({ ...c, [flow]: { ...c[flow], interval: value } }))}
                    autoComplete="off"
                    placeholder="Default"
                    error={errors[flowIntervalField(flow)]}
                  />
                ) : (
                  <Text as="p" tone="subdued">
                    No timer: a return runs when an agent starts it in Zendesk.
                  </Text>
                )}
              </InlineGrid>
            </BlockStack>
          ))}
          <InlineStack align="end">
            <Button submit loading={busy}>
              Save flow choices
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Step>
  );
}

const MODE_TEXT = {
  live: "Live",
  shadow: "Live, with a shadow ERP",
  dry_run: "Dry run",
} as const;

function GoLiveStep({ state, errors, busy }: { state: Data["state"]; errors: FieldErrors; busy: boolean }) {
  const live = state.goLive;
  const active = state.erp.connections.filter((c) => c.status === "active");
  const [mode, setMode] = useState<string[]>([live.mode ?? "live"]);
  const [primaryId, setPrimaryId] = useState(active[0]?.id ?? "");
  const [shadowId, setShadowId] = useState(active[1]?.id ?? "");
  const options = active.map((c) => ({ label: `${c.name} (${c.provider})`, value: c.id }));
  return (
    <Step number={6} title="Go live" status={live.status}>
      <Text as="p">
        {live.mode
          ? `Now: ${MODE_TEXT[live.mode]}${live.liveAt ? ` since ${new Date(live.liveAt).toLocaleString()}` : ""}.`
          : live.ordersPauseReason
            ? "Not live yet: orders placed now wait in the app and are posted, in order, when you go live."
            : "Not live yet."}
        {live.ordersPauseReason && live.mode && live.mode !== "dry_run" ? ` Orders are paused: ${live.ordersPauseReason}.` : ""}
      </Text>
      {state.missingForLive.length > 0 ? (
        <Banner tone="info" title="Before going live">
          <List>
            {state.missingForLive.map((m) => (
              <List.Item key={m}>{m.charAt(0).toUpperCase() + m.slice(1)}</List.Item>
            ))}
          </List>
        </Banner>
      ) : null}
      {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
      <Form method="post">
        <input type="hidden" name="intent" value="go-live" />
        <BlockStack gap="300">
          <ChoiceList
            title="How to start"
            name="mode"
            selected={mode}
            onChange={setMode}
            error={errors.mode}
            choices={[
              { label: "Live", value: "live", helpText: "Orders post to the ERP from now on, with the orders that waited. Stock, products and shipments sync as chosen above." },
              {
                label: "Shadow",
                value: "shadow",
                disabled: active.length < 2,
                helpText:
                  active.length < 2
                    ? "Needs two ERP connections: orders post to the primary ERP and a copy goes to the shadow ERP, compared on the Dual run page. Use it to move from one ERP to another."
                    : "Orders post to the primary ERP and a copy goes to the shadow ERP; the Dual run page compares the two.",
              },
              {
                label: "Dry run",
                value: "dry_run",
                helpText:
                  "Orders are not posted: they wait in the app while stock, products and shipments already sync from the ERP into Shopify, so you can check them first. Switching to live posts the waiting orders in the order they came.",
              },
            ]}
          />
          {mode[0] === "shadow" && active.length >= 2 ? (
            <FormLayout>
              <FormLayout.Group>
                <Select label="Primary ERP" name="primaryId" options={options} value={primaryId} onChange={setPrimaryId} error={errors.primaryId} />
                <Select label="Shadow ERP" name="shadowId" options={options} value={shadowId} onChange={setShadowId} error={errors.shadowId} />
              </FormLayout.Group>
            </FormLayout>
          ) : null}
          <InlineStack align="end">
            <Button submit variant="primary" loading={busy} disabled={state.missingForLive.length > 0}>
              {mode[0] === "dry_run" ? "Start dry run" : "Go live"}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Step>
  );
}

export default function Onboarding() {
  const { state, flows, locationStep } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const shopify = useAppBridge();
  const errorsOf = (intent: string): FieldErrors => (answer && !answer.ok && answer.intent === intent ? answer.errors : {});
  const steps = [state.erp, state.zendesk, state.locations, state.skus, state.flows, state.goLive];
  const done = steps.filter((s) => s.status === "done").length;

  useEffect(() => {
    if (answer?.ok && "message" in answer) shopify.toast.show(answer.message);
    if (answer?.ok && answer.intent === "auto-match") shopify.toast.show(`${answer.result.linked} variants linked`);
  }, [answer, shopify]);

  return (
    <Page title="Set up ERP Bridge" subtitle="Connect your ERP and go live, one step at a time">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <InlineStack align="space-between">
                  <Text as="h2" variant="headingMd" id="setup-progress">
                    Setup progress
                  </Text>
                  <Text as="span" tone="subdued">
                    {done} of {steps.length} steps done
                  </Text>
                </InlineStack>
                <ProgressBar progress={(done / steps.length) * 100} tone="primary" size="small" ariaLabelledBy="setup-progress" />
                {answer?.ok && answer.intent === "go-live" ? <Banner tone="success" title={answer.message} /> : null}
              </BlockStack>
            </Card>
            <ErpStep state={state} />
            <ZendeskStep state={state} />
            <LocationsStep key={JSON.stringify(locationStep?.mapped ?? {})} state={state} step={locationStep} errors={errorsOf("map-locations")} busy={busy("map-locations")} />
            <SkusStep state={state} result={answer?.ok && answer.intent === "auto-match" ? answer.result : null} errors={errorsOf("auto-match")} busy={busy("auto-match")} />
            <FlowsStep state={state} flows={flows} errors={errorsOf("flows")} busy={busy("flows")} />
            <GoLiveStep state={state} errors={errorsOf("go-live")} busy={busy("go-live")} />
            <Box paddingBlockEnd="800" />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
