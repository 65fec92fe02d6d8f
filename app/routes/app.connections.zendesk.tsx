/**
 * The shop's Zendesk connection: the account and agent the app opens exception tickets as, and
 * the shared secret the ERP Bridge sidebar's requests are signed with. The secret is generated
 * here and shown once, with the steps to install the sidebar; it is never shown again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, FormLayout, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { CredentialField } from "~/components/connections/CredentialField";
import db from "~/db.server";
import { adminActor } from "~/flows/connections/audit";
import { generateSharedSecret, saveZendeskConnection, shopHelpdeskConnection } from "~/flows/connections/save-zendesk-connection";
import { formValues, type FieldErrors } from "~/models/connection-forms";
import { ZENDESK_FIELDS } from "~/models/connection-forms-zendesk";
import { findShop } from "~/models/shop.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  const connection = await shopHelpdeskConnection(db, shop.id);
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  return {
    appUrl: (process.env.SHOPIFY_APP_URL ?? "").replace(/\/$/, ""),
    connection: connection
      ? {
          id: connection.id,
          settings: { subdomain: text(connection.settings.subdomain), agentEmail: text(connection.settings.agentEmail), groupId: text(connection.settings.groupId) },
          savedSecrets: ZENDESK_FIELDS.filter((f) => f.secret && connection.secret[f.name]).map((f) => f.name),
          hasSharedSecret: typeof connection.secret.sharedSecret === "string" && connection.secret.sharedSecret !== "",
        }
      : null,
  };
};

type ActionAnswer =
  | { intent: "save"; ok: false; errors: FieldErrors }
  | { intent: "generate"; ok: true; sharedSecret: string; replaced: boolean; connectionId: string }
  | { intent: "generate"; ok: false; message: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const shop = await findShop(db, session.shop);
  if (!shop) throw new Response("This shop is not installed", { status: 404 });
  const actor = adminActor(session.shop, sessionToken);
  const form = await request.formData();
  const back = new URL(request.url).searchParams.get("from") === "onboarding" ? "&from=onboarding" : "";
  if (form.get("intent") === "generate") {
    const connection = await shopHelpdeskConnection(db, shop.id);
    if (!connection) return Response.json({ intent: "generate", ok: false, message: "Save the Zendesk connection before generating its shared secret" } satisfies ActionAnswer, { status: 409 });
    const generated = await generateSharedSecret(db, { shopId: shop.id, actor });
    // Sent once, in this answer only; the page never loads it again.
    return Response.json({ intent: "generate", ok: true, ...generated } satisfies ActionAnswer, { headers: { "Cache-Control": "no-store" } });
  }
  const saved = await saveZendeskConnection(db, { shopId: shop.id, actor, values: formValues(form, ZENDESK_FIELDS) });
  if (!saved.ok) return Response.json({ intent: "save", ok: false, errors: saved.errors } satisfies ActionAnswer, { status: 422 });
  return redirect(`/app/connections/zendesk?saved=${saved.created ? "created" : "updated"}${back}`);
};

function InstallSteps({ backendUrl, sharedSecret }: { backendUrl: string; sharedSecret: string | null }) {
  return (
    <List type="number">
      <List.Item>
        Package the sidebar app: run <code>npm run zendesk:package</code> in the app's folder; it writes the zip to upload.
      </List.Item>
      <List.Item>In Zendesk Admin Center, open Apps and integrations &gt; Zendesk Support apps, choose "Upload private app" and upload the zip.</List.Item>
      <List.Item>
        When Zendesk asks for the app's settings, set <b>Backend URL</b> to <code>{backendUrl}</code>
      </List.Item>
      <List.Item>
        Set <b>Shared secret</b> to {sharedSecret ? "the secret shown above" : "the secret generated here"}, then install the app for your agents.
      </List.Item>
    </List>
  );
}

export default function ZendeskConnectionPage() {
  const { connection, appUrl } = useLoaderData<typeof loader>();
  return <ZendeskConnection key={connection?.id ?? "new"} connection={connection} appUrl={appUrl} />;
}

function ZendeskConnection({ connection, appUrl }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const answer = useActionData<ActionAnswer>();
  const navigation = useNavigation();
  const busyIntent = navigation.state !== "idle" ? String(navigation.formData?.get("intent") ?? "") : null;
  const [searchParams] = useSearchParams();
  const fromOnboarding = searchParams.get("from") === "onboarding";
  const shopify = useAppBridge();
  const [values, setValues] = useState<Record<string, string>>(connection?.settings ?? {});
  const errors: FieldErrors = answer?.intent === "save" ? answer.errors : {};
  const generated = answer?.intent === "generate" && answer.ok ? answer : null;
  const generateFailed = answer?.intent === "generate" && !answer.ok ? answer.message : null;
  const saved = searchParams.get("saved");
  const savedSecrets = new Set(connection?.savedSecrets ?? []);
  const backendUrl = connection ? `${appUrl}/helpdesk/${connection.id}` : `${appUrl}/helpdesk/<connection id>`;

  useEffect(() => {
    if (saved) shopify.toast.show(saved === "created" ? "Zendesk connection saved" : "Zendesk connection updated");
  }, [saved, shopify]);
  useEffect(() => {
    if (generated) shopify.toast.show(generated.replaced ? "New shared secret generated: the old one no longer works" : "Shared secret generated");
  }, [generated, shopify]);

  return (
    <Page
      title="Connect Zendesk"
      subtitle="Agents see ERP orders in the ticket sidebar; exceptions open tickets"
      backAction={{ content: fromOnboarding ? "Setup" : "Connections", url: fromOnboarding ? "/app/onboarding" : "/app/connections" }}
      titleMetadata={connection ? <Badge tone={connection.hasSharedSecret ? "success" : "attention"}>{connection.hasSharedSecret ? "Sidebar secret set" : "Sidebar secret missing"}</Badge> : undefined}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length > 0 ? <Banner tone="critical" title="Nothing was saved: correct the fields marked below" /> : null}
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="save" />
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Zendesk account
                  </Text>
                  <FormLayout>
                    {ZENDESK_FIELDS.map((field) => (
                      <CredentialField
                        key={field.name}
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
                Sidebar shared secret
              </Text>
              {generateFailed ? <Banner tone="critical" title={generateFailed} /> : null}
              {generated ? (
                <Banner tone="warning" title="Copy this secret now: it is shown only once">
                  <BlockStack gap="200">
                    <Box padding="200" background="bg-surface-secondary" borderRadius="200">
                      <Text as="p" variant="bodyMd" fontWeight="semibold" breakWord>
                        <span aria-label="Shared secret">{generated.sharedSecret}</span>
                      </Text>
                    </Box>
                    {generated.replaced ? <p>The previous secret no longer works: update it in Zendesk.</p> : null}
                  </BlockStack>
                </Banner>
              ) : (
                <Text as="p" tone="subdued">
                  {!connection
                    ? "Save the Zendesk account first."
                    : connection.hasSharedSecret
                      ? "A secret is saved and hidden. Generating a new one replaces it: the sidebar stops working until Zendesk has the new one."
                      : "Generate the secret Zendesk signs the sidebar's requests with."}
                </Text>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="generate" />
                <Button submit disabled={!connection} loading={busyIntent === "generate"}>
                  {connection?.hasSharedSecret || generated ? "Generate a new shared secret" : "Generate shared secret"}
                </Button>
              </Form>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Install the sidebar in Zendesk
              </Text>
              <InstallSteps backendUrl={backendUrl} sharedSecret={generated?.sharedSecret ?? null} />
              {fromOnboarding && (connection?.hasSharedSecret || generated) ? (
                <InlineStack align="end">
                  <Button url="/app/onboarding" variant="primary">
                    Continue setup
                  </Button>
                </InlineStack>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
