/**
 * One ERP connection: its type, name and credentials, and "Test connection" with the
 * connector's own words. /app/connections/erp/new creates one. Saved credentials are never
 * sent to the page: their fields say "saved, hidden" and stay blank unless replaced.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { CredentialField } from "~/components/connections/CredentialField";
import { createHash } from "node:crypto";
import { useEffect, useState } from "react";
import { connectorFor } from "~/connectors/erp/factory";
import db from "~/db.server";
import { adminActor } from "~/flows/connections/audit";
import { saveErpConnection } from "~/flows/connections/save-erp-connection";
import { testErpConnectionAudited } from "~/flows/connections/test-and-record";
import { formValues, type FieldErrors } from "~/models/connection-forms";
import { ERP_FIELDS, ERP_PROVIDERS, isErpProvider, type ErpProvider } from "~/models/connection-forms-erp";
import { findErpConnection } from "~/models/connections.server";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  if (params.id === "new") return { connection: null };
  const connection = await findErpConnection(db, shop.id, params.id ?? "");
  if (!connection) throw new Response("This shop has no such ERP connection", { status: 404 });
  const row = await db.connection.findUniqueOrThrow({
    where: { id: connection.id },
    select: { status: true, lastTestedAt: true, lastTestOk: true, lastTestMessage: true, secretCiphertext: true },
  });
  const provider = isErpProvider(connection.provider) ? connection.provider : null;
  // Settings the form shows, as text; credentials only by name, never by value.
  const settings = Object.fromEntries(
    (provider ? ERP_FIELDS[provider] : []).filter((f) => !f.secret).map((f) => [f.name, connection.settings[f.name] === undefined ? "" : String(connection.settings[f.name])]),
  );
  return {
    connection: {
      id: connection.id,
      name: connection.name,
      provider: connection.provider,
      status: row.status,
      settings,
      savedSecrets: Object.keys(connection.secret).filter((k) => connection.secret[k]),
      lastTestedAt: row.lastTestedAt?.toISOString() ?? null,
      lastTestOk: row.lastTestOk,
      lastTestMessage: row.lastTestMessage,
      // Changes with every save (a fresh seal), so the form starts again from what is stored.
      version: createHash("sha256").update(row.secretCiphertext ?? "").digest("hex").slice(0, 12),
    },
  };
};

type ActionAnswer =
  | { intent: "save"; ok: false; errors: FieldErrors }
  | { intent: "test"; ok: boolean; message: string };

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  const actor = adminActor(session.shop, sessionToken);
  const form = await request.formData();
  const back = new URL(request.url).searchParams.get("from") === "onboarding" ? "&from=onboarding" : "";

  if (form.get("intent") === "test") {
    if (params.id === "new") return Response.json({ intent: "test", ok: false, message: "Save the connection before testing it" } satisfies ActionAnswer, { status: 400 });
    const tested = await testErpConnectionAudited(db, { shopId: shop.id, actor, connectionId: params.id ?? "" }, connectorFor);
    return Response.json({ intent: "test", ...tested } satisfies ActionAnswer);
  }

  const provider = String(form.get("provider") ?? "");
  const fields = isErpProvider(provider) ? ERP_FIELDS[provider] : [];
  const saved = await saveErpConnection(db, {
    shop,
    actor,
    connectionId: params.id === "new" ? null : (params.id ?? null),
    provider,
    name: String(form.get("name") ?? ""),
    values: formValues(form, fields),
  });
  if (!saved.ok) return Response.json({ intent: "save", ok: false, errors: saved.errors } satisfies ActionAnswer, { status: 422 });
  return redirect(`/app/connections/erp/${saved.connectionId}?saved=${saved.created ? "created" : "updated"}${back}`);
};

export default function ErpConnectionPage() {
  const { connection } = useLoaderData<typeof loader>();
  // Typed credentials must not linger in the form once saved: a new version starts a new form.
  return <ErpConnection key={connection ? `${connection.id}:${connection.version}` : "new"} connection={connection} />;
}

function ErpConnection({ connection }: { connection: ReturnType<typeof useLoaderData<typeof loader>>["connection"] }) {
  const answer = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const busyIntent = navigation.state !== "idle" ? String(navigation.formData?.get("intent") ?? "") : null;
  const [searchParams] = useSearchParams();
  const fromOnboarding = searchParams.get("from") === "onboarding";
  const shopify = useAppBridge();
  const [provider, setProvider] = useState<ErpProvider>(connection && isErpProvider(connection.provider) ? connection.provider : "reference");
  const [name, setName] = useState(connection?.name ?? "");
  const [values, setValues] = useState<Record<string, string>>(connection?.settings ?? {});
  const errors: FieldErrors = answer?.intent === "save" ? answer.errors : {};
  const tested = answer?.intent === "test" ? answer : null;
  const saved = searchParams.get("saved");

  useEffect(() => {
    if (tested) shopify.toast.show(tested.ok ? "Connection works" : "Connection test failed", { isError: !tested.ok });
  }, [tested, shopify]);
  useEffect(() => {
    if (saved) shopify.toast.show(saved === "created" ? "ERP connection saved" : "ERP connection updated");
  }, [saved, shopify]);

  const savedSecrets = new Set(connection?.savedSecrets ?? []);
  const lastTest = tested ?? (connection?.lastTestedAt ? { ok: Boolean(connection.lastTestOk), message: connection.lastTestMessage ?? "" } : null);

  return (
    <Page
      title={connection ? connection.name : "Connect an ERP"}
      subtitle="The system of record for items, stock, prices and orders"
      backAction={{ content: fromOnboarding ? "Setup" : "Connections", url: fromOnboarding ? "/app/onboarding" : "/app/connections" }}
      titleMetadata={connection ? <Badge tone={connection.status === "active" ? "success" : undefined}>{connection.status}</Badge> : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length > 0 ? (
              <Banner tone="critical" title="Nothing was saved: correct the fields marked below">
                {errors.form ? <p>{errors.form}</p> : null}
              </Banner>
            ) : null}
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="save" />
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Connection details
                  </Text>
                  <FormLayout>
                    <Select
                      label="ERP type"
                      name="provider"
                      options={ERP_PROVIDERS.map((p) => ({ label: p.label, value: p.value }))}
                      value={provider}
                      onChange={(v) => isErpProvider(v) && setProvider(v)}
                      error={errors.provider}
                      disabled={Boolean(connection)}
                      helpText={connection ? "A connection's ERP type cannot change: add another connection for another ERP." : undefined}
                    />
                    {connection ? <input type="hidden" name="provider" value={provider} /> : null}
                    <TextField
                      label="Connection name"
                      name="name"
                      value={name}
                      onChange={setName}
                      autoComplete="off"
                      requiredIndicator
                      error={errors.name}
                      placeholder="Main ERP"
                      helpText="How this ERP is named on the app's pages."
                    />
                    {ERP_FIELDS[provider].map((field) => (
                      <CredentialField
                        key={`${provider}.${field.name}`}
                        field={field}
                        value={values[field.name] ?? ""}
                        onChange={(v) => setValues((current) => ({ ...current, [field.name]: v }))}
                        error={errors[field.name]}
                        saved={savedSecrets.has(field.name)}
                      />
                    ))}
                  </FormLayout>
                  <InlineStack align="end">
                    <Button submit variant="primary" loading={busyIntent === "save"}>
                      {connection ? "Save changes" : "Save connection"}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            </Form>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Connection test
              </Text>
              {!connection ? (
                <Text as="p" tone="subdued">
                  Save the connection, then test that the app can reach the ERP and log in.
                </Text>
              ) : (
                <>
                  {lastTest ? (
                    <Banner tone={lastTest.ok ? "success" : "critical"} title={lastTest.ok ? "Connection works" : "Connection test failed"}>
                      <p>{lastTest.message}</p>
                    </Banner>
                  ) : (
                    <Text as="p" tone="subdued">
                      Not tested since the last change.
                    </Text>
                  )}
                  {connection.lastTestedAt && !tested ? (
                    <Text as="p" tone="subdued">
                      Tested {new Date(connection.lastTestedAt).toLocaleString()}
                    </Text>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="intent" value="test" />
                    <Button submit loading={busyIntent === "test"}>
                      Test connection
                    </Button>
                  </Form>
                  {fromOnboarding && lastTest?.ok ? (
                    <Button url="/app/onboarding" variant="primary">
                      Continue setup
                    </Button>
                  ) : null}
                </>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
