import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import db from "~/db.server";
import { connectorFor } from "~/connectors/erp/factory";
import { testErpConnectionAudited } from "~/flows/connections/test-and-record";
import { actorOf } from "~/flows/mappings/actor";
import { listErpConnections } from "~/models/connections.server";
import { DUAL_RUN_FLOWS, ERP_FLOW_LABELS, ERP_FLOWS, routeField } from "~/models/erp-flows";
import { listRoutes, saveRoutes, type ErpRouteInput } from "~/models/erp-routes.server";
import { findShop } from "~/models/shop.server";
import { auditAdminAction } from "~/security/audit.server";
import { authenticate } from "~/shopify.server";

const FLOW_HELP: Record<(typeof ERP_FLOWS)[number], string> = {
  orders: "Where new orders are posted as sales orders.",
  refunds: "Where refunds are credited. Without a choice, a refund goes to the ERP that has its order.",
  stock: "Which ERP's stock levels the shop sells from.",
  shipments: "Which ERP's shipments and tracking reach Shopify.",
  catalog: "Which ERP's items become Shopify products.",
  prices: "Which ERP's selling prices Shopify shows.",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) return { connections: [], values: {} as Record<string, string> };
  const [connections, routes] = await Promise.all([listErpConnections(db, shop.id), listRoutes(db, shop.id)]);
  return {
    connections,
    values: Object.fromEntries(routes.map((r) => [routeField(r.flow, r.role), r.connectionId])),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await authenticate.admin(request);
  const { session } = admin;
  const shop = await findShop(db, session.shop);
  if (!shop)
    return {
      ok: false as const,
      errors: { form: "This shop is not installed" },
    };
  const form = await request.formData();
  if (form.get("intent") === "test") {
    const tested = await testErpConnectionAudited(db, { shopId: shop.id, actor: actorOf(admin), connectionId: String(form.get("connectionId") ?? "") }, connectorFor);
    return { ok: true as const, tested };
  }
  const routes: ErpRouteInput[] = [];
  for (const flow of ERP_FLOWS) {
    for (const role of ["primary", "shadow"]) {
      const connectionId = String(form.get(routeField(flow, role)) ?? "");
      if (connectionId) routes.push({ flow, role, connectionId });
    }
  }
  const saved = await saveRoutes(db, shop.id, routes);
  if (saved.ok) await auditAdminAction(db, { shopId: shop.id, actor: actorOf(admin), action: "erp_routes.update", subjectType: "shop", subjectId: shop.id, details: { routes } });
  return saved;
};

export default function ErpRouting() {
  const { connections, values: saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [values, setValues] = useState<Record<string, string>>(saved);
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const tested = result && "tested" in result ? result.tested : null;
  const options = connections.map((c) => ({
    label: c.status === "active" ? c.name : `${c.name} (${c.status})`,
    value: c.id,
  }));
  const select = (flow: string, role: "primary" | "shadow", label: string, empty: string) => {
    const name = routeField(flow, role);
    return (
      <Select
        label={label}
        name={name}
        options={[{ label: empty, value: "" }, ...options]}
        value={values[name] ?? ""}
        onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
        error={errors[name]}
      />
    );
  };

  return (
    <Page title="ERP routing" subtitle="Run two ERPs side by side: choose which one serves each flow">
      <BlockStack gap="400">
        {tested ? (
          <Banner tone={tested.ok ? "success" : "critical"} title={tested.ok ? "Connection works" : "Connection test failed"}>
            {tested.message}
          </Banner>
        ) : null}
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              ERP connections
            </Text>
            {connections.map((c) => (
              <InlineStack key={c.id} gap="300" align="space-between" blockAlign="center">
                <BlockStack gap="100">
                  <Text as="span" fontWeight="semibold">
                    {c.name} ({c.provider}, {c.status})
                  </Text>
                  <Text as="span" tone="subdued">
                    {c.lastTestedAt ? `Tested ${new Date(c.lastTestedAt).toLocaleString()}: ${c.lastTestMessage ?? ""}` : "Not tested yet"}
                  </Text>
                </BlockStack>
                <Form method="post">
                  <input type="hidden" name="intent" value="test" />
                  <input type="hidden" name="connectionId" value={c.id} />
                  <InlineStack gap="200" blockAlign="center">
                    {c.lastTestedAt ? <Badge tone={c.lastTestOk ? "success" : "critical"}>{c.lastTestOk ? "Works" : "Failing"}</Badge> : null}
                    <Button submit loading={busy}>
                      Test connection
                    </Button>
                  </InlineStack>
                </Form>
              </InlineStack>
            ))}
          </BlockStack>
        </Card>
        <Form method="post">
          <BlockStack gap="400">
            {result?.ok && !tested ? <Banner tone="success" title="Routing saved: new work follows it from now on" /> : null}
            {errors.form ? <Banner tone="critical" title={errors.form} /> : null}
            {result && !result.ok && !errors.form ? <Banner tone="critical" title="Nothing was saved: correct the fields marked below" /> : null}
            {connections.length < 2 ? (
              <Banner tone="info" title="Routing matters once the shop has two ERP connections">
                <p>Until then every flow uses the shop's active ERP connection.</p>
              </Banner>
            ) : null}
            {ERP_FLOWS.map((flow) => (
              <Card key={flow}>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {ERP_FLOW_LABELS[flow]}
                  </Text>
                  <Text as="p" tone="subdued">
                    {FLOW_HELP[flow]}
                  </Text>
                  <FormLayout>
                    <FormLayout.Group>
                      {select(flow, "primary", "Primary ERP", "The active ERP connection")}
                      {DUAL_RUN_FLOWS.includes(flow) ? select(flow, "shadow", "Shadow ERP (dual run, compared on the Dual run page)", "No shadow") : null}
                    </FormLayout.Group>
                  </FormLayout>
                </BlockStack>
              </Card>
            ))}
            <Button submit variant="primary" loading={busy}>
              Save routing
            </Button>
          </BlockStack>
        </Form>
      </BlockStack>
    </Page>
  );
}
