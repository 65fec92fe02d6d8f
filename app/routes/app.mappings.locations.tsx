/** Location mappings: which ERP warehouse's stock each Shopify location sells, and the units held back. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Divider, EmptyState, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { ErpWarehouse } from "~/connectors/erp";
import db from "~/db.server";
import { asAppError } from "~/errors";
import { actorOf } from "~/flows/mappings/actor";
import type { ChangeOutcome } from "~/flows/mappings/change-outcome";
import { locationRows, saveLocation, type LocationRow } from "~/flows/mappings/location-changes";
import { mappingPageContext } from "~/flows/mappings/page-context.server";
import { erpOf, mappingsShopify } from "~/flows/mappings/web-deps.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const empty = { rows: [] as LocationRow[], warehouses: [] as ErpWarehouse[], warehousesProblem: null as string | null, problem: null as string | null };
  const context = await mappingPageContext(db, session.shop, new URL(request.url));
  if (!context?.current) return empty;
  try {
    const target = { shopId: context.shop.id, shopDomain: context.shop.domain, connectionId: context.current.id };
    return { ...empty, ...(await locationRows({ db, client: mappingsShopify(db), erp: erpOf(context.current) }, target)) };
  } catch (error) {
    return { ...empty, problem: `Shopify's locations could not be read: ${asAppError(error).message}` };
  }
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const admin = await authenticate.admin(request);
  const context = await mappingPageContext(db, admin.session.shop, new URL(request.url));
  const form = await request.formData();
  const locationId = String(form.get("locationId") ?? "");
  if (!context?.current) return Response.json({ ok: false, errors: {}, message: "No ERP connection to map to", locationId }, { status: 409 });
  const target = { shopId: context.shop.id, shopDomain: context.shop.domain, connectionId: context.current.id };
  const deps = { db, client: mappingsShopify(db), erp: erpOf(context.current), actor: actorOf(admin) };
  let outcome: ChangeOutcome;
  try {
    outcome = await saveLocation(deps, target, { locationId, erpWarehouseId: form.get("erpWarehouseId"), safetyStock: form.get("safetyStock") });
  } catch (error) {
    outcome = { ok: false, errors: {}, message: asAppError(error).message };
  }
  return Response.json({ ...outcome, locationId }, { status: outcome.ok ? 200 : 400 });
};

type ActionAnswer = ChangeOutcome & { locationId: string };

function LocationForm(props: { row: LocationRow; warehouses: ErpWarehouse[]; answer: ActionAnswer | undefined; busy: boolean }) {
  const { row, warehouses, busy } = props;
  const [warehouse, setWarehouse] = useState(row.erpWarehouseId ?? "");
  const [safetyStock, setSafetyStock] = useState(String(row.safetyStock));
  const errors = props.answer && !props.answer.ok && props.answer.locationId === row.locationId ? props.answer.errors : {};
  const options = [{ label: "Not mapped: no ERP stock", value: "" }, ...warehouses.map((w) => ({ label: `${w.name} (${w.erpId})`, value: w.erpId }))];
  // A mapping to a warehouse the ERP no longer lists stays visible, so it can be seen and changed.
  if (row.erpWarehouseId && !warehouses.some((w) => w.erpId === row.erpWarehouseId)) options.push({ label: `${row.erpWarehouseId} (not in the ERP)`, value: row.erpWarehouseId });
  return (
    <Box padding="400">
      <Form method="post">
        <input type="hidden" name="locationId" value={row.locationId} />
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {row.name}
            </Text>
            {row.erpWarehouseId ? <Badge tone="success">{`ERP ${row.erpWarehouseId}`}</Badge> : <Badge tone="attention">Not mapped</Badge>}
          </InlineStack>
          <FormLayout>
            <FormLayout.Group>
              <Select label={`ERP warehouse for ${row.name}`} name="erpWarehouseId" options={options} value={warehouse} onChange={setWarehouse} error={errors.erpWarehouseId} />
              <TextField
                label={`Safety stock for ${row.name}`}
                name="safetyStock"
                value={safetyStock}
                onChange={setSafetyStock}
                autoComplete="off"
                inputMode="numeric"
                helpText="Units of every SKU held back from Shopify at this location"
                error={errors.safetyStock}
              />
            </FormLayout.Group>
          </FormLayout>
          <InlineStack>
            <Button submit variant="primary" disabled={busy} accessibilityLabel={`Save ${row.name}`}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Box>
  );
}

export default function LocationMappings() {
  const { rows, warehouses, warehousesProblem, problem } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionAnswer>();
  const busy = useNavigation().state !== "idle";
  const shopify = useAppBridge();

  useEffect(() => {
    if (answer?.ok) shopify.toast.show(answer.message);
    else if (answer?.message) shopify.toast.show(answer.message, { isError: true });
  }, [answer, shopify]);

  return (
    <BlockStack>
      <Box padding="400" borderBlockEndWidth="025" borderColor="border">
        <Text as="p" tone="subdued">
          Stock of the chosen ERP warehouse becomes the location&apos;s available quantity in Shopify, less the safety stock.
        </Text>
      </Box>
      {problem || warehousesProblem ? (
        <Box padding="400">
          <Banner tone="critical" title={problem ?? warehousesProblem ?? ""} />
        </Box>
      ) : null}
      {answer && !answer.ok && answer.message ? (
        <Box padding="400">
          <Banner tone="critical" title={answer.message} />
        </Box>
      ) : null}
      {rows.length === 0 && !problem ? (
        <EmptyState heading="No Shopify locations" image="">
          <p>Add a location in Shopify&apos;s settings; it then appears here to map to an ERP warehouse.</p>
        </EmptyState>
      ) : (
        rows.map((row, index) => (
          <BlockStack key={row.locationId}>
            {index > 0 ? <Divider /> : null}
            <LocationForm key={`${row.erpWarehouseId}:${row.safetyStock}`} row={row} warehouses={warehouses} answer={answer} busy={busy} />
          </BlockStack>
        ))
      )}
    </BlockStack>
  );
}
