/** Code mappings: the ERP's code for each Shopify tax, shipping method and payment gateway. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Button, Divider, FormLayout, IndexTable, InlineStack, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import db from "~/db.server";
import { asAppError } from "~/errors";
import { actorOf } from "~/flows/mappings/actor";
import type { ChangeOutcome } from "~/flows/mappings/change-outcome";
import { addCode, deleteCode, updateCode } from "~/flows/mappings/code-changes";
import { CODE_KIND_TEXT, CODE_KINDS, type CodeKind } from "~/flows/mappings/code-kinds";
import { mappingPageContext } from "~/flows/mappings/page-context.server";
import { codeMappings, type CodeMappingRow } from "~/models/mapping-codes.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const context = await mappingPageContext(db, session.shop, new URL(request.url));
  return { codes: context?.current ? await codeMappings(db, context.current.id) : ([] as CodeMappingRow[]) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await authenticate.admin(request);
  const context = await mappingPageContext(db, admin.session.shop, new URL(request.url));
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? "");
  // Which form answered: "add-<kind>" or "edit-<id>", so errors show on that form's fields only.
  const formId = text("formId");
  if (!context?.current) return Response.json({ ok: false, errors: {}, message: "No ERP connection to map to", formId }, { status: 409 });
  const deps = { db, actor: actorOf(admin) };
  const target = { shopId: context.shop.id, connectionId: context.current.id };
  let outcome: ChangeOutcome;
  try {
    const intent = text("intent");
    if (intent === "add") outcome = await addCode(deps, target, { kind: text("kind"), shopifyCode: form.get("shopifyCode"), erpCode: form.get("erpCode") });
    else if (intent === "update") outcome = await updateCode(deps, target, { id: text("id"), shopifyCode: form.get("shopifyCode"), erpCode: form.get("erpCode") });
    else if (intent === "delete") outcome = await deleteCode(deps, target, text("id"));
    else outcome = { ok: false, errors: {}, message: `Unknown action "${intent}"` };
  } catch (error) {
    outcome = { ok: false, errors: {}, message: asAppError(error).message };
  }
  return Response.json({ ...outcome, formId }, { status: outcome.ok ? 200 : 400 });
};

type ActionAnswer = ChangeOutcome & { formId: string };

const errorsFor = (answer: ActionAnswer | undefined, formId: string) => (answer && !answer.ok && answer.formId === formId ? answer.errors : {});

function CodeFields(props: { kind: CodeKind; formId: string; answer: ActionAnswer | undefined; initial?: { shopifyCode: string; erpCode: string } }) {
  const text = CODE_KIND_TEXT[props.kind];
  const [shopifyCode, setShopifyCode] = useState(props.initial?.shopifyCode ?? "");
  const [erpCode, setErpCode] = useState(props.initial?.erpCode ?? "");
  const errors = errorsFor(props.answer, props.formId);
  // A fresh add form after each code added: clear the fields.
  useEffect(() => {
    if (!props.initial && props.answer?.ok && props.answer.formId === props.formId) {
      setShopifyCode("");
      setErpCode("");
    }
  }, [props.answer, props.formId, props.initial]);
  return (
    <FormLayout.Group>
      <TextField label={text.shopifyLabel} name="shopifyCode" value={shopifyCode} onChange={setShopifyCode} autoComplete="off" helpText={text.shopifyHelp} error={errors.shopifyCode} />
      <TextField label={text.erpLabel} name="erpCode" value={erpCode} onChange={setErpCode} autoComplete="off" helpText={text.erpHelp} error={errors.erpCode} />
    </FormLayout.Group>
  );
}

function CodeRow(props: { row: CodeMappingRow; kind: CodeKind; index: number; answer: ActionAnswer | undefined; busy: boolean }) {
  const { row, kind, busy } = props;
  const formId = `edit-${row.id}`;
  const failed = props.answer && !props.answer.ok && props.answer.formId === formId;
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (props.answer?.formId === formId) setEditing(!props.answer.ok);
  }, [props.answer, formId]);
  const name = `${CODE_KIND_TEXT[kind].singular} ${row.shopifyCode}`;
  return (
    <IndexTable.Row id={row.id} position={props.index}>
      {editing || failed ? (
        <IndexTable.Cell colSpan={3}>
          <Form method="post">
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="id" value={row.id} />
            <FormLayout>
              <CodeFields kind={kind} formId={formId} answer={props.answer} initial={row} />
              <InlineStack gap="200">
                <Button submit variant="primary" disabled={busy} accessibilityLabel={`Save ${name}`}>
                  Save
                </Button>
                <Button onClick={() => setEditing(false)}>Cancel</Button>
              </InlineStack>
            </FormLayout>
          </Form>
        </IndexTable.Cell>
      ) : (
        <>
          <IndexTable.Cell>
            <Text as="span" fontWeight="semibold">
              {row.shopifyCode}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{row.erpCode}</IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="200" wrap={false}>
              <Button onClick={() => setEditing(true)} accessibilityLabel={`Edit ${name}`}>
                Edit
              </Button>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="formId" value={formId} />
                <input type="hidden" name="id" value={row.id} />
                <Button submit tone="critical" variant="plain" disabled={busy} accessibilityLabel={`Delete ${name}`}>
                  Delete
                </Button>
              </Form>
            </InlineStack>
          </IndexTable.Cell>
        </>
      )}
    </IndexTable.Row>
  );
}

function KindSection(props: { kind: CodeKind; rows: CodeMappingRow[]; answer: ActionAnswer | undefined; busy: boolean }) {
  const { kind, rows, answer, busy } = props;
  const text = CODE_KIND_TEXT[kind];
  const formId = `add-${kind}`;
  return (
    <Box padding="400">
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {text.title}
        </Text>
        {rows.length === 0 ? (
          <Text as="p" tone="subdued">{`No ${text.title.toLowerCase()} mapped yet: orders carry Shopify's names to the ERP as they are.`}</Text>
        ) : (
          <IndexTable
            resourceName={{ singular: text.singular.toLowerCase(), plural: text.title.toLowerCase() }}
            itemCount={rows.length}
            selectable={false}
            headings={[{ title: text.shopifyLabel }, { title: text.erpLabel }, { title: "Actions" }]}
          >
            {rows.map((row, index) => (
              <CodeRow key={row.id} row={row} kind={kind} index={index} answer={answer} busy={busy} />
            ))}
          </IndexTable>
        )}
        <Form method="post" aria-label={`Add a ${text.singular.toLowerCase()} mapping`}>
          <input type="hidden" name="intent" value="add" />
          <input type="hidden" name="formId" value={formId} />
          <input type="hidden" name="kind" value={kind} />
          <FormLayout>
            <CodeFields kind={kind} formId={formId} answer={answer} />
            <InlineStack>
              <Button submit disabled={busy} accessibilityLabel={`Add ${text.singular.toLowerCase()} mapping`}>
                Add mapping
              </Button>
            </InlineStack>
          </FormLayout>
        </Form>
      </BlockStack>
    </Box>
  );
}

export default function CodeMappings() {
  const { codes } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionAnswer>();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();

  useEffect(() => {
    if (answer?.ok) shopify.toast.show(answer.message);
    else if (answer?.message) shopify.toast.show(answer.message, { isError: true });
  }, [answer, shopify]);

  return (
    <BlockStack>
      {answer && !answer.ok && answer.message ? (
        <Box padding="400">
          <Banner tone="critical" title={answer.message} />
        </Box>
      ) : null}
      {CODE_KINDS.map((kind, index) => (
        <BlockStack key={kind}>
          {index > 0 ? <Divider /> : null}
          <KindSection kind={kind} rows={codes.filter((c) => c.kind === kind)} answer={answer} busy={busy} />
        </BlockStack>
      ))}
    </BlockStack>
  );
}
