import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, FormLayout, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { TARGET_FIELDS, TARGET_MAX_MINUTES, TARGET_MIN_MINUTES, type TargetField } from "~/components/dashboard/latency-target-fields";
import db from "~/db.server";
import { readTargetsForm, saveLatencyTargets } from "~/models/dashboard-targets.server";
import { readShopSettings } from "~/models/shop-settings.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  return { targets: (await readShopSettings(db, shop.id)).latencyTargets };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) return Response.json({ ok: false, errors: {}, message: "This shop is not installed" }, { status: 404 });
  const read = readTargetsForm(await request.formData());
  if (!read.ok) return Response.json({ ok: false, errors: read.errors }, { status: 400 });
  const actor = session.onlineAccessInfo?.associated_user?.email ?? `admin:${session.shop}`;
  const targets = await saveLatencyTargets(db, { shopId: shop.id, targets: read.targets, actor });
  return Response.json({ ok: true, targets });
};

type ActionResult = { ok: true; targets: Record<TargetField, number> } | { ok: false; errors: Partial<Record<TargetField, string>>; message?: string };

export default function LatencyTargetsPage() {
  const { targets } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();
  const [values, setValues] = useState<Record<TargetField, string>>(() => ({
    ordersMinutes: String(targets.ordersMinutes),
    stockMinutes: String(targets.stockMinutes),
    shipmentsMinutes: String(targets.shipmentsMinutes),
  }));
  const errors = result && !result.ok ? result.errors : {};

  useEffect(() => {
    if (result?.ok) shopify.toast.show("Latency targets saved");
  }, [result, shopify]);

  return (
    <Page title="Latency targets" subtitle="How fast documents should move; the dashboard counts every one that takes longer" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Form method="post" noValidate>
            <BlockStack gap="400">
              {result && !result.ok ? (
                <Banner tone="critical" title={result.message ?? "Nothing was saved: correct the fields marked below"} />
              ) : null}
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Targets per flow
                  </Text>
                  <FormLayout>
                    {TARGET_FIELDS.map((field) => (
                      <TextField
                        key={field.name}
                        label={field.label}
                        name={field.name}
                        type="number"
                        inputMode="numeric"
                        min={TARGET_MIN_MINUTES}
                        max={TARGET_MAX_MINUTES}
                        step={1}
                        autoComplete="off"
                        value={values[field.name]}
                        onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
                        helpText={field.help}
                        error={errors[field.name]}
                      />
                    ))}
                  </FormLayout>
                  <div>
                    <Button submit variant="primary" loading={busy}>
                      Save targets
                    </Button>
                  </div>
                </BlockStack>
              </Card>
            </BlockStack>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
